package org.rfm4j.cpu.linalg;

import static org.rfm4j.cpu.linalg.LinalgParams.CHOL_INNER_NB;
import static org.rfm4j.cpu.linalg.LinalgParams.CHOL_NB;
import static org.rfm4j.cpu.linalg.LinalgParams.CHOL_UNBLOCKED;
import static org.rfm4j.cpu.linalg.LinalgParams.MC;
import static org.rfm4j.cpu.linalg.LinalgParams.NC;

/**
 * In-place lower Cholesky factorisation A = L L^T (double), blocked right-looking:
 * per panel of CHOL_NB columns, (1) factor the diagonal block (recursively, blocked with
 * CHOL_INNER_NB), (2) L21 = A21 L11^-T by a column-oriented triangular solve on a
 * transposed packed copy, (3) A22 -= L21 L21^T on the lower triangle by the row
 * micro-kernel. Steps 2 and 3 run on {@link Parallel#threads()} threads. When {@link Simd#enabled()}
 * the same algorithm runs on the register-blocked Vector API kernels of {@code VecKernels_D}.
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
            return VecKernels_D.cholBlocked(a, 0, n, n, CHOL_NB, true);
        }
        return blocked(a, 0, n, n, CHOL_NB, true);
    }

    /** Blocked factorisation of the n x n block at a[off], leading dimension lda. */
    static int blocked(double[] a, int off, int lda, int n, int nb, boolean parallel) {
        if (n <= CHOL_UNBLOCKED) {
            return unblocked(a, off, lda, n);
        }
        int nColBlocks = (n + NC - 1) / NC;
        double[][][] panel = new double[nColBlocks][][];
        for (int k0Loop = 0; k0Loop < n; k0Loop += nb) {
            final int k0 = k0Loop;
            int kb = Math.min(nb, n - k0);
            int dOff = off + k0 * lda + k0;
            int info = kb > CHOL_UNBLOCKED ? blocked(a, dOff, lda, kb, CHOL_INNER_NB, false) : unblocked(a, dOff, lda, kb);
            if (info != 0) {
                return k0 + info;
            }
            int s = k0 + kb;
            int m = n - s;
            if (m == 0) {
                break;
            }
            int nJ = (m + NC - 1) / NC;
            Parallel.TaskBody trsm = (wid, jb) -> {
                if (panel[jb] == null || panel[jb].length < kb) {
                    panel[jb] = new double[kb][NC];
                }
                panelSolve(a, off, lda, k0, kb, s + jb * NC, Math.min(s + (jb + 1) * NC, n), panel[jb]);
            };
            int[] tiles = Gemm_D.lowerTiles(m, MC, NC);
            int nTiles = tiles.length / 2;
            double[][] cRow = new double[parallel ? Parallel.threads() : 1][];
            Parallel.TaskBody update = (wid, t) -> {
                if (cRow[wid] == null) {
                    cRow[wid] = new double[NC];
                }
                int i0 = s + tiles[2 * t] * MC;
                int jb = tiles[2 * t + 1];
                updateTile(a, off, lda, k0, kb, i0, Math.min(i0 + MC, n), s + jb * NC, Math.min(s + (jb + 1) * NC, n),
                        panel[jb], cRow[wid]);
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
     * Rows r0..r1 of the panel: L21 = A21 L11^-T. Packs T[p][i - r0] = A(i, k0 + p),
     * solves L11 T = T column-wise (T_p = (T_p - sum_{q<p} L11[p,q] T_q) / L11[p,p]),
     * writes T back transposed. T stays as the packed operand of the trailing update.
     */
    private static void panelSolve(double[] a, int off, int lda, int k0, int kb, int r0, int r1, double[][] t) {
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
    private static void updateTile(double[] a, int off, int lda, int k0, int kb, int i0, int i1, int j0, int j1,
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
