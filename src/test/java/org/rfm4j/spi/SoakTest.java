// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.api.RfmModels;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmRegressionModel;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.cuda.GpuMachine;

/**
 * Soak: fit, predict, save, load and predict again, cycle after cycle in one JVM on one backend, with
 * the heap (after a full GC) and the backend's free memory measured after the warm-up and at the end.
 * Bounds: the heap grows by at most 16 MiB and the backend's free memory falls by at most 8 MiB, over
 * any number of cycles (a leak of one fit's matrices, 200 x 200 float64 = 0.3 MiB, would cross both
 * within 50 cycles). The suite runs {@value #DEFAULT_CYCLES} cycles; {@code scripts/soak.sh CYCLES}
 * runs more (system property {@code rfm4j.soak.cycles}; {@code rfm4j.soak.warmup} sets the warm-up,
 * which the slow emulated device shortens).
 */
class SoakTest {
    static final int DEFAULT_CYCLES = 120;
    static final int WARM_UP = 20;
    static final long HEAP_BOUND = 16L << 20;
    static final long DEVICE_BOUND = 8L << 20;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> fitPredictSaveLoadCycles() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BackendProvider p : Backends.providers()) {
            tests.add(DynamicTest.dynamicTest(p.name(), () -> soak(p)));
        }
        return tests.stream();
    }

    private void soak(BackendProvider provider) throws Exception {
        BackendProvider.Availability a = provider.probe();
        String required = provider.name().equals("cuda") ? GpuMachine.cudaRequiredBecause() : null;
        if (!a.available() && required != null) {
            fail(provider.name() + " backend unavailable although " + required + ": " + a.detail());
        }
        Assumptions.assumeTrue(a.available(), () -> provider.name() + " backend unavailable: " + a.detail());
        int cycles = Integer.getInteger("rfm4j.soak.cycles", DEFAULT_CYCLES);
        int warmUp = Integer.getInteger("rfm4j.soak.warmup", WARM_UP);
        RfmParams params = RfmParams.builder().iterations(2).precision(Precision.FLOAT64).build();
        Random r = new Random(5);
        double[][] x = new double[200][6], y = new double[200][1], q = new double[50][6];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 6; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i][0] = x[i][0] * x[i][1];
        }
        for (double[] row : q) {
            for (int j = 0; j < 6; j++) {
                row[j] = r.nextGaussian();
            }
        }
        Path file = dir.resolve("soak.rfm");
        long heapStart = 0, freeStart = 0;
        long t0 = System.nanoTime();
        try (ComputeBackend be = provider.open()) {
            for (int c = 0; c < warmUp + cycles; c++) {
                if (c == warmUp) {
                    heapStart = heapAfterGc();
                    freeStart = be.memory().freeBytes();
                    t0 = System.nanoTime();
                }
                RfmRegressionModel m = new RfmRegressor(params).fit(be, x, y);
                double[][] before = m.predict(be, q);
                RfmModels.save(m, file);
                RfmRegressionModel back = (RfmRegressionModel) RfmModels.load(file);
                double[][] after = back.predict(be, q);
                for (int i = 0; i < q.length; i++) {
                    assertArrayEquals(before[i], after[i], 0, "cycle " + c + ": the loaded model predicts as saved");
                }
            }
            long heapEnd = heapAfterGc();
            long freeEnd = be.memory().freeBytes();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "soak, %s: %d cycles (after %d warm-up) in %.1f s; heap after GC %.1f -> %.1f MiB "
                    + "(%+.2f MiB, bound +%d); %s free %.1f -> %.1f MiB (%+.2f MiB, bound -%d)%n", provider.name(), cycles,
                    warmUp, seconds, mib(heapStart), mib(heapEnd), mib(heapEnd - heapStart), HEAP_BOUND >> 20,
                    be.hostMemory() ? "host" : "device", mib(freeStart), mib(freeEnd), mib(freeEnd - freeStart),
                    DEVICE_BOUND >> 20);
            assertTrue(heapEnd - heapStart <= HEAP_BOUND, "the heap grew by " + mib(heapEnd - heapStart) + " MiB");
            if (!be.hostMemory()) { // host free memory moves with everything else the machine does
                assertTrue(freeStart - freeEnd <= DEVICE_BOUND, "device memory fell by " + mib(freeStart - freeEnd) + " MiB");
            }
        }
        assertEquals(true, Files.exists(file));
    }

    static long heapAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the least of three: a GC racing a background thread's allocation
            mem.gc();
            Thread.sleep(50);
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static double mib(long bytes) {
        return bytes / (double) (1 << 20);
    }
}
