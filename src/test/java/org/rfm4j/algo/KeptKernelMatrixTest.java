// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * The trainer keeps a small kernel matrix from one iteration to the next (RfmTrainer.KEEP_KERNEL_BYTES): its
 * stale content (the last factor, the strict upper triangle) must never reach a result. One trainer fitting
 * A, then B of another size and precision, then A again gives A's model to the bit; the iterations of a fit
 * see only their own kernel (the AGOP moves M, so a stale K would change alpha).
 */
class KeptKernelMatrixTest {
    private static Matrix[] data(int n, int d, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * d], y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                x[i * d + a] = r.nextGaussian();
            }
            y[i] = x[i * d] * x[i * d + 1] + 0.1 * r.nextGaussian();
        }
        return new Matrix[] {new Matrix(x, n, d), new Matrix(y, n, 1)};
    }

    private static TrainerSettings settings(Precision pr) {
        return new TrainerSettings(Kernel.laplace(3), 1e-3, 3, 500, false, false, 1, false, true, 0, pr, 3);
    }

    @Test
    void aTrainerFitsTheSameModelAfterAnotherFit() {
        assertTrue(300L * 300 * Double.BYTES <= RfmTrainer.KEEP_KERNEL_BYTES, "the case below keeps its matrix");
        Matrix[] a = data(300, 6, 1), b = data(200, 4, 2);
        try (ComputeBackend cpu = Backends.open("cpu")) {
            RfmTrainer.Result first = new RfmTrainer(cpu, settings(Precision.FLOAT64), null).fit(a[0], a[1], null, null);
            RfmTrainer trainer = new RfmTrainer(cpu, settings(Precision.FLOAT64), null);
            trainer.fit(b[0], b[1], null, null);
            new RfmTrainer(cpu, settings(Precision.FLOAT32), null).fit(b[0], b[1], null, null);
            RfmTrainer.Result again = trainer.fit(a[0], a[1], null, null);
            assertArrayEquals(first.solution().m(), again.solution().m(), 0.0, "M");
            assertArrayEquals(first.solution().alpha(), again.solution().alpha(), 0.0, "alpha");
        }
    }
}
