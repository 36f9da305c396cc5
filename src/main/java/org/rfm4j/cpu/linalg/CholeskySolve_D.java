// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.rfm4j.cpu.linalg.LinalgParams.SOLVE_GRAIN;
import static org.rfm4j.cpu.linalg.LinalgParams.SOLVE_NB;
import static org.rfm4j.cpu.linalg.LinalgParams.SOLVE_TRANSPOSE_CHUNK;
import static org.rfm4j.cpu.linalg.LinalgParams.SOLVE_WIDE;

/**
 * Solves L L^T X = B (double) given the lower Cholesky factor from {@link Cholesky_D#factor}.
 * Forward L Y = B then backward L^T X = Y, both blocked by SOLVE_NB rows: solve the
 * diagonal block, then update the remaining rows in parallel (row chunks). The update uses
 * dot products (c &lt; SOLVE_WIDE) or the vectorised row micro-kernel (wider B).
 */
public final class CholeskySolve_D {
    private CholeskySolve_D() {
    }

    /**
     * B = (L L^T)^-1 B.
     *
     * @param l n x n row-major; its lower triangle is L (not modified; upper not read)
     * @param b n x c row-major right-hand sides, <b>modified</b> (overwritten by X)
     */
    public static void solve(double[] l, int n, double[] b, int c) {
        if (n < 0 || c < 0) {
            throw new IllegalArgumentException("negative size");
        }
        Gemm_D.check(l, (long) n * n, "l");
        Gemm_D.check(b, (long) n * c, "b");
        if (l == b) {
            throw new IllegalArgumentException("b must not alias l");
        }
        if (n == 0 || c == 0) {
            return;
        }
        forward(l, n, b, c);
        backward(l, n, b, c);
    }

    /** B = L^-1 B (forward substitution). l not modified, b <b>modified</b>. */
    public static void forward(double[] l, int n, double[] b, int c) {
        boolean wide = c >= SOLVE_WIDE;
        double[][] pack = Scratch.doubleRows(Scratch.Slot.SOLVE_PACK, wide ? SOLVE_NB : c, wide ? c : SOLVE_NB);
        for (int i0 = 0; i0 < n; i0 += SOLVE_NB) {
            final int q0 = i0;
            final int kb = Math.min(SOLVE_NB, n - i0);
            final int q1 = i0 + kb;
            // diagonal block: y_i = (b_i - sum_{q0<=q<i} L[i,q] y_q) / L[i,i]
            for (int i = q0; i < q1; i++) {
                int li = i * n;
                double inv = 1.0 / l[li + i];
                for (int col = 0; col < c; col++) {
                    double s = b[i * c + col];
                    for (int q = q0; q < i; q++) {
                        s -= l[li + q] * b[q * c + col];
                    }
                    b[i * c + col] = s * inv;
                }
            }
            if (q1 == n) {
                break;
            }
            packRows(b, c, q0, kb, wide, pack);
            // rows i >= q1: b_i -= L[i, q0..q1) Y
            Parallel.forRange(n - q1, SOLVE_GRAIN, new Parallel.RangeBody() {
                @Override
                public void run(int wid, int from, int to) {
                    double[] crow = wide ? Scratch.doubles(Scratch.Slot.SOLVE_ROW, c) : null;
                    for (int i = q1 + from; i < q1 + to; i++) {
                        update(b, c, i, l, i * n + q0, 1, kb, wide, pack, crow);
                    }
                }
            });
        }
    }

    /** B = L^-T B (backward substitution). l not modified, b <b>modified</b>. */
    public static void backward(double[] l, int n, double[] b, int c) {
        boolean wide = c >= SOLVE_WIDE;
        double[][] pack = Scratch.doubleRows(Scratch.Slot.SOLVE_PACK, wide ? SOLVE_NB : c, wide ? c : SOLVE_NB);
        int nBlocks = (n + SOLVE_NB - 1) / SOLVE_NB;
        for (int blk = nBlocks - 1; blk >= 0; blk--) {
            final int q0 = blk * SOLVE_NB;
            final int kb = Math.min(SOLVE_NB, n - q0);
            final int q1 = q0 + kb;
            // diagonal block: x_i = (b_i - sum_{i<q<q1} L[q,i] x_q) / L[i,i]
            for (int i = q1 - 1; i >= q0; i--) {
                double inv = 1.0 / l[i * n + i];
                for (int col = 0; col < c; col++) {
                    double s = b[i * c + col];
                    for (int q = i + 1; q < q1; q++) {
                        s -= l[q * n + i] * b[q * c + col];
                    }
                    b[i * c + col] = s * inv;
                }
            }
            if (q0 == 0) {
                break;
            }
            packRows(b, c, q0, kb, wide, pack);
            // rows i < q0: b_i -= sum_{q in block} L[q,i] x_q
            Parallel.forRange(q0, SOLVE_GRAIN, new Parallel.RangeBody() {
                @Override
                public void run(int wid, int from, int to) {
                    double[] crow = wide ? Scratch.doubles(Scratch.Slot.SOLVE_ROW, c) : null;
                    if (wide) {
                        for (int i = from; i < to; i++) {
                            update(b, c, i, l, q0 * n + i, n, kb, true, pack, crow);
                        }
                        return;
                    }
                    // transpose L[q0..q1, chunk] into lt (rows i, contiguous q) for contiguous dot products
                    final int chunk = SOLVE_TRANSPOSE_CHUNK;
                    double[] t = Scratch.doubles(Scratch.Slot.SOLVE_T, chunk * SOLVE_NB);
                    for (int c0 = from; c0 < to; c0 += chunk) {
                        int c1 = Math.min(c0 + chunk, to);
                        for (int q = 0; q < kb; q++) {
                            int lo = (q0 + q) * n;
                            for (int i = c0; i < c1; i++) {
                                t[(i - c0) * kb + q] = l[lo + i];
                            }
                        }
                        for (int i = c0; i < c1; i++) {
                            update(b, c, i, t, (i - c0) * kb, 1, kb, false, pack, null);
                        }
                    }
                }
            });
        }
    }

    /** wide: pack[q][col] = b[(q0+q), col]; else pack[col][q] = b[(q0+q), col]. */
    private static void packRows(double[] b, int c, int q0, int kb, boolean wide, double[][] pack) {
        for (int q = 0; q < kb; q++) {
            int bo = (q0 + q) * c;
            if (wide) {
                System.arraycopy(b, bo, pack[q], 0, c);
            } else {
                for (int col = 0; col < c; col++) {
                    pack[col][q] = b[bo + col];
                }
            }
        }
    }

    /** b_i -= sum_{q<kb} w[wo + q ws] Y_q, Y packed by {@link #packRows}. */
    private static void update(double[] b, int c, int i, double[] w, int wo, int ws, int kb, boolean wide,
                               double[][] pack, double[] crow) {
        int bo = i * c;
        if (wide) {
            System.arraycopy(b, bo, crow, 0, c);
            Kernels_D.axpyK(c, kb, w, wo, ws, -1.0, pack, 0, crow);
            System.arraycopy(crow, 0, b, bo, c);
        } else {
            for (int col = 0; col < c; col++) {
                b[bo + col] -= Kernels_D.dot(kb, w, wo, pack[col], 0);
            }
        }
    }
}
