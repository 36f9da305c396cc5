// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/** The CPU kernel matrix against direct evaluation, and its lower-triangle variant against the full one. */
class CpuKernelMatrixTest {
    @Test
    void fullAndLowerMatchDirectEvaluation() {
        int n = 150, d = 7; // 150 rows: two full panels and a partial one
        double[] x = KernelGradientTest.gaussian(new Random(5), n * d);
        for (Kernel k : new Kernel[] {Kernel.laplace(3), Kernel.gaussian(2), Kernel.lpq(1.5, 1, 3), Kernel.productLaplace(1, 4)}) {
            try (ComputeBackend be = new CpuBackend();
                 DeviceMatrix a = be.upload(x, n, d, Precision.FLOAT64);
                 DeviceMatrix full = be.zeros(n, n, Precision.FLOAT64);
                 DeviceMatrix lower = be.zeros(n, n, Precision.FLOAT64)) {
                be.kernelMatrix(k, a, a, full);
                be.kernelMatrixLower(k, a, lower);
                double[] f = be.download(full), l = be.download(lower);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            s += Math.pow(Math.abs(x[i * d + c] - x[j * d + c]), k.p());
                        }
                        double want = k.value(Math.pow(s, 1 / k.p()));
                        assertEquals(want, f[i * n + j], 1e-12, k + " full (" + i + ", " + j + ")");
                        if (j <= i) {
                            assertEquals(f[i * n + j], l[i * n + j], 0.0, k + " lower (" + i + ", " + j + ")");
                        }
                    }
                }
            }
        }
    }
}
