package org.rfm4j.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rfm4j.algo.Metrics;
import org.rfm4j.algo.RfmSolution;

/** A fitted RFM regressor: predicts c outputs per row. */
public final class RfmRegressionModel extends RfmModel {
    RfmRegressionModel(RfmParams params, RfmSolution solution, double[] xTrain, int nTrain, FitReport report) {
        super(params, solution, xTrain, nTrain, report);
    }

    /** Predictions (rows x c). */
    public double[][] predict(double[][] x) {
        return predictRaw(x);
    }

    /** mse, rmse and mae of the predictions for x against y (flat, m x c). */
    public Map<String, Double> score(double[] x, double[] y, int m) {
        Inputs.matrix(y, m, outputColumns(), "y");
        double[] p = predictRaw(x, m);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : Metrics.REGRESSION) {
            out.put(name, Metrics.compute(name, p, y, m, outputColumns()));
        }
        return out;
    }
}
