// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.rfm4j.cpu.linalg.LinalgParams.CHOL_NB;
import static org.rfm4j.cpu.linalg.LinalgParams.NC;

/**
 * In-place lower Cholesky factorisation A = L L^T (double), blocked right-looking on the
 * schedule of {@link CholeskySchedule} (panels of CHOL_NB columns). Its steps here are scalar
 * loops: L21 = A21 L11^-T by a column-oriented triangular solve on a transposed copy, and
 * A22 -= L21 L21^T by the row micro-kernel. When {@link Simd#enabled()} the same schedule runs
 * the register-blocked Vector API steps of {@code VecKernels_D}.
 */
public final class Cholesky_D {
    private Cholesky_D() {
    }

    /**
     * Factors the symmetric positive definite n x n row-major matrix {@code a} in place:
     * on return its lower triangle (diagonal included) holds L with A = L L^T. Only the
     * lower triangle is read; the strict upper triangle is neither read nor written.
     *
     * @param a n x n row-major, <b>modified</b>
     * @return 0 on success, else the LAPACK-style info: the order (1-based) of the first
     *         leading minor that is not positive definite; {@code a} is then partly overwritten
     */
    public static int factor(double[] a, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative size");
        }
        Gemm_D.check(a, (long) n * n, "a");
        if (Simd.enabled()) {
            return CholeskySchedule.factor(new VecKernels_D.CholeskySteps(a, 0, n, n, CHOL_NB), n, CHOL_NB, true);
        }
        return CholeskySchedule.factor(new ScalarSteps(a, 0, n, n, true), n, CHOL_NB, true);
    }

    /** The scalar steps of {@link CholeskySchedule} on the n x n block at a[off], leading dimension lda. */
    private static final class ScalarSteps implements CholeskySchedule.Steps {
        private final double[] a;
        private final int off;
        private final int lda;
        private final double[][][] panel; // per column block: T (kb x NC, or more), the transposed panel

        /**
         * top: the whole factorisation, else a diagonal block factored on the calling thread inside it; the
         * panel table of either comes from that thread's {@link Scratch}, so the panels made for one call
         * (lazily, kb x NC for the blocks a step reaches) serve the next.
         */
        ScalarSteps(double[] a, int off, int lda, int n, boolean top) {
            this.a = a;
            this.off = off;
            this.lda = lda;
            int blocks = CholeskySchedule.columnBlocks(n);
            // at most about n x CHOL_NB values in all; kept only while that is small (a large factorisation's own work dwarfs them)
            this.panel = (long) n * CHOL_NB * Double.BYTES > Scratch.MAX_BYTES ? new double[blocks][][]
                    : Scratch.doubleBlocks(top ? Scratch.Slot.CHOL_PANEL : Scratch.Slot.CHOL_INNER_PANEL, blocks);
        }

        @Override
        public int factorUnblocked(int k0, int kb) {
            return unblocked(a, off + k0 * lda + k0, lda, kb);
        }

        @Override
        public CholeskySchedule.Steps diagonalBlock(int k0, int kb, int nb) {
            return new ScalarSteps(a, off + k0 * lda + k0, lda, kb, false);
        }

        @Override
        public void panelSolve(int worker, int k0, int kb, int jb, int r0, int r1) {
            if (panel[jb] == null || panel[jb].length < kb) {
                panel[jb] = new double[kb][NC];
            }
            Cholesky_D.panelSolve(a, off, lda, k0, kb, r0, r1, panel[jb]);
        }

        @Override
        public void updateTile(int worker, int k0, int kb, int jb, int i0, int i1, int j0, int j1) {
            Cholesky_D.updateTile(a, off, lda, k0, kb, i0, i1, j0, j1, panel[jb],
                    Scratch.doubles(Scratch.Slot.CHOL_ROW, NC));
        }
    }

    /**
     * Rows r0..r1 of the panel: L21 = A21 L11^-T. Packs T[p][i - r0] = A(i, k0 + p),
     * solves L11 T = T column-wise (T_p = (T_p - sum_{q<p} L11[p,q] T_q) / L11[p,p]),
     * writes T back transposed. T stays as the packed operand of the trailing update.
     */
    static void panelSolve(double[] a, int off, int lda, int k0, int kb, int r0, int r1, double[][] t) {
        int w = r1 - r0;
        for (int i = r0; i < r1; i++) {
            int ao = off + i * lda + k0;
            int jj = i - r0;
            for (int p = 0; p < kb; p++) {
                t[p][jj] = a[ao + p];
            }
        }
        for (int p = 0; p < kb; p++) {
            int lo = off + (k0 + p) * lda + k0;
            double[] tp = t[p];
            Kernels_D.axpyK(w, p, a, lo, 1, -1.0, t, 0, tp);
            double inv = 1.0 / a[lo + p];
            for (int j = 0; j < w; j++) {
                tp[j] *= inv;
            }
        }
        for (int i = r0; i < r1; i++) {
            int ao = off + i * lda + k0;
            int jj = i - r0;
            for (int p = 0; p < kb; p++) {
                a[ao + p] = t[p][jj];
            }
        }
    }

    /** A(i, j) -= sum_p L(i, k0+p) L(j, k0+p) for i in [i0,i1), j in [j0, min(j1, i+1)). */
    static void updateTile(double[] a, int off, int lda, int k0, int kb, int i0, int i1, int j0, int j1,
                                   double[][] t, double[] crow) {
        for (int i = i0; i < i1; i++) {
            int w = Math.min(j1, i + 1) - j0;
            if (w <= 0) {
                continue;
            }
            int co = off + i * lda + j0;
            System.arraycopy(a, co, crow, 0, w);
            Kernels_D.axpyK(w, kb, a, off + i * lda + k0, 1, -1.0, t, 0, crow);
            System.arraycopy(crow, 0, a, co, w);
        }
    }

    /** Row-oriented (Crout) factorisation of the n x n block at a[off]; returns info as {@link #factor}. */
    static int unblocked(double[] a, int off, int lda, int n) {
        for (int i = 0; i < n; i++) {
            int ri = off + i * lda;
            for (int j = 0; j < i; j++) {
                int rj = off + j * lda;
                double v = a[ri + j] - Kernels_D.dot(j, a, ri, a, rj);
                a[ri + j] = v / a[rj + j];
            }
            double d = a[ri + i] - Kernels_D.dot(i, a, ri, a, ri);
            if (!(d > 0)) {
                return i + 1;
            }
            a[ri + i] = Math.sqrt(d);
        }
        return 0;
    }
}
