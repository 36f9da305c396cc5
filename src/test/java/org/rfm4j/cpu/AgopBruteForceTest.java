// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * The AGOP (full and diagonal) against a brute-force sum of outer products of finite-difference
 * gradients. The sample holds training points with their index, so the self pair is masked; central
 * differences of a symmetric kernel give 0 for the self term too, so the two must agree.
 */
class AgopBruteForceTest {
    @Test
    void agopMatchesFiniteDifferenceOuterProducts() {
        for (Kernel kernel : new Kernel[] {Kernel.laplace(3.0), Kernel.gaussian(2.0), Kernel.productLaplace(1.0, 3.0)}) {
            int n = 12, d = 4, c = 3;
            Random r = new Random(3);
            double[] u = KernelGradientTest.gaussian(r, n * d);
            double[] alpha = KernelGradientTest.gaussian(r, n * c);
            int[] idx = {0, 3, 7, 11};
            double[] z = new double[idx.length * d];
            for (int j = 0; j < idx.length; j++) {
                System.arraycopy(u, idx[j] * d, z, j * d, d);
            }
            try (ComputeBackend be = new CpuBackend();
                 DeviceMatrix um = be.upload(u, n, d, Precision.FLOAT64);
                 DeviceMatrix am = be.upload(alpha, n, c, Precision.FLOAT64);
                 DeviceMatrix zm = be.upload(z, idx.length, d, Precision.FLOAT64);
                 DeviceMatrix g = be.zeros(d, d, Precision.FLOAT64);
                 DeviceMatrix gd = be.zeros(1, d, Precision.FLOAT64);
                 DeviceMatrix j = be.zeros(c, d, Precision.FLOAT64);
                 DeviceMatrix j2 = be.zeros(c, d, Precision.FLOAT64)) {
                be.agopAccumulate(kernel, um, am, zm, idx, g, j);
                be.agopAccumulate(kernel, um, am, zm, idx, gd, j2);
                double[] brute = new double[d * d];
                double h = 1e-6;
                for (int jj = 0; jj < idx.length; jj++) {
                    double[] zj = new double[d];
                    System.arraycopy(z, jj * d, zj, 0, d);
                    double[][] grad = new double[c][d];
                    for (int a = 0; a < d; a++) {
                        double[] zp = zj.clone(), zmn = zj.clone();
                        zp[a] += h;
                        zmn[a] -= h;
                        double[] fp = KernelGradientTest.f(be, kernel, u, n, d, alpha, c, zp);
                        double[] fm = KernelGradientTest.f(be, kernel, u, n, d, alpha, c, zmn);
                        for (int cc = 0; cc < c; cc++) {
                            grad[cc][a] = (fp[cc] - fm[cc]) / (2 * h);
                        }
                    }
                    for (int cc = 0; cc < c; cc++) {
                        for (int a = 0; a < d; a++) {
                            for (int b = 0; b < d; b++) {
                                brute[a * d + b] += grad[cc][a] * grad[cc][b];
                            }
                        }
                    }
                }
                double[] got = be.download(g);
                double scale = 0;
                for (double v : brute) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < d * d; i++) {
                    assertTrue(Math.abs(got[i] - brute[i]) <= 1e-6 * scale,
                            kernel + " AGOP entry " + i + ": " + got[i] + " vs brute force " + brute[i]);
                }
                double[] diag = be.download(gd);
                for (int a = 0; a < d; a++) {
                    assertTrue(Math.abs(diag[a] - got[a * d + a]) <= 1e-12 * scale, "diag mode entry " + a);
                }
                assertArrayEquals(be.download(j), be.download(j2), 1e-12);
            }
        }
    }
}
