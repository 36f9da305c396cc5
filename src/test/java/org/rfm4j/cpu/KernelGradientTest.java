// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * Every kernel's analytic gradient (as the AGOP computes it) against central finite differences of
 * f(z) = sum_i alpha_i k(u_i, z), in float64: relative error &lt;= 1e-6.
 */
class KernelGradientTest {
    static Stream<Kernel> kernels() {
        return Stream.of(Kernel.laplace(2.0), Kernel.exponential(1.5, 2.5), Kernel.exponential(0.5, 3.0),
                Kernel.gaussian(1.7), Kernel.lpq(1.5, 1.0, 2.0), Kernel.lpq(2.0, 0.7, 2.0), Kernel.lpq(0.8, 0.5, 4.0),
                Kernel.productLaplace(1.0, 2.0), Kernel.productLaplace(1.5, 2.0));
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void gradientMatchesFiniteDifferences(Kernel kernel) {
        int n = 9, d = 5, c = 2;
        Random r = new Random(7);
        double[] u = gaussian(r, n * d);
        double[] alpha = gaussian(r, n * c);
        try (ComputeBackend be = new CpuBackend()) {
            for (int trial = 0; trial < 4; trial++) {
                double[] z = gaussian(r, d);
                double[] analytic = jacobian(be, kernel, u, n, d, alpha, c, z);
                double h = 1e-6;
                for (int a = 0; a < d; a++) {
                    double[] zp = z.clone(), zm = z.clone();
                    zp[a] += h;
                    zm[a] -= h;
                    double[] fp = f(be, kernel, u, n, d, alpha, c, zp), fm = f(be, kernel, u, n, d, alpha, c, zm);
                    for (int cc = 0; cc < c; cc++) {
                        double fd = (fp[cc] - fm[cc]) / (2 * h);
                        double an = analytic[cc * d + a];
                        double scale = Math.max(1e-3, Math.abs(fd));
                        assertTrue(Math.abs(fd - an) / scale <= 1e-6,
                                kernel + " d/dz_" + a + " output " + cc + ": analytic " + an + " vs finite difference " + fd);
                    }
                }
            }
        }
    }

    static double[] gaussian(Random r, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    /** The Jacobian (c x d) at z, read from the AGOP's Jacobian sum for a single point. */
    static double[] jacobian(ComputeBackend be, Kernel k, double[] u, int n, int d, double[] alpha, int c, double[] z) {
        try (DeviceMatrix um = be.upload(u, n, d, Precision.FLOAT64);
             DeviceMatrix am = be.upload(alpha, n, c, Precision.FLOAT64);
             DeviceMatrix zm = be.upload(z, 1, d, Precision.FLOAT64);
             DeviceMatrix g = be.zeros(d, d, Precision.FLOAT64);
             DeviceMatrix j = be.zeros(c, d, Precision.FLOAT64)) {
            be.agopAccumulate(k, um, am, zm, null, g, j);
            return be.download(j);
        }
    }

    /**
     * f(z) = sum_i alpha_i k(u_i, z) evaluated directly from differences (no norm expansion, so that
     * finite differences at tiny steps are not swamped by cancellation).
     */
    static double[] f(ComputeBackend be, Kernel k, double[] u, int n, int d, double[] alpha, int c, double[] z) {
        double[] out = new double[c];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int a = 0; a < d; a++) {
                s += Math.pow(Math.abs(z[a] - u[i * d + a]), k.p());
            }
            double kv = k.value(Math.pow(s, 1 / k.p()));
            for (int cc = 0; cc < c; cc++) {
                out[cc] += alpha[i * c + cc] * kv;
            }
        }
        return out;
    }
}
