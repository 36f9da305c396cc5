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
        Precision pr = Precision.FLOAT64; // d x d: cheap, and keeps M accurate whatever the fit's precision
        try (DeviceMatrix sm = be.upload(s, d, d, pr);
             DeviceMatrix gm = be.upload(gu, d, d, pr);
             DeviceMatrix tmp = be.zeros(d, d, pr);
             DeviceMatrix out = be.zeros(d, d, pr)) {
            be.gemm(false, false, 1, sm, gm, 0, tmp);
            be.gemm(false, false, 1, tmp, sm, 0, out);
            return be.download(out);
        }
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

    /** {M, S} in float64: M = (G / max)^power, S = M^(1/2) (PSD powers by eigendecomposition; diag elementwise). */
    public static double[][] powerAndRoot(ComputeBackend be, double[] g, double max, double power, int d, boolean diag) {
        double[] gn = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            gn[i] = g[i] / max;
        }
        if (diag) {
            double[] m = new double[d], s = new double[d];
            for (int a = 0; a < d; a++) {
                m[a] = Math.pow(Math.max(gn[a], 0), power);
                s[a] = Math.sqrt(m[a]);
            }
            return new double[][] {m, s};
        }
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                double v = 0.5 * (gn[a * d + b] + gn[b * d + a]);
                gn[a * d + b] = v;
                gn[b * d + a] = v;
            }
        }
        try (DeviceMatrix gm = be.upload(gn, d, d, Precision.FLOAT64)) {
            double[] m = power == 1 ? gn : download(be, be.psdPower(gm, power));
            double[] s = download(be, be.psdPower(gm, power / 2));
            return new double[][] {m, s};
        }
    }

    private static double[] download(ComputeBackend be, DeviceMatrix m) {
        try (m) {
            return be.download(m);
        }
    }
}
