package org.rfm4j.api;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.LabelEncoder;
import org.rfm4j.algo.Metrics;

/**
 * RFM for classification, binary or multiclass, with integer or string labels. Labels become one
 * 0/1 column (two classes) or one-hot columns, the RFM is fitted by regression on them, and the
 * model predicts the argmax and clamped, renormalised probabilities. The default tuning metric is accuracy.
 */
public final class RfmClassifier {
    private final RfmParams params;

    public RfmClassifier(RfmParams params) {
        this.params = params;
    }

    public RfmClassifier() {
        this(RfmParams.builder().build());
    }

    public RfmParams params() {
        return params;
    }

    public RfmClassificationModel fit(double[][] x, String[] labels) {
        return fit(x, labels, null, null);
    }

    public RfmClassificationModel fit(double[][] x, int[] labels) {
        return fit(x, toStrings(labels), null, null);
    }

    public RfmClassificationModel fit(double[][] x, String[] labels, double[][] xVal, String[] labelsVal) {
        double[] xf = Inputs.flatten(x, "X");
        int nv = xVal == null ? 0 : xVal.length;
        return fit(xf, x.length, x[0].length, labels, nv > 0 ? Inputs.flatten(xVal, "validation X") : null, nv,
                labelsVal, FitListener.NONE);
    }

    /** Flat form: x n x d with n labels; validation xv nv x d with nv labels (nv may be 0). */
    public RfmClassificationModel fit(double[] x, int n, int d, String[] labels, double[] xv, int nv, String[] labelsVal,
                                      FitListener listener) {
        if (labels == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "labels are null: give one label per training row");
        }
        Inputs.sameRows(n, labels.length, "X", "labels");
        LabelEncoder enc = LabelEncoder.fit(labels);
        double[] y = enc.encode(labels);
        double[] yv = null;
        if (nv > 0) {
            if (labelsVal == null) {
                throw new RfmException(ErrorCode.INVALID_DATA, "validation labels are missing");
            }
            Inputs.sameRows(nv, labelsVal.length, "validation X", "validation labels");
            yv = enc.encode(labelsVal);
        }
        Fitting.Outcome o = Fitting.run(params, "classification", x, n, d, y, enc.targetColumns(), xv, nv, yv,
                Metrics.CLASSIFICATION, listener);
        return new RfmClassificationModel(params, o.result().solution(), x.clone(), n, o.report(), enc.classes());
    }

    static String[] toStrings(int[] labels) {
        String[] s = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            s[i] = Integer.toString(labels[i]);
        }
        return s;
    }
}
