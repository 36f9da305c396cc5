// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmRegressionModel;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.cpu.CpuBackend;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/** The jitter retry: a singular K + reg I (duplicated rows, reg 0) is factored with jitter, and it is reported. */
class KernelRidgeTest {
    static double[] duplicatedRows(int n, int d) {
        java.util.Random r = new java.util.Random(3);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i += 2) {
            for (int a = 0; a < d; a++) {
                x[i * d + a] = r.nextGaussian();
                x[(i + 1) * d + a] = x[i * d + a]; // every row twice: K is exactly singular
            }
        }
        return x;
    }

    @Test
    void singularKernelMatrixIsFactoredWithReportedJitter() {
        int n = 40, d = 3;
        double[] x = duplicatedRows(n, d);
        List<String> notes = new ArrayList<>();
        try (ComputeBackend be = new CpuBackend();
             DeviceMatrix u = be.upload(x, n, d, Precision.FLOAT64);
             DeviceMatrix k = be.zeros(n, n, Precision.FLOAT64)) {
            Kernel kernel = Kernel.laplace(2);
            be.kernelMatrixLower(kernel, u, k);
            double jitter = KernelRidge.factorWithJitter(be, kernel, u, k, 0.0, "test", notes::add);
            assertTrue(jitter > 0, "jitter " + jitter);
            assertTrue(!notes.isEmpty() && notes.get(0).startsWith("test: Cholesky failed at leading minor"), notes.toString());
        }
    }

    @Test
    void theFitReportsTheJitterItNeeded() {
        int n = 60, d = 3;
        double[] x = duplicatedRows(n, d);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i * d];
        }
        RfmRegressionModel m;
        try (ComputeBackend cpu = Backends.open("cpu")) {
            m = new RfmRegressor(RfmParams.builder().reg(0).iterations(1).precision(Precision.FLOAT64).build())
                    .fit(cpu, new Matrix(x, n, d), new Matrix(y, n, 1), null, null, null);
        }
        assertTrue(m.report().notes().stream().anyMatch(s -> s.startsWith("iteration 0: Cholesky failed")),
                m.report().notes().toString());
        assertTrue(m.report().iterations().get(0).jitter() > 0);
        assertEquals(2, m.report().iterations().size());
    }
}
