package org.rfm4j.api;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.LabelEncoder;
import org.rfm4j.algo.Metrics;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/**
 * RFM for classification, binary or multiclass, with integer or string labels. Labels become one
 * 0/1 column (two classes) or one-hot columns, the RFM is fitted by regression on them, and the
 * model predicts the argmax and clamped, renormalised probabilities. The default tuning metric is
 * accuracy. The fit runs on the backend passed, or on "auto" (opened and closed for the call).
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
