// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.algo.RfmTrainer;
import org.rfm4j.algo.TrainerSettings;
import org.rfm4j.api.RfmParams;
import org.rfm4j.data.Matrix;
import org.rfm4j.io.Json;
import org.rfm4j.io.Npy;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;

/**
 * The child process of a cold-start row ({@link ColdStart}): in a fresh JVM, fits and predicts the bench's
 * data at one small point {@code 1 + repeats} times, timing each inside the process, and prints one JSON
 * object: the seconds from JVM start to main, every run's seconds (the first is the cold one). Writes the
 * last predictions to DIR/pred_rfm4j.npy for the agreement check.
 * <p>Arguments: DIR BACKEND KERNEL N D C N_TEST SEED BANDWIDTH REG ITERATIONS PRECISION REPEATS.
 */
public final class ColdFit {
    private ColdFit() {
    }

    public static void main(String[] a) {
        double toMain = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
        java.nio.file.Path dir = java.nio.file.Path.of(a[0]);
        String backend = a[1], kernel = a[2];
        int n = Integer.parseInt(a[3]), d = Integer.parseInt(a[4]), c = Integer.parseInt(a[5]);
        int nTest = Integer.parseInt(a[6]);
        long seed = Long.parseLong(a[7]);
        Precision pr = Precision.parse(a[11]);
        int repeats = Integer.parseInt(a[12]);
        TrainerSettings params = RfmParams.builder().kernel(kernel).bandwidth(Double.parseDouble(a[8]))
                .reg(Double.parseDouble(a[9])).iterations(Integer.parseInt(a[10])).precision(pr).earlyStopping(false)
                .seed(seed).build().trainerSettings();
        long t0 = System.nanoTime();
        BenchData data = BenchData.generate(n, d, c, nTest, seed);
        double dataS = (System.nanoTime() - t0) * 1e-9;
        List<Double> runs = new ArrayList<>();
        double[] pred = null;
        try (ComputeBackend be = Backends.open(backend)) {
            for (int r = 0; r <= repeats; r++) {
                long s = System.nanoTime();
                RfmTrainer.Result res = new RfmTrainer(be, params, org.rfm4j.algo.FitListener.NONE).fit(
                        new Matrix(data.x(), n, d), new Matrix(data.y(), n, c), null, null);
                pred = BenchRunner.predict(be, res.solution(), pr, data);
                runs.add((System.nanoTime() - s) * 1e-9);
            }
        }
        Npy.write(dir.resolve("pred_rfm4j.npy"), pred, new int[] {nTest, c}, false);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jvm_to_main_s", toMain);
        out.put("data_s", dataS);
        out.put("runs", runs);
        System.out.println(Json.write(out));
    }
}
