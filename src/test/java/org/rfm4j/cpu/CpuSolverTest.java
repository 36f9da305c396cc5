// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/** The backend's Cholesky factor + solve against EJML's dense solve, on a kernel matrix + ridge. */
class CpuSolverTest {
    @Test
    void choleskySolveMatchesDenseReference() {
        int n = 300, d = 6, c = 3;
        Random r = new Random(11);
        double[] x = KernelGradientTest.gaussian(r, n * d);
        double[] y = KernelGradientTest.gaussian(r, n * c);
        try (ComputeBackend be = new CpuBackend()) {
            for (Precision pr : Precision.values()) {
                try (DeviceMatrix xm = be.upload(x, n, d, pr);
                     DeviceMatrix k = be.zeros(n, n, pr);
                     DeviceMatrix b = be.upload(y, n, c, pr)) {
                    be.kernelMatrix(Kernel.laplace(4.0), xm, xm, k);
                    be.addDiagonal(k, 0.1);
                    double[] kd = be.download(k);
                    assertEquals(0, be.choleskyFactor(k));
                    be.choleskySolve(k, b);
                    double[] got = be.download(b);
                    DMatrixRMaj want = new DMatrixRMaj(n, c);
                    assertTrue(CommonOps_DDRM.solve(DMatrixRMaj.wrap(n, n, kd), DMatrixRMaj.wrap(n, c, y.clone()), want));
                    double err = 0, norm = 0;
                    for (int i = 0; i < n * c; i++) {
                        err = Math.max(err, Math.abs(got[i] - want.data[i]));
                        norm = Math.max(norm, Math.abs(want.data[i]));
                    }
                    double tol = pr == Precision.FLOAT64 ? 1e-10 : 1e-3;
                    assertTrue(err / norm <= tol, pr + ": relative error " + err / norm);
                }
            }
        }
    }

    @Test
    void notPositiveDefiniteReportsTheFailingMinor() {
        int n = 6;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 1;
        }
        a[4 * n + 4] = -1; // fifth leading minor is the first that is not PD
        try (ComputeBackend be = new CpuBackend(); DeviceMatrix k = be.upload(a, n, n, Precision.FLOAT64)) {
            assertEquals(5, be.choleskyFactor(k));
        }
    }
}
