// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.Metrics;
import org.rfm4j.data.Dataset;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/**
 * RFM for regression with any number of outputs. Immutable and thread-safe (it holds only its
 * parameters; fitted models are immutable too); {@link #fit} validates
 * the data, runs the RFM loop and returns a new {@link RfmRegressionModel}. The fit runs on the
 * backend passed, or on "auto" (opened and closed for the call).
 *
 * <pre>{@code
 * try (ComputeBackend be = Backends.open("auto")) {
 *     RfmRegressionModel model = new RfmRegressor(RfmParams.builder().iterations(5).build())
 *             .fit(be, xTrain, yTrain, xVal, yVal);
 *     double[][] yHat = model.predict(be, xTest);
 * }
 * }</pre>
 */
public final class RfmRegressor {
    private final RfmParams params;

    /** A regressor that fits with {@code params}. */
    public RfmRegressor(RfmParams params) {
        this.params = params;
    }

    /** A regressor with the default parameters. */
    public RfmRegressor() {
        this(RfmParams.builder().build());
    }

    /** The parameters every fit uses. */
    public RfmParams params() {
        return params;
    }

    /** Fits on "auto" without a validation set (the last iteration is kept). */
    public RfmRegressionModel fit(double[][] x, double[][] y) {
        return fit(x, y, null, null);
    }

    /** Fits on "auto", selecting the best iteration on (xVal, yVal) when given. */
    public RfmRegressionModel fit(double[][] x, double[][] y, double[][] xVal, double[][] yVal) {
        try (ComputeBackend be = Backends.open(Backends.AUTO)) {
            return fit(be, x, y, xVal, yVal);
        }
    }

    /** Fits on {@code be} without a validation set (the last iteration is kept). */
    public RfmRegressionModel fit(ComputeBackend be, double[][] x, double[][] y) {
        return fit(be, x, y, null, null);
    }

    /** Fits on {@code be}, selecting the best iteration on (xVal, yVal) when given (both may be null). */
    public RfmRegressionModel fit(ComputeBackend be, double[][] x, double[][] y, double[][] xVal, double[][] yVal) {
        Matrix xv = xVal == null ? null : Matrix.ofRows(xVal, "validation X");
        Matrix yv = yVal == null ? null : Matrix.ofRows(yVal, "validation y");
        return fit(be, Matrix.ofRows(x, "X"), Matrix.ofRows(y, "y"), xv, yv, FitListener.NONE);
    }

    /**
     * Fits on "auto" on a {@link Dataset}'s features and numeric targets (no validation set). Named
     * columns (a CSV header) name the model's features ({@link RfmModel#featureNames()}).
     */
    public RfmRegressionModel fit(Dataset train) {
        try (ComputeBackend be = Backends.open(Backends.AUTO)) {
            return fit(be, train, null, FitListener.NONE);
        }
    }

    /**
     * Fits on {@code be} on a {@link Dataset}'s features and numeric targets, selecting the best
     * iteration on {@code validation} when given (may be null); named columns name the model's features.
     */
    public RfmRegressionModel fit(ComputeBackend be, Dataset train, Dataset validation, FitListener listener) {
        RfmRegressionModel m = fit(be, Fitting.features(train, "training set"), targets(train, "training set"),
                validation == null ? null : Fitting.features(validation, "validation set"),
                validation == null ? null : targets(validation, "validation set"), listener);
        return train.hasFeatureNames() ? m.withFeatureNames(train.featureNames()) : m;
    }

    private static Matrix targets(Dataset data, String what) {
        if (data.y() == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the " + what + " " + data.name() + " has "
                    + (data.c() == 0 ? "no target columns" : "text labels, not numeric targets")
                    + ": fit an RfmClassifier on labels, or read the data with numeric target columns");
        }
        return data.targets();
    }

    /** Row-major form: x n x d, y n x c, validation xv nv x d and yv nv x c (both null for none). */
    public RfmRegressionModel fit(ComputeBackend be, Matrix x, Matrix y, Matrix xv, Matrix yv, FitListener listener) {
        Fitting.Outcome o = Fitting.run(be, params, "regression", x, y, xv, yv, Metrics.REGRESSION, listener);
        return new RfmRegressionModel(params, o.fitted(), o.report());
    }
}
