// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Metrics of predictions P (rows x c, row-major) against targets Y of the same shape.
 * Regression: mse (mean over all entries), rmse, mae. Classification, with Y one-hot (c &gt; 1) or a
 * single 0/1 column (binary): accuracy (argmax; binary threshold 0.5), brier (mean over rows of the
 * squared distance between the class-probability row and the one-hot row), logloss (mean -log of the
 * true class's probability), f1 (binary: of class 1; multiclass: macro average), auc (binary: ROC AUC
 * with ties counted half; multiclass: macro one-vs-rest). Probabilities are the predictions clamped to
 * [1e-3, 1 - 1e-3] and renormalised per row (docs/ALGORITHM.md).
 */
public final class Metrics {
    public static final List<String> REGRESSION = List.of("mse", "rmse", "mae");
    public static final List<String> CLASSIFICATION = List.of("accuracy", "brier", "logloss", "f1", "auc");
    static final double CLAMP = 1e-3;

    private Metrics() {
    }

    public static void requireKnown(String name) {
        if (!REGRESSION.contains(name) && !CLASSIFICATION.contains(name)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown metric '" + name + "': use one of "
                    + REGRESSION + " or " + CLASSIFICATION);
        }
    }

    public static boolean higherIsBetter(String name) {
        return name.equals("accuracy") || name.equals("f1") || name.equals("auc");
    }

    /** Computes one metric by name. */
    public static double compute(String name, double[] p, double[] y, int rows, int c) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "mse": return mse(p, y);
            case "rmse": return Math.sqrt(mse(p, y));
            case "mae": return mae(p, y);
            case "accuracy": return accuracy(p, y, rows, c);
            case "brier": return brier(p, y, rows, c);
            case "logloss": return logloss(p, y, rows, c);
            case "f1": return f1(p, y, rows, c);
            case "auc": return auc(p, y, rows, c);
            default:
                requireKnown(name);
                throw new IllegalStateException(name);
        }
    }

    public static double mse(double[] p, double[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double e = p[i] - y[i];
            s += e * e;
        }
        return s / p.length;
    }

    public static double mae(double[] p, double[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += Math.abs(p[i] - y[i]);
        }
        return s / p.length;
    }

    /** Predicted class per row: argmax for c &gt; 1, threshold 0.5 for a single column. */
    public static int[] predictedClass(double[] p, int rows, int c) {
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = c == 1 ? (p[i] >= 0.5 ? 1 : 0) : argmax(p, i * c, c);
        }
        return out;
    }

    /** Index of the largest of a[off .. off + len), the first on ties. */
    public static int argmax(double[] a, int off, int len) {
        int best = 0;
        for (int k = 1; k < len; k++) {
            if (a[off + k] > a[off + best]) {
                best = k;
            }
        }
        return best;
    }

    /**
     * Class probabilities: rows x K (K = 2 for a single binary column, else c); values clamped to
     * [1e-3, 1 - 1e-3], then each row renormalised to sum 1.
     */
    public static double[] probabilities(double[] p, int rows, int c) {
        int k = c == 1 ? 2 : c;
        double[] out = new double[rows * k];
        for (int i = 0; i < rows; i++) {
            if (c == 1) {
                double v = clamp(p[i]);
                out[2 * i] = clamp(1 - v);
                out[2 * i + 1] = v;
            } else {
                for (int j = 0; j < c; j++) {
                    out[i * k + j] = clamp(p[i * c + j]);
                }
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += out[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                out[i * k + j] /= s;
            }
        }
        return out;
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0.5 : Math.min(1 - CLAMP, Math.max(CLAMP, v));
    }

    private static int[] trueClass(double[] y, int rows, int c) {
        return predictedClass(y, rows, c);
    }

    public static double accuracy(double[] p, double[] y, int rows, int c) {
        int[] a = predictedClass(p, rows, c), b = trueClass(y, rows, c);
        int ok = 0;
        for (int i = 0; i < rows; i++) {
            ok += a[i] == b[i] ? 1 : 0;
        }
        return ok / (double) rows;
    }

    public static double brier(double[] p, double[] y, int rows, int c) {
        double[] prob = probabilities(p, rows, c);
        int k = c == 1 ? 2 : c;
        int[] t = trueClass(y, rows, c);
        double s = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                double e = prob[i * k + j] - (t[i] == j ? 1 : 0);
                s += e * e;
            }
        }
        return s / rows;
    }

    public static double logloss(double[] p, double[] y, int rows, int c) {
        double[] prob = probabilities(p, rows, c);
        int k = c == 1 ? 2 : c;
        int[] t = trueClass(y, rows, c);
        double s = 0;
        for (int i = 0; i < rows; i++) {
            s -= Math.log(prob[i * k + t[i]]);
        }
        return s / rows;
    }

    public static double f1(double[] p, double[] y, int rows, int c) {
        int[] a = predictedClass(p, rows, c), t = trueClass(y, rows, c);
        if (c == 1) {
            return f1Of(1, a, t);
        }
        double s = 0;
        for (int k = 0; k < c; k++) {
            s += f1Of(k, a, t);
        }
        return s / c;
    }

    private static double f1Of(int cls, int[] pred, int[] truth) {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < pred.length; i++) {
            if (pred[i] == cls && truth[i] == cls) tp++;
            else if (pred[i] == cls) fp++;
            else if (truth[i] == cls) fn++;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    public static double auc(double[] p, double[] y, int rows, int c) {
        int[] t = trueClass(y, rows, c);
        if (c == 1) {
            double[] score = Arrays.copyOf(p, rows);
            return aucOf(score, t, 1);
        }
        double s = 0;
        int used = 0;
        double[] score = new double[rows];
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < rows; i++) {
                score[i] = p[i * c + k];
            }
            double a = aucOf(score, t, k);
            if (!Double.isNaN(a)) {
                s += a;
                used++;
            }
        }
        return used == 0 ? Double.NaN : s / used;
    }

    /** ROC AUC of score for "class == positive" by the rank-sum formula, ties get the mean rank. */
    static double aucOf(double[] score, int[] truth, int positive) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (truth[order[k]] == positive) {
                    rankSumPos += rank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
