// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfm4j.cpu.CpuBackend;
import org.rfm4j.spi.ComputeBackend;

/**
 * The trainer's metric factor: the pivoted Cholesky factor at power 1 and M^(1/2) must give the same M,
 * the same distances and the same AGOP mapped back to x coordinates (G = S G_u S^T).
 */
class AgopFactorTest {
    private static final int D = 9;

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** u = S^T x. */
    private static double[] toU(double[] s, double[] x) {
        double[] u = new double[D];
        for (int t = 0; t < D; t++) {
            for (int i = 0; i < D; i++) {
                u[t] += s[i * D + t] * x[i];
            }
        }
        return u;
    }

    /** The AGOP in u coordinates of f(u) = sum_i a_i exp(-||u - u_i||^2) over the points themselves. */
    private static double[] agopInU(double[] s, double[][] xs, double[] a) {
        int n = xs.length;
        double[][] us = new double[n][];
        for (int i = 0; i < n; i++) {
            us[i] = toU(s, xs[i]);
        }
        double[] g = new double[D * D];
        for (int j = 0; j < n; j++) {
            double[] grad = new double[D];
            for (int i = 0; i < n; i++) {
                double r2 = 0;
                for (int t = 0; t < D; t++) {
                    r2 += (us[j][t] - us[i][t]) * (us[j][t] - us[i][t]);
                }
                double w = -2 * a[i] * Math.exp(-r2);
                for (int t = 0; t < D; t++) {
                    grad[t] += w * (us[j][t] - us[i][t]);
                }
            }
            for (int p = 0; p < D; p++) {
                for (int q = 0; q < D; q++) {
                    g[p * D + q] += grad[p] * grad[q];
                }
            }
        }
        return g;
    }

    @Test
    void factorAndRootGiveTheSameMetricDistancesAndAgop() {
        double[] g = MetricFactorTest.lowRank(D, 4, 11);
        double gmax = max(g);
        try (ComputeBackend be = new CpuBackend()) {
            double[][] byFactor = Agop.metricAndFactor(be, g, gmax, 1.0, D, false, true);
            double[][] byRoot = Agop.metricAndFactor(be, g, gmax, 1.0, D, false, false);
            assertArrayEquals(byRoot[0], byFactor[0], 1e-15, "M is G / max either way");

            Random rng = new Random(5);
            double[][] xs = new double[12][D];
            double[] a = new double[12];
            for (int i = 0; i < xs.length; i++) {
                for (int t = 0; t < D; t++) {
                    xs[i][t] = 0.4 * rng.nextGaussian();
                }
                a[i] = rng.nextGaussian();
            }
            double[] dx = new double[D];
            for (int t = 0; t < D; t++) {
                dx[t] = xs[0][t] - xs[1][t];
            }
            double[] uf = toU(byFactor[1], dx), ur = toU(byRoot[1], dx);
            double nf = 0, nr = 0;
            for (int t = 0; t < D; t++) {
                nf += uf[t] * uf[t];
                nr += ur[t] * ur[t];
            }
            assertEquals(nr, nf, 1e-12 * nr, "||S^T (x - z)||^2");

            double[] gxFactor = Agop.sandwichFactor(be, byFactor[1], agopInU(byFactor[1], xs, a), D);
            double[] gxRoot = Agop.sandwichFactor(be, byRoot[1], agopInU(byRoot[1], xs, a), D);
            double scale = max(gxRoot);
            for (int i = 0; i < D * D; i++) {
                assertEquals(gxRoot[i], gxFactor[i], 1e-10 * scale, "G_x entry " + i);
            }
        }
    }

    @Test
    void otherPowersNonEuclideanKernelsAndDiagonalKeepTheRoot() {
        double[] g = MetricFactorTest.lowRank(D, D, 12);
        double gmax = max(g);
        try (ComputeBackend be = new CpuBackend()) {
            double[][] half = Agop.metricAndFactor(be, g, gmax, 0.5, D, false, true);
            double[][] root = Agop.powerAndRoot(be, g, gmax, 0.5, D, false);
            assertArrayEquals(root[1], half[1], 0.0);
            double[][] lpq = Agop.metricAndFactor(be, g, gmax, 1.0, D, false, false);
            assertArrayEquals(Agop.powerAndRoot(be, g, gmax, 1.0, D, false)[1], lpq[1], 0.0);
            double[] diag = {4, 1, 9};
            assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3, 1}, Agop.metricAndFactor(be, diag, 9, 1.0, 3, true, true)[1],
                    1e-15);
        }
    }
}
