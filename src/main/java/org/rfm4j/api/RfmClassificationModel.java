// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.LabelEncoder;
import org.rfm4j.algo.Metrics;
import org.rfm4j.algo.FittedRfm;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.ComputeBackend;

/** A fitted RFM classifier: labels by argmax, probabilities clamped to [1e-3, 1 - 1e-3] and renormalised. */
public final class RfmClassificationModel extends RfmModel {
    private final LabelEncoder encoder;

    RfmClassificationModel(RfmParams params, FittedRfm fitted, FitReport report,
                           String[] classes) {
        this(params, fitted, report, classes, null);
    }

    RfmClassificationModel(RfmParams params, FittedRfm fitted, FitReport report, String[] classes,
                           String[] featureNames) {
        super(params, fitted, report, featureNames);
        this.encoder = new LabelEncoder(classes);
    }

    @Override
    public RfmClassificationModel withFeatureNames(String... names) {
        return new RfmClassificationModel(params, fitted, report, encoder.classes(), checkedNames(names, fitted.d()));
    }

    /** The classes, in the order of {@link #predictProba} columns. */
    public String[] classes() {
        return encoder.classes();
    }

    /** Labels on "auto". */
    public String[] predict(double[][] x) {
        Matrix q = Matrix.ofRows(x, "X");
        return labels(predictRaw(q), q.rows());
    }

    /** Labels on {@code be}. */
    public String[] predict(ComputeBackend be, Matrix x) {
        return labels(predictRaw(be, x), x.rows());
    }

    /** Labels on {@code be}, for rows given as double[][]. */
    public String[] predict(ComputeBackend be, double[][] x) {
        return predict(be, Matrix.ofRows(x, "X"));
    }

    /** Class probabilities (rows x classCount) on {@code be}. */
    public double[] predictProba(ComputeBackend be, Matrix x) {
        return probabilities(predictRaw(be, x), x.rows());
    }

    /** Class probabilities on {@code be}, for rows given as double[][]. */
    public double[][] predictProba(ComputeBackend be, double[][] x) {
        Matrix q = Matrix.ofRows(x, "X");
        return new Matrix(predictProba(be, q), q.rows(), encoder.classCount()).toRows();
    }

    /** Class probabilities on "auto". */
    public double[][] predictProba(double[][] x) {
        Matrix q = Matrix.ofRows(x, "X");
        return new Matrix(probabilities(predictRaw(q), q.rows()), q.rows(), encoder.classCount()).toRows();
    }

    /** The labels of raw outputs (rows x outputColumns), as from an {@link RfmPredictor}: the argmax class. */
    public String[] labels(double[] raw, int rows) {
        return encoder.decode(raw, rows);
    }

    /** The probabilities (rows x classCount) of raw outputs, as from an {@link RfmPredictor}. */
    public double[] probabilities(double[] raw, int rows) {
        return Metrics.probabilities(raw, rows, outputColumns());
    }

    /** accuracy, brier, logloss, f1 and auc on (x, labels), computed on {@code be}. */
    public Map<String, Double> score(ComputeBackend be, double[][] x, String[] labels) {
        return score(be, Matrix.ofRows(x, "X"), labels);
    }

    /** accuracy, brier, logloss, f1 and auc on (x, labels), computed on {@code be}. */
    public Map<String, Double> score(ComputeBackend be, Matrix x, String[] labels) {
        if (labels == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the labels are null: give one label per row of X");
        }
        DataChecks.requireSameRows(x.rows(), "X", labels.length, "labels");
        double[] y = encoder.encode(labels, "labels to score");
        double[] p = predictRaw(be, x);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : Metrics.CLASSIFICATION) {
            out.put(name, Metrics.compute(name, p, y, x.rows(), outputColumns()));
        }
        return out;
    }
}
