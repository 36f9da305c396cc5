package org.rfm4j.cli;

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
import org.rfm4j.experiments.grokking.CirculantFeatures;
import org.rfm4j.experiments.grokking.GrokkingConfig;
import org.rfm4j.experiments.grokking.GrokkingFigure;
import org.rfm4j.io.AtomicFiles;
import org.rfm4j.io.Json;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rfm experiment grokking-circulant`: random circulant features generalise without any AGOP iteration. */
@Command(name = "grokking-circulant", mixinStandardHelpOptions = true,
        description = {"Kernel machine with random circulant features M* = [[A, C^T], [C, A]] (M = (M*)^(1/2), one solve)",
                "against M = I, over training fractions. Writes OUT/report.json and OUT/circulant.png."})
public final class GrokkingCirculantCommand implements Callable<Integer> {
    @Option(names = "--task", paramLabel = "OP", description = "add, sub, mul or div (default ${DEFAULT-VALUE}).")
    String task = "add";

    @Option(names = "--p", paramLabel = "P", description = "Modulus (prime for mul and div; default ${DEFAULT-VALUE}).")
    int p = 61;

    @Option(names = "--train-fractions", paramLabel = "R", split = ",",
            description = "Training fractions, comma-separated (default 0.1,0.175,0.25,0.35,0.5).")
    double[] fractions = {0.1, 0.175, 0.25, 0.35, 0.5};

    @Option(names = {"-L", "--bandwidth"}, paramLabel = "L", description = "Gaussian bandwidth L (default ${DEFAULT-VALUE}).")
    double bandwidth = 2.5;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the splits and of C (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    BackendOption backend;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out = Path.of("grokking-circulant-out");

    @Override
    public Integer call() {
        if (fractions == null || fractions.length == 0) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--train-fractions is empty: pass values in (0, 1)");
        }
        for (double r : fractions) { // validates task, p, r, L before any work
            new GrokkingConfig(task, p, r, "gaussian", bandwidth, 0, seed);
        }
        String op = task.trim().toLowerCase(Locale.ROOT);
        GrokkingCommand.prepareOut(out);
        try (ComputeBackend be = backend.open()) {
            System.out.printf(Locale.ROOT, "grokking-circulant: %s mod %d, gaussian L = %s, random %s C, backend %s%n",
                    op, p, bandwidth, CirculantFeatures.hankel(op) ? "Hankel" : "circulant", be.name());
            System.out.println("      r  n_train  test_acc(M*)  test_acc(I)");
            List<CirculantFeatures.Point> pts = CirculantFeatures.sweep(be, op, p, bandwidth, fractions, seed,
                    pt -> System.out.printf(Locale.ROOT, "  %5.3f  %7d  %12.4f  %11.4f%n", pt.trainFraction(),
                            pt.trainSize(), pt.accuracyCirculant(), pt.accuracyIdentity()));
            double[] r = new double[pts.size()], a = new double[pts.size()], id = new double[pts.size()];
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < r.length; i++) {
                CirculantFeatures.Point pt = pts.get(i);
                r[i] = pt.trainFraction();
                a[i] = pt.accuracyCirculant();
                id[i] = pt.accuracyIdentity();
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("train_fraction", r[i]);
                e.put("n_train", pt.trainSize());
                e.put("n_test", pt.testSize());
                e.put("test_accuracy_circulant", a[i]);
                e.put("test_accuracy_identity", id[i]);
                rows.add(e);
            }
            Path png = out.resolve("circulant.png");
            GrokkingFigure.writeSweep(png, "Random " + (CirculantFeatures.hankel(op) ? "Hankel" : "circulant")
                    + " features, " + op + " mod " + p, r, a, id);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("experiment", "grokking-circulant");
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("task", op);
            s.put("p", p);
            s.put("kernel", "gaussian");
            s.put("bandwidth", bandwidth);
            s.put("seed", seed);
            s.put("structure", CirculantFeatures.hankel(op) ? "hankel" : "circulant");
            s.put("m", "(M*)^(1/2), M* = [[A, C^T], [C, A]], A = I - 11^T/p, C centred, max Fourier magnitude 1");
            j.put("settings", s);
            j.put("backend", be.name());
            j.put("sweep", rows);
            j.put("figure", png.getFileName().toString());
            Path json = out.resolve("report.json");
            AtomicFiles.write(json, Json.write(j).getBytes(StandardCharsets.UTF_8));
            System.out.println("wrote " + json + " and " + png);
        }
        return 0;
    }
}
