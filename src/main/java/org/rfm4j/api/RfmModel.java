// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FittedRfm;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.tree.RfmTree;

/**
 * A fitted RFM: one kernel machine (the training points, the learned feature matrix M and a factor S
 * with S S^T = M, the coefficients) or an RFM tree of them ({@link #fitted()}), and the fit's report.
 * Immutable, so thread-safe. Prediction runs on a backend the caller passes, or on "auto" for the call;
 * {@link #predictor} keeps the training points on a backend for many calls.
 */
public abstract class RfmModel {
    final RfmParams params;
    final FittedRfm fitted;
    final FitReport report;
    /** The training columns' names (a CSV header), or null when the model was fitted without names. */
    final String[] featureNames;

    RfmModel(RfmParams params, FittedRfm fitted, FitReport report, String[] featureNames) {
        this.params = params;
        this.fitted = fitted;
        this.report = report;
        this.featureNames = featureNames == null ? null : checkedNames(featureNames, fitted.d());
    }

    /**
     * The names of the training columns, in order (from a CSV header, a {@code Dataset}'s names, or
     * {@link #withFeatureNames}); empty when the model was fitted on unnamed columns.
     */
    public List<String> featureNames() {
        return featureNames == null ? List.of() : List.of(featureNames);
    }

    /** The name of feature {@code j}: its training column's name, or "x" + j when the model has none. */
    public String featureName(int j) {
        if (j < 0 || j >= fitted.d()) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "feature index " + j + " is out of range: the model has "
                    + fitted.d() + " features (0.." + (fitted.d() - 1) + ")");
        }
        return featureNames == null ? "x" + j : featureNames[j];
    }

    /**
     * This model with its training columns named (one distinct, non-blank name per feature, in
     * order); the names are saved with it and checked against named prediction input.
     */
    public abstract RfmModel withFeatureNames(String... names);

    /**
     * Checks that prediction input with named columns has the training columns, in the training order:
     * a CSV with its columns reordered would otherwise be predicted silently wrong. Does nothing when
     * the model or the input has no names.
     */
    public void checkFeatureNames(String... inputNames) {
        if (featureNames == null || inputNames == null) {
            return;
        }
        if (inputNames.length != featureNames.length) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the model was fitted on " + featureNames.length
                    + " features but the input has " + inputNames.length + " columns: give the training columns "
                    + describe(featureNames) + ", in that order");
        }
        for (int j = 0; j < featureNames.length; j++) {
            if (!featureNames[j].equals(inputNames[j])) {
                boolean known = Arrays.asList(featureNames).contains(inputNames[j]);
                throw new RfmException(ErrorCode.INVALID_DATA, "input column " + j + " is '" + inputNames[j]
                        + "' but the model was fitted with '" + featureNames[j] + "' there"
                        + (known ? " (the columns are in another order)" : "") + ": give the training columns "
                        + describe(featureNames) + ", in that order");
            }
        }
    }

    private static String describe(String[] names) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(names.length, 10);
        for (int j = 0; j < shown; j++) {
            sb.append(j > 0 ? ", " : "").append('\'').append(names[j]).append('\'');
        }
        return names.length > shown ? sb.append(", ... (").append(names.length).append(" in all)").toString()
                : sb.toString();
    }

    static String[] checkedNames(String[] names, int d) {
        if (names == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the feature names are null: give one name per feature");
        }
        if (names.length != d) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, names.length + " feature names for a model of " + d
                    + " features: give one name per feature, in order");
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < d; j++) {
            if (names[j] == null || names[j].isBlank()) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "feature name " + j + " is "
                        + (names[j] == null ? "null" : "blank") + ": give every feature a name");
            }
            if (!seen.add(names[j])) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "feature name '" + names[j]
                        + "' appears twice: give every feature a distinct name");
            }
        }
        return names.clone();
    }

    /** The parameters the model was fitted with. */
    public RfmParams params() {
        return params;
    }

    /** The report of the fit (for a loaded model, what its file records). */
    public FitReport report() {
        return report;
    }

    /** What was fitted: an {@link org.rfm4j.algo.SingleRfm} or an {@link org.rfm4j.tree.RfmTree}. */
    public FittedRfm fitted() {
        return fitted;
    }

    /** Number of input features d. */
    public int inputDimension() {
        return fitted.d();
    }

    /** Number of raw output columns c. */
    public int outputColumns() {
        return fitted.c();
    }

    /** Number of training rows n (the kernel centres the model keeps). */
    public int trainingRows() {
        return fitted.trainingRows();
    }

    /**
     * The learned feature matrix M: d x d row-major, or its diagonal (length d) in diagonal mode; for a
     * tree, the leaves' M weighted by their training rows.
     */
    public double[] featureMatrix() {
        return fitted.featureMatrix();
    }

    /** Whether M is diagonal ({@link #featureMatrix()} then holds d values, not d x d). */
    public boolean diagonal() {
        return fitted.diagonal();
    }

    /** The kernel with the bandwidth the kept iteration used (a tree: its first leaf's). */
    public org.rfm4j.spi.Kernel kernel() {
        return fitted.kernel();
    }

    /** Feature indices ordered by the diagonal of M ({@link #featureMatrix()}), largest first. */
    public int[] topFeatures() {
        return topFeatures(fitted.featureMatrix(), fitted.d(), fitted.diagonal());
    }

    static int[] topFeatures(double[] m, int d, boolean diagonal) {
        double[] diag = new double[d];
        for (int a = 0; a < d; a++) {
            diag[a] = diagonal ? m[a] : m[a * d + a];
        }
        return IntStream.range(0, d).boxed()
                .sorted(Comparator.comparingDouble((Integer a) -> -diag[a]).thenComparingInt(a -> a))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * A predictor on {@code be} that keeps this model's training points there until closed: for many
     * prediction calls (each other call uploads and transforms them anew).
     */
    public RfmPredictor predictor(ComputeBackend be) {
        if (be == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the backend is null: open one with Backends.open(\"auto\")");
        }
        return new RfmPredictor(this, be);
    }

    /** Raw outputs f(x) (rows x c, row-major) computed on the given backend. */
    public double[] predictRaw(ComputeBackend be, Matrix x) {
        try (RfmPredictor p = predictor(be)) {
            return p.predictRaw(x);
        }
    }

    /** Raw outputs f(x), on the backend "auto" picks (opened and closed for this call). */
    public double[] predictRaw(Matrix x) {
        checkInput(x); // before a GPU context is opened for nothing
        try (ComputeBackend be = Backends.open(Backends.AUTO)) {
            return predictRaw(be, x);
        }
    }

    /** Raw outputs for rows given as double[][], on "auto". */
    public double[][] predictRaw(double[][] x) {
        Matrix q = Matrix.ofRows(x, "X");
        return new Matrix(predictRaw(q), q.rows(), fitted.c()).toRows();
    }

    /** The input has the training features, and finite values. */
    void checkInput(Matrix x) {
        if (x == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "X is null: give the rows to predict");
        }
        if (x.cols() != fitted.d()) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the model was fitted on " + fitted.d()
                    + " features but the input has " + x.cols() + ": give the same columns, in the same order, "
                    + "as in training");
        }
        DataChecks.requireFinite(x, "X");
    }

    @Override
    public String toString() {
        String what = fitted instanceof SingleRfm ? "iteration " + ((SingleRfm) fitted).solution().iteration()
                : "tree of " + ((RfmTree) fitted).leafCount() + " leaves";
        StringBuilder top = new StringBuilder();
        int[] t = topFeatures();
        for (int k = 0; k < Math.min(5, t.length); k++) {
            top.append(k > 0 ? ", " : "").append(t[k]);
            if (featureNames != null) {
                top.append(' ').append(featureNames[t[k]]);
            }
        }
        return getClass().getSimpleName() + "[n=" + fitted.trainingRows() + ", d=" + fitted.d() + ", c=" + fitted.c()
                + ", " + fitted.kernel() + ", " + what + ", top features [" + top + "]]";
    }
}
