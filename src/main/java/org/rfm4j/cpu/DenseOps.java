// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import org.rfm4j.cpu.linalg.CholeskySolve_D;
import org.rfm4j.cpu.linalg.CholeskySolve_F;
import org.rfm4j.cpu.linalg.Cholesky_D;
import org.rfm4j.cpu.linalg.Cholesky_F;
import org.rfm4j.cpu.linalg.Gemm_D;
import org.rfm4j.cpu.linalg.Gemm_F;

/** The CPU backend's entry to the blocked, multi-threaded dense kernels of {@code cpu.linalg}, per precision. */
final class DenseOps {
    private DenseOps() {
    }

    static void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, double[] b, double beta,
                     double[] c) {
        Gemm_D.gemm(ta, tb, m, n, k, alpha, a, b, beta, c);
    }

    static void gemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b, float beta,
                     float[] c) {
        Gemm_F.gemm(ta, tb, m, n, k, alpha, a, b, beta, c);
    }

    static int cholesky(double[] a, int n) {
        return Cholesky_D.factor(a, n);
    }

    static int cholesky(float[] a, int n) {
        return Cholesky_F.factor(a, n);
    }

    static void choleskySolve(double[] l, int n, double[] b, int c) {
        CholeskySolve_D.solve(l, n, b, c);
    }

    static void choleskySolve(float[] l, int n, float[] b, int c) {
        CholeskySolve_F.solve(l, n, b, c);
    }
}
