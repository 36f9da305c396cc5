// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/** The convolutional NTK's gradients against central finite differences. */
class ConvNtkGradientTest {

    /** dK/du_z(p) = gCross[p] u_x(p) + 2 gNorm[p] u_z(p), checked entry by entry. */
    @ParameterizedTest
    @CsvSource({"1, 3, 2, 7", "2, 3, 1, 8", "3, 2, 2, 8", "2, 3, 3, 9"})
    void kernelGradientMatchesFiniteDifferences(int depth, int q, int c, int side) {
        Random rng = new Random(7 + depth);
        PatchGeometry g = new PatchGeometry(c, side, side, q, false);
        ConvNtk ntk = ConvNtk.of(g, depth);
        int positions = g.positions(), dim = g.patchDim();
        double[] ux = gaussian(rng, positions * dim);
        double[] uz = gaussian(rng, positions * dim);
        double[] gCross = new double[positions];
        double[] gNorm = new double[positions];
        ConvNtk.Workspace ws = ntk.workspace();
        double k0 = ntk.valueAndGradient(cross(ux, uz, positions, dim), ntk.diagonals(norms(ux, positions, dim)),
                ntk.diagonals(norms(uz, positions, dim)), ws, gCross, gNorm);
        assertEquals(value(ntk, ux, uz, positions, dim), k0, 1e-14 * Math.abs(k0));
        double h = 1e-6;
        double maxErr = 0, maxGrad = 0;
        for (int e = 0; e < uz.length; e++) {
            int p = e / dim;
            double analytic = gCross[p] * ux[e] + 2 * gNorm[p] * uz[e];
            double keep = uz[e];
            uz[e] = keep + h;
            double up = value(ntk, ux, uz, positions, dim);
            uz[e] = keep - h;
            double down = value(ntk, ux, uz, positions, dim);
            uz[e] = keep;
            double numeric = (up - down) / (2 * h);
            maxErr = Math.max(maxErr, Math.abs(numeric - analytic));
            maxGrad = Math.max(maxGrad, Math.abs(analytic));
        }
        assertTrue(maxGrad > 0, "zero gradient");
        assertTrue(maxErr <= 1e-6 * maxGrad, "max |fd - analytic| " + maxErr + " vs max |gradient| " + maxGrad);
    }

    /**
     * The predictor's gradient with respect to the untransformed expanded input (through u = M p), as the
     * patch AGOP takes it, against finite differences of f_o(p) = sum_i alpha_io k(x_i, M p) / scale.
     */
    @ParameterizedTest
    @CsvSource({"1, false", "2, true", "3, false"})
    void predictorGradientThroughTheMetricMatchesFiniteDifferences(int depth, boolean same) {
        Random rng = new Random(11 + depth);
        PatchGeometry g = new PatchGeometry(2, 8, 8, 3, same);
        ConvNtk ntk = ConvNtk.of(g, depth);
        int positions = g.positions(), dim = g.patchDim(), n = 5, outputs = 3;
        double[] metric = symmetric(rng, dim);
        double[] alpha = gaussian(rng, n * outputs);
        double scale = 2.5;
        try (ComputeBackend be = Backends.open("cpu")) {
            PatchFeatures train = PatchFeatures.ofExpanded(be, ntk, gaussian(rng, n * positions * dim), n, positions, dim,
                    metric);
            double[] raw = gaussian(rng, positions * dim);
            PatchFeatures z = PatchFeatures.ofExpanded(be, ntk, raw.clone(), 1, positions, dim, metric);
            double[] gu = new double[outputs * positions * dim];
            PatchAgop.sampleGradients(ntk, train, alpha, outputs, scale, z, 0, gu, 0);
            double h = 1e-6;
            for (int o = 0; o < outputs; o++) {
                double maxErr = 0, maxGrad = 0;
                for (int e = 0; e < raw.length; e += 3) {
                    int p = e / dim, k = e % dim;
                    double analytic = 0; // (M g_u)[k] at position p, M symmetric
                    for (int j = 0; j < dim; j++) {
                        analytic += metric[k * dim + j] * gu[(o * positions + p) * dim + j];
                    }
                    double keep = raw[e];
                    raw[e] = keep + h;
                    double up = predict(be, ntk, train, alpha, outputs, o, scale, raw, positions, dim, metric);
                    raw[e] = keep - h;
                    double down = predict(be, ntk, train, alpha, outputs, o, scale, raw, positions, dim, metric);
                    raw[e] = keep;
                    maxErr = Math.max(maxErr, Math.abs((up - down) / (2 * h) - analytic));
                    maxGrad = Math.max(maxGrad, Math.abs(analytic));
                }
                assertTrue(maxGrad > 0, "zero gradient");
                assertTrue(maxErr <= 1e-5 * maxGrad, "output " + o + ": max error " + maxErr + " vs " + maxGrad);
            }
        }
    }

    /** At an image paired with itself the angle term is dropped, and the gradient stays finite. */
    @ParameterizedTest
    @CsvSource({"1", "3"})
    void selfPairGradientIsFinite(int depth) {
        Random rng = new Random(3);
        PatchGeometry g = new PatchGeometry(1, 9, 9, 3, false);
        ConvNtk ntk = ConvNtk.of(g, depth);
        int positions = g.positions(), dim = g.patchDim();
        double[] u = gaussian(rng, positions * dim);
        double[][] d = ntk.diagonals(norms(u, positions, dim));
        double[] gCross = new double[positions], gNorm = new double[positions];
        double k = ntk.valueAndGradient(cross(u, u, positions, dim), d, d, ntk.workspace(), gCross, gNorm);
        assertTrue(Double.isFinite(k) && k > 0);
        for (int p = 0; p < positions; p++) {
            assertTrue(Double.isFinite(gCross[p]) && Double.isFinite(gNorm[p]));
        }
    }

    private static double predict(ComputeBackend be, ConvNtk ntk, PatchFeatures train, double[] alpha, int outputs, int o,
                                  double scale, double[] raw, int positions, int dim, double[] metric) {
        PatchFeatures z = PatchFeatures.ofExpanded(be, ntk, raw.clone(), 1, positions, dim, metric);
        double[] k = ConvKernelMatrix.between(ntk, z, train);
        double f = 0;
        for (int i = 0; i < train.count(); i++) {
            f += alpha[i * outputs + o] * k[i] / scale;
        }
        return f;
    }

    private static double value(ConvNtk ntk, double[] ux, double[] uz, int positions, int dim) {
        return ntk.value(cross(ux, uz, positions, dim), ntk.diagonals(norms(ux, positions, dim)),
                ntk.diagonals(norms(uz, positions, dim)), ntk.workspace());
    }

    static double[] cross(double[] a, double[] b, int positions, int dim) {
        double[] c = new double[positions];
        for (int p = 0; p < positions; p++) {
            for (int k = 0; k < dim; k++) {
                c[p] += a[p * dim + k] * b[p * dim + k];
            }
        }
        return c;
    }

    static double[] norms(double[] a, int positions, int dim) {
        return cross(a, a, positions, dim);
    }

    static double[] gaussian(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private static double[] symmetric(Random rng, int d) {
        double[] a = gaussian(rng, d * d);
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m[i * d + j] = (a[i * d + j] + a[j * d + i]) / 2 + (i == j ? 2 : 0);
            }
        }
        return m;
    }
}
