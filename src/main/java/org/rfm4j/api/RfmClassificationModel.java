package org.rfm4j.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rfm4j.algo.LabelEncoder;
import org.rfm4j.algo.Metrics;
import org.rfm4j.algo.RfmSolution;

/** A fitted RFM classifier: labels by argmax, probabilities clamped to [1e-3, 1 - 1e-3] and renormalised. */
public final class RfmClassificationModel extends RfmModel {
    private final LabelEncoder encoder;

    RfmClassificationModel(RfmParams params, RfmSolution solution, double[] xTrain, int nTrain, FitReport report,
                           String[] classes) {
        super(params, solution, xTrain, nTrain, report);
        this.encoder = new LabelEncoder(classes);
    }

    /** The classes, in the order of {@link #predictProba} columns. */
    public String[] classes() {
        return encoder.classes();
    }

    public String[] predict(double[][] x) {
        return encoder.decode(predictRaw(Inputs.flatten(x, "X"), x.length), x.length);
    }

    public String[] predict(double[] x, int m) {
        return encoder.decode(predictRaw(x, m), m);
    }

    /** Class probabilities, m x classCount, row-major. */
    public double[] predictProba(double[] x, int m) {
        return Metrics.probabilities(predictRaw(x, m), m, outputColumns());
    }

    public double[][] predictProba(double[][] x) {
        return Inputs.unflatten(predictProba(Inputs.flatten(x, "X"), x.length), x.length, encoder.classCount());
    }

    /** accuracy, brier, logloss, f1 and auc on (x, labels). */
    public Map<String, Double> score(double[] x, String[] labels, int m) {
        Inputs.sameRows(m, labels.length, "X", "labels");
        double[] y = encoder.encode(labels);
        double[] p = predictRaw(x, m);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : Metrics.CLASSIFICATION) {
            out.put(name, Metrics.compute(name, p, y, m, outputColumns()));
        }
        return out;
    }
}
