package org.rfm4j.api;

import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.Metrics;

/**
 * RFM for regression with any number of outputs. Holds only its parameters; {@link #fit} validates
 * the data, runs the RFM loop and returns a new {@link RfmRegressionModel}.
 *
 * <pre>{@code
 * RfmRegressionModel model = new RfmRegressor(RfmParams.builder().iterations(5).build())
 *         .fit(xTrain, yTrain, xVal, yVal);
 * double[][] yHat = model.predict(xTest);
 * }</pre>
 */
public final class RfmRegressor {
    private final RfmParams params;

    public RfmRegressor(RfmParams params) {
        this.params = params;
    }

    public RfmRegressor() {
        this(RfmParams.builder().build());
    }

    public RfmParams params() {
        return params;
    }

    /** Fits without a validation set (the last iteration is kept). */
    public RfmRegressionModel fit(double[][] x, double[][] y) {
        return fit(x, y, null, null);
    }

    /** Fits, selecting the best iteration on (xVal, yVal) when given. */
    public RfmRegressionModel fit(double[][] x, double[][] y, double[][] xVal, double[][] yVal) {
        double[] xf = Inputs.flatten(x, "X");
        double[] yf = Inputs.flatten(y, "y");
        Inputs.sameRows(x.length, y.length, "X", "y");
        int nv = xVal == null ? 0 : xVal.length;
        double[] xvf = nv > 0 ? Inputs.flatten(xVal, "validation X") : null;
        double[] yvf = nv > 0 ? Inputs.flatten(yVal, "validation y") : null;
        if (nv > 0) {
            Inputs.sameRows(xVal.length, yVal.length, "validation X", "validation y");
        }
        return fit(xf, x.length, x[0].length, yf, y[0].length, xvf, nv, yvf, FitListener.NONE);
    }

    /** Flat row-major form: x n x d, y n x c, validation xv nv x d and yv nv x c (nv may be 0). */
    public RfmRegressionModel fit(double[] x, int n, int d, double[] y, int c, double[] xv, int nv, double[] yv,
                                  FitListener listener) {
        Fitting.Outcome o = Fitting.run(params, "regression", x, n, d, y, c, xv, nv, yv, Metrics.REGRESSION, listener);
        return new RfmRegressionModel(params, o.result().solution(), x.clone(), n, o.report());
    }
}
