// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

/**
 * One fold ready for the models: features standardised with the training split's mean and standard
 * deviation (a constant column stays 0), the same transform applied to validation and test rows.
 * {@link #rowNormalised()} gives the copy with every row scaled to unit Euclidean norm (the protocol's
 * "row normalisation on").
 *
 * @param task   classification or regression
 * @param d      features
 * @param xTrain training rows, [row][feature]
 * @param xVal   validation rows
 * @param xTest  test rows
 * @param lTrain training labels (classification) or null
 * @param lVal   validation labels or null
 * @param lTest  test labels or null
 * @param yTrain training targets (regression) or null
 * @param yVal   validation targets or null
 * @param yTest  test targets or null
 */
public record FoldData(Task task, int d, double[][] xTrain, double[][] xVal, double[][] xTest,
                       String[] lTrain, String[] lVal, String[] lTest, double[] yTrain, double[] yVal, double[] yTest) {

    /** Standardises {@code data}'s split {@code s}. */
    public static FoldData of(TabularData data, Folds.Split s) {
        TabularData tr = data.rows(s.train()), va = data.rows(s.validation()), te = data.rows(s.test());
        int d = data.d();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int i = 0; i < tr.n(); i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += tr.x()[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= Math.max(1, tr.n());
        }
        for (int i = 0; i < tr.n(); i++) {
            for (int j = 0; j < d; j++) {
                double v = tr.x()[i * d + j] - mean[j];
                sd[j] += v * v;
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j] / Math.max(1, tr.n()));
        }
        return new FoldData(data.task(), d, scale(tr, mean, sd), scale(va, mean, sd), scale(te, mean, sd),
                tr.labels(), va.labels(), te.labels(), tr.y(), va.y(), te.y());
    }

    private static double[][] scale(TabularData t, double[] mean, double[] sd) {
        int d = t.d();
        double[][] out = new double[t.n()][d];
        for (int i = 0; i < t.n(); i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = sd[j] > 1e-12 ? (t.x()[i * d + j] - mean[j]) / sd[j] : 0;
            }
        }
        return out;
    }

    /** This fold with every row of every split scaled to unit norm (a zero row stays zero). */
    public FoldData rowNormalised() {
        return new FoldData(task, d, unit(xTrain), unit(xVal), unit(xTest), lTrain, lVal, lTest, yTrain, yVal, yTest);
    }

    private static double[][] unit(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (double v : x[i]) {
                s += v * v;
            }
            double norm = Math.sqrt(s);
            out[i] = x[i].clone();
            if (norm > 0) {
                for (int j = 0; j < out[i].length; j++) {
                    out[i][j] /= norm;
                }
            }
        }
        return out;
    }

    /** Training rows. */
    public int nTrain() {
        return xTrain.length;
    }
}
