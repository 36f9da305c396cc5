package org.rfm4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.experiments.grokking.GrokkingConfig;
import org.rfm4j.experiments.grokking.GrokkingFigure;
import org.rfm4j.experiments.grokking.GrokkingResult;
import org.rfm4j.experiments.grokking.GrokkingRfm;
import org.rfm4j.experiments.grokking.IterationMetrics;
import org.rfm4j.io.AtomicFiles;
import org.rfm4j.io.Json;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rfm experiment grokking`: RFM grokks modular arithmetic (spec/EXPERIMENTS.md section 1). */
@Command(name = "grokking", mixinStandardHelpOptions = true,
        description = {"RFM with the centred AGOP grokks modular arithmetic (seed paper 'Emergence in non-neural models').",
                "Prints one line per iteration; writes OUT/report.json and OUT/grokking.png."})
public final class GrokkingCommand implements Callable<Integer> {
    @Option(names = "--task", paramLabel = "OP", description = "add, sub, mul or div (default ${DEFAULT-VALUE}).")
    String task = "add";

    @Option(names = "--p", paramLabel = "P", description = "Modulus (prime for mul and div; default ${DEFAULT-VALUE}).")
    int p = 61;

    @Option(names = "--train-fraction", paramLabel = "R", description = "Training fraction r (default ${DEFAULT-VALUE}).")
    double trainFraction = 0.5;

    @Option(names = "--kernel", paramLabel = "NAME", description = "gaussian or quadratic (default ${DEFAULT-VALUE}).")
    String kernel = "gaussian";

    @Option(names = {"-L", "--bandwidth"}, paramLabel = "L", description = "Gaussian bandwidth L (default ${DEFAULT-VALUE}).")
    double bandwidth = 2.5;

    @Option(names = "--iterations", paramLabel = "T", description = "AGOP iterations: T + 1 fits (default ${DEFAULT-VALUE}).")
    int iterations = 30;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the train/test split (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    BackendOption backend;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out = Path.of("grokking-out");

    @Option(names = "--normalisation", paramLabel = "N", description = "Scaling of the centred AGOP before the square"
            + " root: none (M = G^(1/2), the default) or max (M = (G / max G)^(1/2)).")
    String normalisation = "none";

    @Option(names = "--agop", paramLabel = "PATH", description = "AGOP computation: auto (onehot on the CPU backend, spi"
            + " elsewhere), spi (the backend's dense AGOP) or onehot (uses the one-hot sparsity).")
    String agop = "auto";

    @Override
    public Integer call() {
        GrokkingConfig cfg = new GrokkingConfig(task, p, trainFraction, kernel, bandwidth, iterations, seed);
        GrokkingRfm.Normalisation norm = parse(GrokkingRfm.Normalisation.class, normalisation, "--normalisation", "none or max");
        GrokkingRfm.AgopPath path = agop.equalsIgnoreCase("auto") ? null
                : parse(GrokkingRfm.AgopPath.class, agop, "--agop", "auto, spi or onehot");
        prepareOut(out);
        try (ComputeBackend be = backend.open()) {
            GrokkingRfm rfm = new GrokkingRfm(be).normalisation(norm).agopPath(path);
            System.out.printf(Locale.ROOT, "grokking: %s mod %d, r = %s, %s kernel%s, %d iterations, backend %s, AGOP %s%n",
                    cfg.task(), cfg.p(), cfg.trainFraction(), cfg.kernel(),
                    cfg.quadratic() ? "" : " L = " + cfg.bandwidth(), cfg.iterations(), be.name(),
                    rfm.agopPath().name().toLowerCase(Locale.ROOT));
            System.out.println(" iter  train_acc  test_acc   train_mse   test_mse  circ_dev  solver     sec");
            GrokkingResult r = rfm.run(cfg, m -> {
                System.out.printf(Locale.ROOT, "%5d  %9.4f  %8.4f  %10.3e  %9.6f  %8.4f  %-8s %5.1f%n", m.iter(),
                        m.trainAccuracy(), m.testAccuracy(), m.trainMse(), m.testMse(), m.circulantDeviation(),
                        m.solver(), m.seconds());
                System.out.flush();
            });
            Path png = out.resolve("grokking.png");
            GrokkingFigure.writeRun(png, r);
            Path json = out.resolve("report.json");
            AtomicFiles.write(json, Json.write(report(r, png)).getBytes(StandardCharsets.UTF_8));
            IterationMetrics last = r.last();
            System.out.printf(Locale.ROOT, "final test accuracy %.4f; first iteration with test accuracy >= 0.99: %s;"
                    + " %.1f s%n", last.testAccuracy(), r.firstReaching(0.99) < 0 ? "none" : r.firstReaching(0.99),
                    r.seconds());
            System.out.println("wrote " + json + " and " + png);
        }
        return 0;
    }

    static Map<String, Object> report(GrokkingResult r, Path png) {
        GrokkingConfig c = r.config();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("experiment", "grokking");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("task", c.task());
        s.put("p", c.p());
        s.put("train_fraction", c.trainFraction());
        s.put("kernel", c.kernel());
        s.put("bandwidth", c.bandwidth());
        s.put("iterations", c.iterations());
        s.put("seed", c.seed());
        s.put("ridge", 0.0);
        s.put("agop", "centred, averaged over the training points; M = G^(1/2)");
        s.put("normalisation", r.normalisation());
        s.put("precision", "float64");
        j.put("settings", s);
        j.put("n_train", r.trainSize());
        j.put("n_test", r.testSize());
        j.put("backend", r.backend());
        j.put("backend_description", r.backendDescription());
        j.put("seconds", r.seconds());
        j.put("lstsq_fallbacks", r.lstsqFallbacks());
        j.put("first_iter_test_accuracy_0.5", r.firstReaching(0.5));
        j.put("first_iter_test_accuracy_0.99", r.firstReaching(0.99));
        j.put("final_test_accuracy", r.last().testAccuracy());
        j.put("figure", png.getFileName().toString());
        List<Object> its = new ArrayList<>();
        for (IterationMetrics m : r.iterations()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("iter", m.iter());
            e.put("train_accuracy", m.trainAccuracy());
            e.put("test_accuracy", m.testAccuracy());
            e.put("train_mse", m.trainMse());
            e.put("test_mse", m.testMse());
            e.put("circulant_deviation", m.circulantDeviation());
            e.put("alignment", m.alignment());
            e.put("solver", m.solver());
            e.put("seconds", m.seconds());
            its.add(e);
        }
        j.put("iterations", its);
        return j;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String option, String allowed) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, option + " '" + value + "' is unknown: use " + allowed);
        }
    }

    /** Creates the output folder (and parents); a user error when that is impossible. */
    static void prepareOut(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RfmException(ErrorCode.IO, "--out " + dir + " is a file, not a folder: choose a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot create the output folder " + dir + ": " + e.getMessage()
                    + ": choose a writable path");
        }
    }
}
