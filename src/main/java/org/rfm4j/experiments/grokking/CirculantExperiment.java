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

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.experiments.ExperimentFiles;
import org.rfm4j.spi.ComputeBackend;

/**
 * Random circulant features (`rfm experiment grokking-circulant`): a kernel machine with
 * M = (M*)^(1/2), M* = [[A, C^T], [C, A]], against M = I, one solve per training fraction; writes
 * OUT/report.json and OUT/circulant.png.
 */
public final class CirculantExperiment {
    private CirculantExperiment() {
    }

    /** Runs the sweep over {@code fractions} on {@code be}; returns the report file. */
    public static Path run(ComputeBackend be, String task, int p, double bandwidth, double[] fractions, long seed,
                           Path out, PrintStream log) {
        if (fractions == null || fractions.length == 0) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--train-fractions is empty: pass values in (0, 1)");
        }
        for (double r : fractions) { // validates task, p, r, L before any work
            new GrokkingConfig(task, p, r, "gaussian", bandwidth, 0, seed);
        }
        String op = task.trim().toLowerCase(Locale.ROOT);
        ExperimentFiles.prepare(out);
        log.printf(Locale.ROOT, "grokking-circulant: %s mod %d, gaussian L = %s, random %s C, backend %s%n",
                op, p, bandwidth, CirculantFeatures.hankel(op) ? "Hankel" : "circulant", be.name());
        log.println("      r  n_train  test_acc(M*)  test_acc(I)");
        List<CirculantFeatures.Point> pts = CirculantFeatures.sweep(be, op, p, bandwidth, fractions, seed,
                pt -> log.printf(Locale.ROOT, "  %5.3f  %7d  %12.4f  %11.4f%n", pt.trainFraction(),
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
        Path json = ExperimentFiles.writeJson(out.resolve("report.json"), j);
        log.println("wrote " + json + " and " + png);
        return json;
    }
}
