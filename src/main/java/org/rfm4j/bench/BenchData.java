// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

import java.util.Random;

/**
 * Synthetic data of one bench point, deterministic in (seed, n, d, c, nTest): X ~ N(0, 0.5^2 I) and
 * output column k = x_a x_b 1[x_e &gt; 0] with a = k mod d, b = (k + 1) mod d, e = (k + 5) mod d
 * (for c = 1 and d &gt;= 6 this is the low-rank target of docs/ALGORITHM.md, y = x0 x1 1[x5 &gt; 0]).
 */
public record BenchData(double[] x, double[] y, int n, int d, int c, double[] xTest, double[] yTest, int nTest) {

    public static BenchData generate(int n, int d, int c, int nTest, long seed) {
        Random rnd = new Random(seed * 1_000_003L + n * 31L + d * 7L + c);
        double[] x = gaussian(rnd, n, d);
        double[] xt = gaussian(rnd, nTest, d);
        return new BenchData(x, targets(x, n, d, c), n, d, c, xt, targets(xt, nTest, d, c), nTest);
    }

    private static double[] gaussian(Random rnd, int rows, int d) {
        double[] a = new double[rows * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.5 * rnd.nextGaussian();
        }
        return a;
    }

    private static double[] targets(double[] x, int rows, int d, int c) {
        double[] y = new double[rows * c];
        for (int i = 0; i < rows; i++) {
            int o = i * d;
            for (int k = 0; k < c; k++) {
                double v = x[o + k % d] * x[o + (k + 1) % d];
                y[i * c + k] = x[o + (k + 5) % d] > 0 ? v : 0;
            }
        }
        return y;
    }

    /** Mean squared error of predictions p against the test targets. */
    public double testMse(double[] p) {
        double s = 0;
        for (int i = 0; i < yTest.length; i++) {
            double e = p[i] - yTest[i];
            s += e * e;
        }
        return s / yTest.length;
    }

    /** Variance of the test targets (pooled over columns), the MSE of predicting each column's mean. */
    public double testVariance() {
        double s = 0;
        for (int k = 0; k < c; k++) {
            double mean = 0;
            for (int i = 0; i < nTest; i++) {
                mean += yTest[i * c + k];
            }
            mean /= nTest;
            for (int i = 0; i < nTest; i++) {
                double e = yTest[i * c + k] - mean;
                s += e * e;
            }
        }
        return s / yTest.length;
    }

    /** ||p - q||_2 / ||q||_2 (q the reference). */
    public static double relativeDifference(double[] p, double[] q) {
        double num = 0, den = 0;
        for (int i = 0; i < q.length; i++) {
            double e = p[i] - q[i];
            num += e * e;
            den += q[i] * q[i];
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), Double.MIN_NORMAL);
    }
}
