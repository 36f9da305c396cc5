// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rfm4j.api.RfmClassificationModel;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmModels;
import org.rfm4j.data.Dataset;
import org.rfm4j.data.Matrix;
import org.rfm4j.io.DataFormats;
import org.rfm4j.spi.ComputeBackend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rfm predict`: apply a saved model to a CSV or .npy file of features. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a saved model. Output: .npy (raw outputs or probabilities) or .csv (labels for classifiers).")
public final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model written by `rfm fit --save`.")
    Path modelFile;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Features: .npy (n, d), or .csv (all columns are features; a header row is detected).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write predictions (.csv or .npy).")
    Path output;

    @Option(names = "--proba", description = "Classifiers: write class probabilities instead of labels.")
    boolean proba;

    @Mixin
    BackendOption backend;

    @Override
    public Integer call() {
        RfmModel model = RfmModels.load(modelFile);
        Dataset in = DataFormats.readFeatures(input);
        if (in.hasFeatureNames()) {
            model.checkFeatureNames(in.featureNames()); // a header: same columns, same order as in training
        }
        Matrix x = in.features();
        double[] raw;
        try (ComputeBackend be = backend.open()) {
            raw = model.predictRaw(be, x);
        }
        int n = x.rows();
        if (!(model instanceof RfmClassificationModel cm)) {
            DataFormats.writeMatrix(output, new Matrix(raw, n, model.outputColumns()), outputNames(model.outputColumns()));
        } else if (proba || DataFormats.Format.of(output) == DataFormats.Format.NPY) {
            DataFormats.writeMatrix(output, new Matrix(cm.probabilities(raw, n), n, cm.classes().length), cm.classes());
        } else {
            DataFormats.writeLabels(output, "label", cm.labels(raw, n));
        }
        System.out.println("wrote " + n + " predictions to " + output);
        return 0;
    }

    /** CSV header of a regressor's outputs: "prediction", or y0, y1, ... for several targets. */
    private static String[] outputNames(int c) {
        String[] names = new String[c];
        for (int j = 0; j < c; j++) {
            names[j] = c == 1 ? "prediction" : "y" + j;
        }
        return names;
    }
}
