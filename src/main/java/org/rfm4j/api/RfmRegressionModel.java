// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rfm4j.algo.Metrics;
import org.rfm4j.algo.FittedRfm;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.ComputeBackend;

/** A fitted RFM regressor: predicts c outputs per row. */
public final class RfmRegressionModel extends RfmModel {
    RfmRegressionModel(RfmParams params, FittedRfm fitted, FitReport report) {
        this(params, fitted, report, null);
    }

    RfmRegressionModel(RfmParams params, FittedRfm fitted, FitReport report, String[] featureNames) {
        super(params, fitted, report, featureNames);
    }

    @Override
    public RfmRegressionModel withFeatureNames(String... names) {
        return new RfmRegressionModel(params, fitted, report, checkedNames(names, fitted.d()));
    }

    /** Predictions (rows x c), on "auto". */
    public double[][] predict(double[][] x) {
        return predictRaw(x);
    }

    /** Predictions (rows x c) on {@code be}. */
    public double[][] predict(ComputeBackend be, double[][] x) {
        Matrix q = Matrix.ofRows(x, "X");
        return new Matrix(predictRaw(be, q), q.rows(), outputColumns()).toRows();
    }

    /** mse, rmse and mae of the predictions for x against y (rows x c), computed on {@code be}. */
    public Map<String, Double> score(ComputeBackend be, double[][] x, double[][] y) {
        return score(be, Matrix.ofRows(x, "X"), Matrix.ofRows(y, "y"));
    }

    /** mse, rmse and mae of the predictions for x against y (rows x c), computed on {@code be}. */
    public Map<String, Double> score(ComputeBackend be, Matrix x, Matrix y) {
        DataChecks.requireFinite(y, "y");
        DataChecks.requireSameRows(x.rows(), "X", y.rows(), "y");
        DataChecks.requireSameColumns(y.cols(), "y", outputColumns(), "the model's outputs");
        double[] p = predictRaw(be, x);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : Metrics.REGRESSION) {
            out.put(name, Metrics.compute(name, p, y.data(), x.rows(), outputColumns()));
        }
        return out;
    }
}
