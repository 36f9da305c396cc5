// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

/**
 * Micro-kernels (double). JDK 17's C2 only auto-vectorises these loops when every array
 * is indexed by the bare loop variable, so all vector operands are packed, index-0 row
 * buffers; scalars may come from anywhere.
 */
final class Kernels_D {
    private Kernels_D() {
    }

    /** c[j] += a0 b0[j] + a1 b1[j] + a2 b2[j] + a3 b3[j], j in [0, w). Modifies c only. */
    static void axpy4(int w, double a0, double a1, double a2, double a3,
                      double[] b0, double[] b1, double[] b2, double[] b3, double[] c) {
        for (int j = 0; j < w; j++) {
            c[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], c[j]))));
        }
    }

    /** c[j] += a0 b0[j], j in [0, w). Modifies c only. */
    static void axpy1(int w, double a0, double[] b0, double[] c) {
        for (int j = 0; j < w; j++) {
            c[j] = Math.fma(a0, b0[j], c[j]);
        }
    }

    /**
     * c[j] += s * sum_{p<k} a[aOff + p aStride] b[bOff + p][j], j in [0, w). Modifies c only.
     */
    static void axpyK(int w, int k, double[] a, int aOff, int aStride, double s,
                      double[][] b, int bOff, double[] c) {
        int p = 0;
        int ai = aOff;
        for (; p + 3 < k; p += 4) {
            double a0 = s * a[ai];
            double a1 = s * a[ai + aStride];
            double a2 = s * a[ai + 2 * aStride];
            double a3 = s * a[ai + 3 * aStride];
            ai += 4 * aStride;
            axpy4(w, a0, a1, a2, a3, b[bOff + p], b[bOff + p + 1], b[bOff + p + 2], b[bOff + p + 3], c);
        }
        for (; p < k; p++) {
            axpy1(w, s * a[ai], b[bOff + p], c);
            ai += aStride;
        }
    }

    /** Returns sum_{p<k} x[xo + p] y[yo + p] (four partial sums). Modifies nothing. */
    static double dot(int k, double[] x, int xo, double[] y, int yo) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int p = 0;
        for (; p + 3 < k; p += 4) {
            s0 = Math.fma(x[xo + p], y[yo + p], s0);
            s1 = Math.fma(x[xo + p + 1], y[yo + p + 1], s1);
            s2 = Math.fma(x[xo + p + 2], y[yo + p + 2], s2);
            s3 = Math.fma(x[xo + p + 3], y[yo + p + 3], s3);
        }
        for (; p < k; p++) {
            s0 = Math.fma(x[xo + p], y[yo + p], s0);
        }
        return (s0 + s1) + (s2 + s3);
    }
}
