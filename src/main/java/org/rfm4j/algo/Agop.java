// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * Host-side steps of the AGOP update, on d x d (or d) arrays: centring, S G S, normalisation, powers.
 * Public so that the experiments' loops (grokking, Deep RFM) share them with the RFM trainer.
 */
public final class Agop {
    private Agop() {
    }

    /**
     * Centres the Jacobians over the N sampled points: G -= (1/N) J^T J, J the c x d sum of
     * Jacobians (the uncentred second moment minus N times the outer product of the mean).
     */
    public static void center(double[] g, double[] jsum, int c, int d, int count, boolean diag) {
        double inv = 1.0 / count;
        for (int cc = 0; cc < c; cc++) {
            int o = cc * d;
            for (int a = 0; a < d; a++) {
                double ja = jsum[o + a] * inv;
                if (diag) {
                    g[a] -= ja * jsum[o + a];
                } else {
                    for (int b = 0; b < d; b++) {
                        g[a * d + b] -= ja * jsum[o + b];
                    }
                }
            }
        }
    }

    /** G = S G_u S: the AGOP in x coordinates from the one in u = S x coordinates (S symmetric). */
    public static double[] sandwich(ComputeBackend be, double[] s, double[] gu, int d) {
        return product(be, s, gu, d, false);
    }

    /**
     * G = R G_u R^T: the AGOP in x coordinates from the one in u = R^T x coordinates, for any factor R
     * (d x d) of the metric, the pivoted Cholesky one of {@link #metricAndFactor} included.
     */
    public static double[] sandwichFactor(ComputeBackend be, double[] r, double[] gu, int d) {
        double[] g = product(be, r, gu, d, true);
        symmetrize(g, d);
        return g;
    }

    /** A G A (or A G A^T) on the backend, in float64: d x d is cheap, and M stays accurate whatever the fit's precision. */
    private static double[] product(ComputeBackend be, double[] a, double[] g, int d, boolean transposeLast) {
        Precision pr = Precision.FLOAT64;
        try (DeviceMatrix am = be.upload(a, d, d, pr);
             DeviceMatrix gm = be.upload(g, d, d, pr);
             DeviceMatrix tmp = be.zeros(d, d, pr);
             DeviceMatrix out = be.zeros(d, d, pr)) {
            be.gemm(false, false, 1, am, gm, 0, tmp);
            be.gemm(false, transposeLast, 1, tmp, am, 0, out);
            return be.download(out);
        }
    }

    /**
     * {M, R} in float64 for the trainer: M = (G / max)^power and a factor R with R R^T = M. At power 1
     * with a full M and a Euclidean kernel, where only R R^T matters to distances, R is M's pivoted
     * Cholesky factor ({@link MetricFactor}: no eigendecomposition); otherwise R = M^(1/2) from
     * {@link #powerAndRoot}, which the Lpq kernels with p != 2 and the diagonal mode need.
     */
    public static double[][] metricAndFactor(ComputeBackend be, double[] g, double max, double power, int d,
                                             boolean diag, boolean euclidean) {
        if (diag || power != 1 || !euclidean) {
            return powerAndRoot(be, g, max, power, d, diag);
        }
        double[] gn = normalised(g, max);
        symmetrize(gn, d);
        return new double[][] {gn, MetricFactor.of(gn, d)};
    }

    /** The largest entry; throws NUMERICAL when G holds NaN or inf. */
    public static double maxEntry(double[] g, int it) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : g) {
            if (!Double.isFinite(v)) {
                throw new RfmException(ErrorCode.NUMERICAL, "iteration " + it + ": the AGOP holds " + v
                        + ": use --precision float64, a larger bandwidth or a larger reg");
            }
            max = Math.max(max, v);
        }
        return max;
    }

    /** {M, S} in float64: M = (G / max)^power, S = M^(1/2) (one eigendecomposition, for S, and M = S S; diag elementwise). */
    public static double[][] powerAndRoot(ComputeBackend be, double[] g, double max, double power, int d, boolean diag) {
        double[] gn = normalised(g, max);
        if (diag) {
            double[] m = new double[d], s = new double[d];
            for (int a = 0; a < d; a++) {
                m[a] = Math.pow(Math.max(gn[a], 0), power);
                s[a] = Math.sqrt(m[a]);
            }
            return new double[][] {m, s};
        }
        symmetrize(gn, d);
        try (DeviceMatrix gm = be.upload(gn, d, d, Precision.FLOAT64); DeviceMatrix sm = be.psdPower(gm, power / 2)) {
            double[] s = be.download(sm);
            if (power == 1) {
                return new double[][] {gn, s};
            }
            // M = S S: one eigendecomposition for both powers (same eigenvectors, same zeroed eigenvalues)
            try (DeviceMatrix mm = be.zeros(d, d, Precision.FLOAT64)) {
                be.gemm(false, false, 1.0, sm, sm, 0.0, mm);
                double[] m = be.download(mm);
                symmetrize(m, d);
                return new double[][] {m, s};
            }
        }
    }

    /** G / max, a new array. */
    private static double[] normalised(double[] g, double max) {
        double[] gn = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            gn[i] = g[i] / max;
        }
        return gn;
    }

    /** a <- (a + a^T) / 2 for a d x d row-major array. */
    private static void symmetrize(double[] a, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double v = 0.5 * (a[i * d + j] + a[j * d + i]);
                a[i * d + j] = v;
                a[j * d + i] = v;
            }
        }
    }
}
