// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rfm4j.experiments.ExperimentFiles;
import org.rfm4j.spi.ComputeBackend;

/**
 * RFM grokking modular arithmetic (`rfm experiment grokking`): runs {@link GrokkingRfm}, prints one line
 * per iteration, and writes OUT/report.json and OUT/grokking.png. The expected result and the figures
 * of record are in docs/EXPERIMENTS.md.
 */
public final class GrokkingExperiment {
    private GrokkingExperiment() {
    }

    /**
     * Runs one configuration on {@code be}; {@code path} null picks the AGOP computation for the backend.
     * Returns the report file.
     */
    public static Path run(ComputeBackend be, GrokkingConfig cfg, GrokkingRfm.Normalisation norm,
                           GrokkingRfm.AgopPath path, Path out, PrintStream log) {
        ExperimentFiles.prepare(out);
        GrokkingRfm rfm = new GrokkingRfm(be).normalisation(norm).agopPath(path);
        log.printf(Locale.ROOT, "grokking: %s mod %d, r = %s, %s kernel%s, %d iterations, backend %s, AGOP %s%n",
                cfg.task(), cfg.p(), cfg.trainFraction(), cfg.kernel(),
                cfg.quadratic() ? "" : " L = " + cfg.bandwidth(), cfg.iterations(), be.name(),
                rfm.agopPath().name().toLowerCase(Locale.ROOT));
        log.println(" iter  train_acc  test_acc   train_mse   test_mse  circ_dev  solver     sec");
        GrokkingResult r = rfm.run(cfg, m -> {
            log.printf(Locale.ROOT, "%5d  %9.4f  %8.4f  %10.3e  %9.6f  %8.4f  %-8s %5.1f%n", m.iter(),
                    m.trainAccuracy(), m.testAccuracy(), m.trainMse(), m.testMse(), m.circulantDeviation(),
                    m.solver(), m.seconds());
            log.flush();
        });
        Path png = out.resolve("grokking.png");
        GrokkingFigure.writeRun(png, r);
        Path json = ExperimentFiles.writeJson(out.resolve("report.json"), report(r, png));
        IterationMetrics last = r.last();
        log.printf(Locale.ROOT, "final test accuracy %.4f; first iteration with test accuracy >= 0.99: %s;"
                + " %.1f s%n", last.testAccuracy(), r.firstReaching(0.99) < 0 ? "none" : r.firstReaching(0.99),
                r.seconds());
        log.println("wrote " + json + " and " + png);
        return json;
    }

    /** The report of a run, as written to report.json. */
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

}
