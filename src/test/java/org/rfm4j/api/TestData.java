// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.util.Random;
import java.util.function.Function;

/** Small synthetic problems for the estimator tests. */
final class TestData {
    final double[][] x;
    final double[][] y;

    private TestData(double[][] x, double[][] y) {
        this.x = x;
        this.y = y;
    }

    /** n rows of d features ~ N(0, sd^2), targets by f. */
    static TestData make(int n, int d, double sd, long seed, Function<double[], double[]> f) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = sd * r.nextGaussian();
            }
            y[i] = f.apply(x[i]);
        }
        return new TestData(x, y);
    }

    /** The low-rank target of docs/ALGORITHM.md, y = x0 x1 1[x5 > 0]. */
    static double[] lowRank(double[] x) {
        return new double[] {x[0] * x[1] * (x[5] > 0 ? 1 : 0)};
    }

    static String[] labels(double[][] y) {
        String[] s = new String[y.length];
        for (int i = 0; i < y.length; i++) {
            s[i] = Integer.toString((int) y[i][0]);
        }
        return s;
    }

    static double mse(double[][] p, double[][] y) {
        double s = 0;
        int cnt = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                s += (p[i][j] - y[i][j]) * (p[i][j] - y[i][j]);
                cnt++;
            }
        }
        return s / cnt;
    }
}
