// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.rfm4j.cpu.linalg.LinalgParams.CHOL_INNER_NB;
import static org.rfm4j.cpu.linalg.LinalgParams.CHOL_UNBLOCKED;
import static org.rfm4j.cpu.linalg.LinalgParams.MC;
import static org.rfm4j.cpu.linalg.LinalgParams.NC;

/**
 * The blocked right-looking Cholesky schedule, written once for both precisions and both kernel
 * sets. Per panel of nb columns: (1) factor the diagonal block (recursively with CHOL_INNER_NB, on
 * one thread; unblocked below CHOL_UNBLOCKED), (2) L21 = A21 L11^-T in column blocks of NC rows,
 * (3) A22 -= L21 L21^T on the lower triangle in MC x NC tiles, heaviest first. Steps 2 and 3 run
 * on {@link Parallel} threads when asked. What each step computes is a {@link Steps}: the scalar
 * loops of Cholesky_D/_F or the Vector API kernels of VecKernels_D/_F.
 */
final class CholeskySchedule {
    private CholeskySchedule() {
    }

    /**
     * The arithmetic of one factorisation of an n x n block of a row-major array; indices are
     * relative to the block. Buffers may be kept per column block {@code jb} (the panel solved in
     * step 2 is the packed operand of step 3) and per worker.
     */
    interface Steps {
        /** Unblocked factorisation of the kb x kb block at (k0, k0); 0 or the 1-based failing minor within it. */
        int factorUnblocked(int k0, int kb);

        /** The steps of the kb x kb diagonal block at (k0, k0), factored on one thread with panel width nb. */
        Steps diagonalBlock(int k0, int kb, int nb);

        /** Rows r0..r1 (column block jb) of the panel k0..k0+kb: L21 = A21 L11^-T. */
        void panelSolve(int worker, int k0, int kb, int jb, int r0, int r1);

        /** A(i, j) -= sum_p L(i, k0+p) L(j, k0+p), i in [i0, i1), j in [j0, min(j1, i + 1)); column block jb's panel. */
        void updateTile(int worker, int k0, int kb, int jb, int i0, int i1, int j0, int j1);
    }

    /** Column blocks of width NC in an order-n problem: the number of panel buffers a {@link Steps} needs. */
    static int columnBlocks(int n) {
        return (n + NC - 1) / NC;
    }

    /** Factors the n x n block {@code steps} works on; 0, or the 1-based order of the first failing leading minor. */
    static int factor(Steps steps, int n, int nb, boolean parallel) {
        if (n <= CHOL_UNBLOCKED) {
            return steps.factorUnblocked(0, n);
        }
        for (int k0Loop = 0; k0Loop < n; k0Loop += nb) {
            final int k0 = k0Loop;
            int kb = Math.min(nb, n - k0);
            int info = kb > CHOL_UNBLOCKED ? factor(steps.diagonalBlock(k0, kb, CHOL_INNER_NB), kb, CHOL_INNER_NB, false)
                    : steps.factorUnblocked(k0, kb);
            if (info != 0) {
                return k0 + info;
            }
            int s = k0 + kb;
            int m = n - s;
            if (m == 0) {
                break;
            }
            int nJ = (m + NC - 1) / NC;
            Parallel.TaskBody trsm = new Parallel.TaskBody() {
                @Override
                public void run(int wid, int jb) {
                    steps.panelSolve(wid, k0, kb, jb, s + jb * NC, Math.min(s + (jb + 1) * NC, n));
                }
            };
            int[] tiles = lowerTiles(m, MC, NC);
            int nTiles = tiles.length / 2;
            Parallel.TaskBody update = new Parallel.TaskBody() {
                @Override
                public void run(int wid, int t) {
                    int i0 = s + tiles[2 * t] * MC;
                    int jb = tiles[2 * t + 1];
                    int j0 = s + jb * NC;
                    steps.updateTile(wid, k0, kb, jb, i0, Math.min(i0 + MC, n), j0, Math.min(j0 + NC, n));
                }
            };
            if (parallel) {
                Parallel.forEachTask(nJ, trsm);
                Parallel.forEachTask(nTiles, update);
            } else {
                for (int j = 0; j < nJ; j++) {
                    trsm.run(0, j);
                }
                for (int t = 0; t < nTiles; t++) {
                    update.run(0, t);
                }
            }
        }
        return 0;
    }

    /**
     * The tiles (row block i of height mc, column block j of width nc) that touch the lower triangle
     * of an n x n matrix, as pairs (i, j), bottom rows (the heaviest) first for balance. Used by the
     * trailing update above and by SYRK.
     */
    static int[] lowerTiles(int n, int mc, int nc) {
        int mt = (n + mc - 1) / mc;
        int count = 0;
        for (int i = 0; i < mt; i++) {
            int last = Math.min((i + 1) * mc, n) - 1;
            count += last / nc + 1;
        }
        int[] t = new int[2 * count];
        int q = 0;
        for (int i = mt - 1; i >= 0; i--) {
            int last = Math.min((i + 1) * mc, n) - 1;
            for (int j = 0; j <= last / nc; j++) {
                t[q++] = i;
                t[q++] = j;
            }
        }
        return t;
    }
}
