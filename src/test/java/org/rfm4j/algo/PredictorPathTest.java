// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rfm4j.cpu.linalg.Simd;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * A predictor of a small model runs every product on the path its size picks, the training points' transform
 * in its constructor included: its predictions are the same to the bit whether the vector kernels are on or
 * off. When the constructor transformed the training points outside the work scope, they took the vector
 * path there: at d = 300 (the products split into blocks) the predictions then differed by 2e-3 relative.
 */
class PredictorPathTest {
    @ParameterizedTest
    @ValueSource(ints = {7, 64, 300})
    void aSmallModelsPredictionsDoNotDependOnTheVectorSwitch(int d) {
        assumeTrue(Simd.enabled(), "needs the vector kernels on (jdk.incubator.vector, 512-bit SIMD)");
        int n = 240, m = 150;
        Random r = new Random(5);
        double[] x = new double[n * d], y = new double[n], q = new double[m * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(x[i * d]) + x[i * d + 1] * x[i * d + 2];
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = r.nextGaussian();
        }
        TrainerSettings settings = new TrainerSettings(Kernel.laplace(3), 1e-3, 3, 500, false, false, 1, false, true, 0,
                Precision.FLOAT32, 3);
        Matrix xm = new Matrix(x, n, d);
        try (ComputeBackend cpu = Backends.open("cpu")) {
            RfmSolution solution = new RfmTrainer(cpu, settings, null).fit(xm, new Matrix(y, n, 1), null, null)
                    .solution();
            double[] withVector;
            try (SolutionPredictor p = new SolutionPredictor(cpu, solution, xm, Precision.FLOAT32)) {
                withVector = p.predict(new Matrix(q, m, d));
            }
            double[] scalarOnly;
            Simd.setEnabled(false);
            try (SolutionPredictor p = new SolutionPredictor(cpu, solution, xm, Precision.FLOAT32)) {
                scalarOnly = p.predict(new Matrix(q, m, d));
            } finally {
                Simd.setEnabled(true);
            }
            assertArrayEquals(scalarOnly, withVector, 0.0);
        }
    }
}
