// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import java.util.Random;

import org.rfm4j.cpu.linalg.Parallel;
import org.rfm4j.cpu.linalg.Simd;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * {@link CpuBackend#warmUp}: the operations of one RFM iteration (kernel matrix, Cholesky factor and solve,
 * prediction, AGOP, the metric's matrix power and products), in both precisions, on growing tiny problems,
 * on the scalar kernels and the calling thread only. A small fit in a fresh JVM otherwise spends most of
 * its first iterations interpreting these loops while the JIT compiles them (docs/BENCHMARKS.md, issue 22);
 * run in the background while the caller parses its input, this moves that cost off the fit. The vector
 * kernels are left alone: the fits that use them are long enough to warm them up themselves.
 */
final class CpuWarmup {
    private CpuWarmup() {
    }

    /** Problem sizes of the rounds: enough calls for the JIT to compile the loops, about 0.2 s of one core. */
    private static final int[] ROWS = {48, 96, 160, 160};
    private static final int D = 8;

    static void run(CpuBackend be) {
        Parallel.onOneThread(() -> {
            try (Simd.Scope scalar = Simd.scope(false)) {
                Random rng = new Random(0);
                for (int n : ROWS) {
                    for (Precision p : new Precision[] {Precision.FLOAT32, Precision.FLOAT64}) {
                        iteration(be, n, p, rng);
                    }
                }
            }
        });
    }

    private static void iteration(CpuBackend be, int n, Precision pr, Random rng) {
        double[] x = gaussian(rng, n * D), y = gaussian(rng, n), xq = gaussian(rng, 2 * n * D);
        Kernel kernel = Kernel.laplace(4);
        int[] sample = new int[n / 2];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = 2 * i;
        }
        try (DeviceMatrix u = be.upload(x, n, D, pr); DeviceMatrix k = be.zeros(n, n, pr);
             DeviceMatrix alpha = be.upload(y, n, 1, pr); DeviceMatrix q = be.upload(xq, 2 * n, D, pr);
             DeviceMatrix out = be.zeros(2 * n, 1, pr); DeviceMatrix z = be.gatherRows(u, sample);
             DeviceMatrix g = be.zeros(D, D, pr); DeviceMatrix jac = be.zeros(1, D, pr)) {
            be.kernelMatrixLower(kernel, u, k);
            be.maxAbsRowSum(k);
            be.addDiagonal(k, 1e-3);
            if (be.choleskyFactor(k) == 0) {
                be.choleskySolve(k, alpha);
            }
            be.predict(kernel, u, alpha, q, out);
            be.agopAccumulate(kernel, u, alpha, z, sample, g, jac);
            double[] gs = be.download(g);
            for (int i = 0; i < D; i++) {
                gs[i * D + i] += 1; // positive definite whatever the AGOP came out as
            }
            try (DeviceMatrix gm = be.upload(gs, D, D, Precision.FLOAT64); DeviceMatrix s = be.psdPower(gm, 0.5);
                 DeviceMatrix prod = be.zeros(D, D, Precision.FLOAT64); DeviceMatrix xs = be.zeros(n, D, pr);
                 DeviceMatrix sp = be.upload(be.download(s), D, D, pr)) {
                be.gemm(false, false, 1.0, s, s, 0.0, prod);
                be.gemm(false, false, 1.0, u, sp, 0.0, xs);
            }
            be.download(out);
        }
    }

    private static double[] gaussian(Random rng, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = rng.nextGaussian();
        }
        return a;
    }
}
