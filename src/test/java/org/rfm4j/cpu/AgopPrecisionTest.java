// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rfm4j.cpu.linalg.Simd;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * The float32 AGOP (float32 GEMMs, {@link CpuAgopF}) against the float64 one ({@link CpuAgop}, itself
 * checked against finite differences in {@link AgopBruteForceTest}) on the same data, full and diagonal,
 * on the vector and scalar paths; and both with their outputs split into groups (a tiny budget for the
 * scaled points) against one group.
 */
class AgopPrecisionTest {
    private static final int N = 70;
    private static final int D = 9;
    private static final int C = 3;

    private static final Kernel[] KERNELS = {Kernel.laplace(3.0), Kernel.gaussian(2.0), Kernel.exponential(1.5, 2.5)};

    @Test
    void float32MatchesFloat64OnBothPaths() {
        Random r = new Random(11);
        double[] u = KernelGradientTest.gaussian(r, N * D);
        double[] alpha = KernelGradientTest.gaussian(r, N * C);
        int[] idx = {0, 5, 9, 17, 30, 31, 44, 52, 60, -1, 69};
        double[] z = sample(u, idx, r);
        for (boolean vector : new boolean[] {true, false}) {
            try (Simd.Scope path = Simd.scope(vector); CpuBackend be = new CpuBackend()) {
                for (Kernel kernel : KERNELS) {
                    for (boolean diag : new boolean[] {false, true}) {
                        double[] g64 = agop(be, kernel, u, alpha, z, idx, diag, Precision.FLOAT64);
                        double[] g32 = agop(be, kernel, u, alpha, z, idx, diag, Precision.FLOAT32);
                        assertClose(g64, g32, 2e-4, kernel + (diag ? " diag" : " full") + (vector ? " vector" : " scalar"));
                    }
                }
            }
        }
    }

    @Test
    void outputGroupsMatchOneGroup() {
        Random r = new Random(12);
        double[] u = KernelGradientTest.gaussian(r, N * D);
        double[] alpha = KernelGradientTest.gaussian(r, N * C);
        int[] idx = {1, 2, 3, 40, 68};
        double[] z = sample(u, idx, r);
        float[] uf = floats(u), af = floats(alpha), zf = floats(z);
        double[] sqZ = CpuAgopF.squaredNorms(zf, idx.length, D);
        double[] sqZd = KernelPanels.rowSquaredNorms(z, idx.length, D);
        for (Kernel kernel : KERNELS) {
            for (boolean diag : new boolean[] {false, true}) {
                String what = kernel + (diag ? " diag" : " full");
                double[] one = new CpuAgop(kernel, u, N, D, alpha, C, diag).run(z, sqZd, idx, 0, idx.length).g;
                double[] split = new CpuAgop(kernel, u, N, D, alpha, C, diag, 1, 2).run(z, sqZd, idx, 0, idx.length).g;
                assertClose(one, split, 1e-12, what + " float64 groups");
                double[] oneF = new CpuAgopF(kernel, uf, N, D, af, C, diag).run(zf, sqZ, idx, 0, idx.length).g;
                double[] splitF = new CpuAgopF(kernel, uf, N, D, af, C, diag, 1, 2).run(zf, sqZ, idx, 0, idx.length).g;
                assertClose(oneF, splitF, 1e-5, what + " float32 groups");
            }
        }
    }

    /** AGOP sample: training rows by index (-1: a fresh point), as the trainer passes them. */
    private static double[] sample(double[] u, int[] idx, Random r) {
        double[] z = new double[idx.length * D];
        for (int j = 0; j < idx.length; j++) {
            for (int k = 0; k < D; k++) {
                z[j * D + k] = idx[j] >= 0 ? u[idx[j] * D + k] : r.nextGaussian();
            }
        }
        return z;
    }

    private static double[] agop(CpuBackend be, Kernel kernel, double[] u, double[] alpha, double[] z, int[] idx,
                                 boolean diag, Precision pr) {
        try (DeviceMatrix um = be.upload(u, N, D, pr);
             DeviceMatrix am = be.upload(alpha, N, C, pr);
             DeviceMatrix zm = be.upload(z, idx.length, D, pr);
             DeviceMatrix g = be.zeros(diag ? 1 : D, D, pr);
             DeviceMatrix j = be.zeros(C, D, pr)) {
            be.agopAccumulate(kernel, um, am, zm, idx, g, j);
            double[] out = be.download(g);
            assertTrue(be.download(j)[0] != 0, "the Jacobian sum is accumulated");
            return out;
        }
    }

    private static float[] floats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static void assertClose(double[] want, double[] got, double rel, String what) {
        double scale = 0;
        for (double v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + ": the AGOP is not zero");
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= rel * scale, what + " entry " + i + ": " + got[i] + " vs " + want[i]);
        }
    }
}
