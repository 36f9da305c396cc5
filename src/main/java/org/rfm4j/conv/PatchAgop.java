// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

import java.util.stream.IntStream;

import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * The patch AGOP of a fitted convolutional kernel machine f_o(z) = sum_i alpha_io k(x_i, z) / scale:
 * at each sample image z the gradient of every output o with respect to every patch p_z(p) of the
 * expanded, untransformed image (through u = M p), stacked over positions and outputs into G
 * ({@code samples outputs positions x patchDim}), and AGOP = G^T G / samples.
 *
 * <p>With u the transformed patches, df_o/du_z(p) = sum_i alpha_io (gCross_i[p] u_i(p) + 2 gNorm_i[p]
 * u_z(p)) / scale ({@link ConvNtk#valueAndGradient}); the chain rule through u = M p multiplies by M
 * (symmetric). A sample that is also a training image meets itself: its angle term has no gradient
 * there and is dropped ({@link ReluArcCos}).
 */
public final class PatchAgop {
    private PatchAgop() {
    }

    /**
     * The patch AGOP ({@code patchDim x patchDim}, row-major).
     *
     * @param train   the training features (after M)
     * @param alpha   coefficients, row-major {@code n x outputs}
     * @param scale   the kernel normalisation the coefficients were fitted with
     * @param samples the sample images' features (after M)
     * @param metric  M, row-major (symmetric), or null for the identity
     */
    public static double[] compute(ComputeBackend be, ConvNtk ntk, PatchFeatures train, double[] alpha, int outputs,
                                   double scale, PatchFeatures samples, double[] metric) {
        int s = samples.count();
        int positions = ntk.positions();
        int dim = train.dim();
        int block = positions * dim;
        double[] g = new double[s * outputs * block];
        IntStream.range(0, s).parallel().forEach(t -> sampleGradients(ntk, train, alpha, outputs, scale, samples, t,
                g, t * outputs * block));
        int rows = s * outputs * positions;
        try (DeviceMatrix gu = be.upload(g, rows, dim, Precision.FLOAT64);
             DeviceMatrix agop = be.zeros(dim, dim, Precision.FLOAT64)) {
            if (metric == null) {
                be.gemm(true, false, 1.0 / s, gu, gu, 0.0, agop);
            } else {
                try (DeviceMatrix m = be.upload(metric, dim, dim, Precision.FLOAT64);
                     DeviceMatrix gp = be.zeros(rows, dim, Precision.FLOAT64)) {
                    be.gemm(false, false, 1.0, gu, m, 0.0, gp);
                    be.gemm(true, false, 1.0 / s, gp, gp, 0.0, agop);
                }
            }
            return be.download(agop);
        }
    }

    /**
     * The gradients df_o/du_z(p) of sample t, written at {@code out[offset + (o positions + p) dim + k]}.
     * Package-private for the finite-difference tests.
     */
    static void sampleGradients(ConvNtk ntk, PatchFeatures train, double[] alpha, int outputs, double scale,
                                PatchFeatures samples, int t, double[] out, int offset) {
        int n = train.count();
        int positions = ntk.positions();
        int dim = train.dim();
        int block = positions * dim;
        ConvNtk.Workspace ws = ntk.workspace();
        double[] cross = new double[positions];
        double[] gCross = new double[positions];
        double[] gNorm = new double[positions];
        double[] normCoef = new double[outputs * positions];
        double[] u = train.patches();
        for (int i = 0; i < n; i++) {
            PatchFeatures.crossProducts(train, i, samples, t, cross);
            ntk.valueAndGradient(cross, train.diagonal(i), samples.diagonal(t), ws, gCross, gNorm);
            for (int o = 0; o < outputs; o++) {
                double a = alpha[i * outputs + o] / scale;
                if (a == 0) {
                    continue;
                }
                int base = offset + o * block;
                for (int p = 0; p < positions; p++) {
                    double c = a * gCross[p];
                    int src = i * block + p;
                    int dst = base + p * dim;
                    for (int k = 0; k < dim; k++) {
                        out[dst + k] += c * u[src + k * positions];
                    }
                    normCoef[o * positions + p] += 2 * a * gNorm[p];
                }
            }
        }
        double[] z = samples.patches();
        for (int o = 0; o < outputs; o++) {
            for (int p = 0; p < positions; p++) {
                double c = normCoef[o * positions + p];
                int src = t * block + p;
                int dst = offset + o * block + p * dim;
                for (int k = 0; k < dim; k++) {
                    out[dst + k] += c * z[src + k * positions];
                }
            }
        }
    }
}
