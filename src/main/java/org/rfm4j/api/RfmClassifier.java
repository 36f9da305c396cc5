// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.LabelEncoder;
import org.rfm4j.algo.Metrics;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Dataset;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/**
 * RFM for classification, binary or multiclass, with integer or string labels. Labels become one
 * 0/1 column (two classes) or one-hot columns, the RFM is fitted by regression on them, and the
 * model predicts the argmax and clamped, renormalised probabilities. The default tuning metric is
 * accuracy. The fit runs on the backend passed, or on "auto" (opened and closed for the call).
 * Immutable and thread-safe, as its fitted models are.
 */
public final class RfmClassifier {
    private final RfmParams params;

    /** A classifier that fits with {@code params}. */
    public RfmClassifier(RfmParams params) {
        this.params = params;
    }

    /** A classifier with the default parameters. */
    public RfmClassifier() {
        this(RfmParams.builder().build());
    }

    /** The parameters every fit uses. */
    public RfmParams params() {
        return params;
    }

    /** Fits on "auto" without a validation set (the last iteration is kept); one label per row of x. */
    public RfmClassificationModel fit(double[][] x, String[] labels) {
        return fit(x, labels, null, null);
    }

    /** As {@link #fit(double[][], String[])}, with integer labels (the model's classes are their decimal text). */
    public RfmClassificationModel fit(double[][] x, int[] labels) {
        return fit(x, toStrings(labels), null, null);
    }

    /** Fits on "auto", selecting the best iteration on (xVal, labelsVal) when given. */
    public RfmClassificationModel fit(double[][] x, String[] labels, double[][] xVal, String[] labelsVal) {
        try (ComputeBackend be = Backends.open(Backends.AUTO)) {
            return fit(be, x, labels, xVal, labelsVal);
        }
    }

    /** Fits on {@code be} without a validation set (the last iteration is kept). */
    public RfmClassificationModel fit(ComputeBackend be, double[][] x, String[] labels) {
        return fit(be, x, labels, null, null);
    }

    /** Fits on {@code be}; the validation set (xVal, labelsVal) may be null. */
    public RfmClassificationModel fit(ComputeBackend be, double[][] x, String[] labels, double[][] xVal,
                                      String[] labelsVal) {
        Matrix xv = xVal == null ? null : Matrix.ofRows(xVal, "validation X");
        return fit(be, Matrix.ofRows(x, "X"), labels, xv, labelsVal, FitListener.NONE);
    }

    /**
     * Fits on "auto" on a {@link Dataset}'s features and labels (no validation set). Named columns (a
     * CSV header) name the model's features ({@link RfmModel#featureNames()}).
     */
    public RfmClassificationModel fit(Dataset train) {
        try (ComputeBackend be = Backends.open(Backends.AUTO)) {
            return fit(be, train, null, FitListener.NONE);
        }
    }

    /**
     * Fits on {@code be} on a {@link Dataset}'s features and labels (its single target column's text),
     * selecting the best iteration on {@code validation} when given (may be null); named columns name
     * the model's features.
     */
    public RfmClassificationModel fit(ComputeBackend be, Dataset train, Dataset validation, FitListener listener) {
        RfmClassificationModel m = fit(be, Fitting.features(train, "training set"), labels(train, "training set"),
                validation == null ? null : Fitting.features(validation, "validation set"),
                validation == null ? null : labels(validation, "validation set"), listener);
        return train.hasFeatureNames() ? m.withFeatureNames(train.featureNames()) : m;
    }

    private static String[] labels(Dataset data, String what) {
        if (data.labels() == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the " + what + " " + data.name() + " has "
                    + (data.c() == 0 ? "no target column" : data.c() + " target columns")
                    + " but classification needs one label column: choose one target column");
        }
        return data.labels();
    }

    /** Row-major form: x n x d with n labels; validation xv nv x d with nv labels (xv null for none). */
    public RfmClassificationModel fit(ComputeBackend be, Matrix x, String[] labels, Matrix xv, String[] labelsVal,
                                      FitListener listener) {
        if (labels == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "labels are null: give one label per training row");
        }
        DataChecks.requireSameRows(x.rows(), "X", labels.length, "labels");
        LabelEncoder enc = LabelEncoder.fit(labels);
        Matrix y = new Matrix(enc.encode(labels), x.rows(), enc.targetColumns());
        Matrix yv = null;
        if (xv != null) {
            if (labelsVal == null) {
                throw new RfmException(ErrorCode.INVALID_DATA, "validation labels are missing");
            }
            DataChecks.requireSameRows(xv.rows(), "validation X", labelsVal.length, "validation labels");
            yv = new Matrix(enc.encode(labelsVal, "validation labels"), xv.rows(), enc.targetColumns());
        }
        Fitting.Outcome o = Fitting.run(be, params, "classification", x, y, xv, yv, Metrics.CLASSIFICATION, listener);
        return new RfmClassificationModel(params, o.fitted(), o.report(), enc.classes());
    }

    static String[] toStrings(int[] labels) {
        String[] s = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            s[i] = Integer.toString(labels[i]);
        }
        return s;
    }
}
