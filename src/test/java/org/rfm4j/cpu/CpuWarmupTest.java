// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rfm4j.algo.RfmTrainer;
import org.rfm4j.algo.TrainerSettings;
import org.rfm4j.api.Warmup;
import org.rfm4j.cpu.linalg.Parallel;
import org.rfm4j.cpu.linalg.Simd;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * The background warm-up ({@link CpuWarmup}, {@link Warmup}) changes no result: a fit that runs while a
 * warm-up runs on another thread equals one that runs alone, bit for bit; the warm-up leaves its thread's
 * kernel settings as it found them; the property turns it off.
 */
class CpuWarmupTest {

    private static double[][] fit(Precision pr) {
        Random r = new Random(3);
        int n = 300, d = 6;
        double[] x = new double[n * d], y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                x[i * d + a] = 0.5 * r.nextGaussian();
            }
            y[i] = x[i * d] * x[i * d + 1];
        }
        TrainerSettings s = new TrainerSettings(Kernel.laplace(3), 1e-3, 3, 200, false, false, 1, false, true, 0, pr, 3);
        try (ComputeBackend cpu = Backends.open("cpu")) {
            RfmTrainer.Result res = new RfmTrainer(cpu, s, null).fit(new Matrix(x, n, d), new Matrix(y, n, 1), null, null);
            return new double[][] {res.solution().m(), res.solution().alpha()};
        }
    }

    @Test
    void aFitBesideAWarmupEqualsOneAlone() throws InterruptedException {
        for (Precision pr : Precision.values()) {
            double[][] alone = fit(pr);
            Thread warm = new Thread(() -> {
                for (int i = 0; i < 3; i++) {
                    Warmup.run();
                }
            });
            warm.start();
            double[][] beside = fit(pr);
            warm.join();
            assertArrayEquals(alone[0], beside[0], 0.0, pr + ": M");
            assertArrayEquals(alone[1], beside[1], 0.0, pr + ": alpha");
        }
    }

    @Test
    void leavesTheThreadAsItFoundIt() {
        boolean vector = Simd.enabled();
        int threads = Parallel.threads();
        try (ComputeBackend cpu = Backends.open("cpu")) {
            cpu.warmUp();
        }
        assertEquals(vector, Simd.enabled());
        assertEquals(threads, Parallel.threads());
    }

    @Test
    void thePropertyTurnsItOff() throws InterruptedException {
        String old = System.getProperty("rfm4j.warmup");
        try {
            System.setProperty("rfm4j.warmup", "false");
            assertFalse(Warmup.enabled());
            assertNull(Warmup.startInBackground());
            System.clearProperty("rfm4j.warmup");
            Thread t = Warmup.startInBackground();
            assertNotNull(t);
            t.join(60_000);
            assertFalse(t.isAlive(), "the warm-up should end within a minute");
        } finally {
            if (old == null) {
                System.clearProperty("rfm4j.warmup");
            } else {
                System.setProperty("rfm4j.warmup", old);
            }
        }
    }
}
