package org.rfm4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.api.RfmClassificationModel;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmModels;
import org.rfm4j.data.Dataset;
import org.rfm4j.io.AtomicFiles;
import org.rfm4j.io.CsvReader;
import org.rfm4j.io.Npy;
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
    public Integer call() throws IOException {
        RfmModel model = RfmModels.load(modelFile);
        if (!Files.isReadable(input)) {
            throw new RfmException(ErrorCode.IO, "input file " + input + " does not exist or cannot be read");
        }
        Dataset x = input.toString().toLowerCase(Locale.ROOT).endsWith(".npy")
                ? Npy.readDataset(input, null) : CsvReader.readFeatures(input);
        double[] raw;
        try (ComputeBackend be = backend.open()) {
            raw = model.predictRaw(be, x.features());
        }
        boolean classifier = model instanceof RfmClassificationModel;
        boolean npyOut = output.toString().toLowerCase(Locale.ROOT).endsWith(".npy");
        if (classifier && (proba || npyOut)) {
            RfmClassificationModel cm = (RfmClassificationModel) model;
            int k = cm.classes().length;
            double[] p = org.rfm4j.algo.Metrics.probabilities(raw, x.n(), model.outputColumns());
            write(p, x.n(), k, npyOut, String.join(",", cm.classes()));
        } else if (classifier) {
            String[] labels = new org.rfm4j.algo.LabelEncoder(((RfmClassificationModel) model).classes()).decode(raw, x.n());
            StringBuilder sb = new StringBuilder("label\n");
            for (String l : labels) {
                sb.append(l).append('\n');
            }
            AtomicFiles.write(output, out -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } else {
            int c = model.outputColumns();
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < c; j++) {
                header.append(j > 0 ? "," : "").append(c == 1 ? "prediction" : "y" + j);
            }
            write(raw, x.n(), c, npyOut, header.toString());
        }
        System.out.println("wrote " + x.n() + " predictions to " + output);
        return 0;
    }

    private void write(double[] a, int rows, int cols, boolean npy, String header) throws IOException {
        if (npy) {
            Npy.write(output, a, new int[] {rows, cols}, false);
            return;
        }
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                sb.append(j > 0 ? "," : "").append(a[i * cols + j]);
            }
            sb.append('\n');
        }
        AtomicFiles.write(output, out -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
