// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rfm4j.algo.RfmTrainer;
import org.rfm4j.algo.TrainerSettings;
import org.rfm4j.cpu.linalg.Parallel;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * The CPU backend computes the same bits whatever its thread count (work is split by sizes, never by
 * threads, and partial sums are added in a fixed order): what lets the tree fit leaves side by side
 * and still match a one-after-another fit, and a model match across machines.
 */
class ThreadCountInvarianceTest {

    private static double[][] fit(int threads, Kernel kernel, boolean diag, Precision pr) {
        Random r = new Random(7);
        int n = 700, d = 9;
        double[] x = new double[n * d], y = new double[n * 2];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                x[i * d + a] = 0.5 * r.nextGaussian();
            }
            y[2 * i] = x[i * d] * x[i * d + 1];
            y[2 * i + 1] = x[i * d + 5] > 0 ? 1 : 0;
        }
        TrainerSettings s = new TrainerSettings(kernel, 1e-3, 3, 500, diag, false, 1, false, true, 0, pr, 3);
        double[][] out = new double[2][];
        Parallel.withThreads(threads, () -> {
            try (ComputeBackend cpu = Backends.open("cpu")) {
                RfmTrainer.Result res = new RfmTrainer(cpu, s, null).fit(new Matrix(x, n, d), new Matrix(y, n, 2), null, null);
                out[0] = res.solution().m();
                out[1] = res.solution().alpha();
            }
        });
        return out;
    }

    @Test
    void oneThreadAndFiveThreadsGiveTheSameModel() {
        // a fit below Parallel.SERIAL_MAX_FLOPS runs on one thread whatever is asked: 700 x 9 x 2 counts 8.6e8
        assertTrue(Parallel.SERIAL_MAX_FLOPS < 8.6e8, "the fits below must run on several threads");
        for (Kernel k : new Kernel[] {Kernel.laplace(3), Kernel.gaussian(2), Kernel.lpq(1.5, 1, 3)}) {
            for (boolean diag : new boolean[] {false, true}) {
                for (Precision pr : Precision.values()) {
                    double[][] one = fit(1, k, diag, pr), five = fit(5, k, diag, pr);
                    String what = k + (diag ? " diag " : " full ") + pr;
                    assertArrayEquals(one[0], five[0], 0.0, what + ": M");
                    assertArrayEquals(one[1], five[1], 0.0, what + ": alpha");
                }
            }
        }
    }
}
