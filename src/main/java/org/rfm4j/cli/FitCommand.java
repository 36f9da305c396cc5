package org.rfm4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.IterationRecord;
import org.rfm4j.api.FitReport;
import org.rfm4j.api.RfmClassificationModel;
import org.rfm4j.api.RfmClassifier;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmModels;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmRegressionModel;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.data.Dataset;
import org.rfm4j.data.Splits;
import org.rfm4j.io.AtomicFiles;
import org.rfm4j.io.Json;
import org.rfm4j.spi.ComputeBackend;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rfm fit`: fit an RFM on a dataset, print the per-iteration table, score the test set, save. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a Recursive Feature Machine and report validation and test metrics.")
public final class FitCommand implements Callable<Integer> {
    @ArgGroup(exclusive = false, multiplicity = "1", heading = "Data%n")
    DataArgs data;

    @Option(names = "--task", defaultValue = "auto", paramLabel = "TASK",
            description = "regression, classification, or auto (classification for text labels and builtin:modular).")
    String task;

    @Mixin
    HyperParams hyper;

    @Option(names = "--save", paramLabel = "MODEL", description = "Write the fitted model here (atomically).")
    Path save;

    @Option(names = "--report-json", paramLabel = "PATH", description = "Write the fit report as JSON here.")
    Path reportJson;

    @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        RfmParams params = hyper.toParams();
        Splits splits = data.load(params.seed());
        Dataset train = splits.train();
        Dataset val = splits.validation();
        boolean classification = isClassification(train);
        if (classification && train.labels() == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "classification needs one label column, but the data has "
                    + train.c() + " target columns: choose one with --target");
        }
        if (!classification && train.y() == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the target column holds text labels: use --task classification");
        }
        System.out.printf(Locale.ROOT, "rfm fit: %s, %s, n_train=%d, d=%d, %s%s%n", train.name(),
                classification ? "classification" : "regression", train.n(), train.d(), params.kernelSpec(),
                val == null ? ", no validation set" : ", n_val=" + val.n());
        ProgressPrinter progress = new ProgressPrinter(quiet);
        RfmModel model;
        Map<String, Double> test = Map.of();
        Dataset testSet = splits.test();
        try (ComputeBackend be = hyper.backend.open()) { // one backend for the fit and the test score
            if (classification) {
                RfmClassificationModel m = new RfmClassifier(params).fit(be, train.features(), train.labels(),
                        val == null ? null : val.features(), val == null ? null : val.labels(), progress);
                if (testSet != null) {
                    test = m.score(be, testSet.features(), testSet.labels());
                }
                model = m;
            } else {
                RfmRegressionModel m = new RfmRegressor(params).fit(be, train.features(), train.targets(),
                        val == null ? null : val.features(), val == null ? null : val.targets(), progress);
                if (testSet != null) {
                    test = m.score(be, testSet.features(), testSet.targets());
                }
                model = m;
            }
        }
        FitReport report = model.report().withTest(test);
        printSummary(report, train);
        if (save != null) {
            RfmModels.save(model, save);
            System.out.println("model saved to " + save);
        }
        if (reportJson != null) {
            String json = Json.write(toJson(report, params, train));
            AtomicFiles.write(reportJson, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
            System.out.println("report written to " + reportJson);
        }
        return 0;
    }

    private boolean isClassification(Dataset train) {
        switch (task.toLowerCase(Locale.ROOT)) {
            case "classification": return true;
            case "regression": return false;
            case "auto":
                if (data.isBuiltin() && data.data.substring(8).startsWith("modular")) {
                    return true;
                }
                return train.y() == null && train.labels() != null;
            default:
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown --task '" + task
                        + "': use regression, classification or auto");
        }
    }

    private void printSummary(FitReport r, Dataset train) {
        System.out.printf(Locale.ROOT, "best iteration: %d of %d, fit %.2f s on %s (%s, %s)%n", r.bestIteration(),
                r.iterations().size() - 1, r.seconds(), r.backend(), r.backendDescription(), r.precision());
        if (!r.test().isEmpty()) {
            StringBuilder sb = new StringBuilder("test:");
            r.test().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.6g", k, v)));
            System.out.println(sb);
        }
        StringBuilder top = new StringBuilder("top features:");
        String[] names = train.featureNames();
        for (int i = 0; i < Math.min(10, r.topFeatures().length); i++) {
            int f = r.topFeatures()[i];
            top.append(' ').append(f);
            if (names != null && !names[f].equals("x" + f)) {
                top.append('(').append(names[f]).append(')');
            }
        }
        System.out.println(top);
    }

    static Map<String, Object> toJson(FitReport r, RfmParams p, Dataset train) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("backend", r.backend());
        j.put("backend_description", r.backendDescription());
        j.put("precision", r.precision());
        j.put("task", r.task());
        j.put("data", train.name());
        j.put("n_train", r.nTrain());
        j.put("d", r.d());
        j.put("c", r.c());
        j.put("kernel", p.kernelSpec().toString());
        j.put("reg", p.reg());
        List<Object> its = new ArrayList<>();
        for (IterationRecord rec : r.iterations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("iter", rec.iter());
            m.put("validation", rec.validation());
            m.put("seconds", rec.seconds());
            m.put("bandwidth", rec.bandwidth());
            m.put("jitter", rec.jitter());
            its.add(m);
        }
        j.put("iterations", its);
        j.put("best_iteration", r.bestIteration());
        if (!r.test().isEmpty()) {
            j.put("test", r.test());
        }
        j.put("top_features", r.topFeatures());
        j.put("seconds", r.seconds());
        j.put("notes", r.notes());
        return j;
    }

    /** Prints phases on stderr as they start and one table row per iteration on stdout. */
    static final class ProgressPrinter implements FitListener {
        private final boolean quiet;
        private boolean header;

        ProgressPrinter(boolean quiet) {
            this.quiet = quiet;
        }

        @Override
        public void phaseStarted(int iter, String phase, double elapsed) {
            if (!quiet && System.console() != null) {
                System.err.printf(Locale.ROOT, "\r  [%7.1f s] iteration %d: %-10s", elapsed, iter, phase);
                System.err.flush();
            }
        }

        @Override
        public void iterationDone(IterationRecord rec, double elapsed) {
            if (quiet) {
                return;
            }
            if (System.console() != null) {
                System.err.print("\r" + " ".repeat(50) + "\r");
            }
            if (!header) {
                StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%4s", "iter"));
                rec.validation().keySet().forEach(k -> h.append(String.format(Locale.ROOT, " %10s", "val_" + k)));
                h.append(String.format(Locale.ROOT, " %8s %8s %8s %8s %9s", "kernel_s", "solve_s", "agop_s", "iter_s", "elapsed_s"));
                System.out.println(h);
                header = true;
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%4d", rec.iter()));
            rec.validation().values().forEach(v -> row.append(String.format(Locale.ROOT, " %10.5g", v)));
            Map<String, Double> s = rec.seconds();
            row.append(String.format(Locale.ROOT, " %8.3f %8.3f %8.3f %8.3f %9.2f", s.getOrDefault("kernel", 0.0),
                    s.getOrDefault("solve", 0.0), s.getOrDefault("agop", 0.0) + s.getOrDefault("sqrt", 0.0),
                    rec.totalSeconds(), elapsed));
            System.out.println(row);
        }

        @Override
        public void note(String message) {
            if (!quiet) {
                System.out.println("note: " + message);
            }
        }
    }
}
