// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.rfm4j.cpu.linalg.LinalgParams.KC;
import static org.rfm4j.cpu.linalg.LinalgParams.MC;
import static org.rfm4j.cpu.linalg.LinalgParams.NC;
import static org.rfm4j.cpu.linalg.LinalgParams.VEC_MC;

/**
 * Dense matrix multiply (double), row-major flat arrays, blocked and multi-threaded
 * over MC x NC tiles of C; per-worker packing buffers come from the thread's {@link Scratch}.
 * When {@link Simd#enabled()} the tiles run on the Vector API micro-kernel of {@code VecKernels_D}.
 */
public final class Gemm_D {
    private Gemm_D() {
    }

    /**
     * C = alpha op(A) op(B) + beta C, where op(X) = X or X^T.
     *
     * @param transA use A^T; A is m x k row-major, or k x m when transposed (not modified)
     * @param transB use B^T; B is k x n row-major, or n x k when transposed (not modified)
     * @param c m x n row-major, <b>modified</b>; when beta == 0 it is not read (NaNs are cleared)
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double alpha, double[] a, double[] b, double beta, double[] c) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative size");
        }
        check(a, (long) m * k, "a");
        check(b, (long) k * n, "b");
        check(c, (long) m * n, "c");
        if (m == 0 || n == 0) {
            return;
        }
        if (c == a || c == b) {
            throw new IllegalArgumentException("c must not alias a or b");
        }
        if (k == 0 || alpha == 0) {
            scale(c, m * n, beta);
            return;
        }
        int mt = (m + MC - 1) / MC;
        int nt = (n + NC - 1) / NC;
        if (Simd.enabled()) {
            int mtv = (m + VEC_MC - 1) / VEC_MC;
            double[][][] vw = new double[Math.min(Parallel.threads(), mtv * nt)][][];
            Parallel.forEachTask(mtv * nt, new Parallel.TaskBody() {
                @Override
                public void run(int wid, int task) {
                    if (vw[wid] == null) {
                        vw[wid] = VecKernels_D.work(Math.min(MC, m), Math.min(NC, n), Math.min(KC, k));
                    }
                    int i0 = (task / nt) * VEC_MC;
                    int j0 = (task % nt) * NC;
                    VecKernels_D.gemmTile(transA, transB, m, n, k, alpha, a, b, beta, c, i0, Math.min(i0 + VEC_MC, m),
                            j0, Math.min(j0 + NC, n), vw[wid]);
                }
            });
            return;
        }
        if (n == 1 && !transA) {
            gemv(m, k, alpha, a, b, beta, c);
            return;
        }
        Parallel.forEachTask(mt * nt, new Parallel.TaskBody() {
            @Override
            public void run(int wid, int task) {
                int i0 = (task / nt) * MC;
                int j0 = (task % nt) * NC;
                tile(transA, transB, m, n, k, alpha, a, b, beta, c, i0, Math.min(i0 + MC, m), j0,
                        Math.min(j0 + NC, n), Scratch.doubleRows(Scratch.Slot.GEMM_B, Math.min(KC, k), Math.min(NC, n)),
                        Scratch.doubles(Scratch.Slot.GEMM_A, Math.min(MC, m) * Math.min(KC, k)),
                        Scratch.doubles(Scratch.Slot.GEMM_C, Math.min(NC, n)));
            }
        });
    }

    /**
     * The scalar path's one-column case (predictions and row sums with one output): a dot product per row
     * of A instead of a blocked axpy one element wide. Same operations in the same order as the blocked
     * path (beta C, then fused (alpha a_ip) b_p + for p = 0, 1, ...), so the same result to the bit.
     */
    private static void gemv(int m, int k, double alpha, double[] a, double[] b, double beta, double[] c) {
        Parallel.forRange(m, Math.max(1, (1 << 16) / Math.max(1, k)), new Parallel.RangeBody() {
            @Override
            public void run(int w, int from, int to) {
                for (int i = from; i < to; i++) {
                    double s = beta == 0 ? 0 : beta == 1 ? c[i] : beta * c[i];
                    int ao = i * k;
                    for (int p = 0; p < k; p++) {
                        s = Math.fma(alpha * a[ao + p], b[p], s);
                    }
                    c[i] = s;
                }
            }
        });
    }

    private static void tile(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             double[] a, double[] b, double beta, double[] c, int i0, int i1, int j0, int j1,
                             double[][] bp, double[] ap, double[] crow) {
        int w = j1 - j0;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            // pack B block: bp[p][j] = op(B)(p0 + p, j0 + j)
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, (p0 + p) * n + j0, bp[p], 0, w);
                }
            } else {
                for (int j = 0; j < w; j++) {
                    int bo = (j0 + j) * k + p0;
                    for (int p = 0; p < kc; p++) {
                        bp[p][j] = b[bo + p];
                    }
                }
            }
            // pack A block: ap[r kc + p] = alpha op(A)(i0 + r, p0 + p)
            for (int i = i0; i < i1; i++) {
                int ro = (i - i0) * kc;
                if (!transA) {
                    int ao = i * k + p0;
                    for (int p = 0; p < kc; p++) {
                        ap[ro + p] = alpha * a[ao + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        ap[ro + p] = alpha * a[(p0 + p) * m + i];
                    }
                }
            }
            for (int i = i0; i < i1; i++) {
                int co = i * n + j0;
                if (p0 == 0) {
                    if (beta == 0) {
                        java.util.Arrays.fill(crow, 0, w, 0.0);
                    } else if (beta == 1) {
                        System.arraycopy(c, co, crow, 0, w);
                    } else {
                        for (int j = 0; j < w; j++) {
                            crow[j] = beta * c[co + j];
                        }
                    }
                } else {
                    System.arraycopy(c, co, crow, 0, w);
                }
                Kernels_D.axpyK(w, kc, ap, (i - i0) * kc, 1, 1.0, bp, 0, crow);
                System.arraycopy(crow, 0, c, co, w);
            }
        }
    }

    /**
     * Lower triangle of C += alpha A^T A, A r x d row-major (not modified), C d x d row-major
     * (<b>modified</b>: only entries j &lt;= i are read and written).
     */
    public static void syrkLowerAccumulate(int r, int d, double alpha, double[] a, double[] c) {
        check(a, (long) r * d, "a");
        check(c, (long) d * d, "c");
        if (r == 0 || d == 0 || alpha == 0) {
            return;
        }
        if (a == c) {
            throw new IllegalArgumentException("c must not alias a");
        }
        if (Simd.enabled()) {
            int[] tasks = CholeskySchedule.lowerTiles(d, VEC_MC, NC);
            double[][][] vw = new double[Math.min(Parallel.threads(), tasks.length / 2)][][];
            Parallel.forEachTask(tasks.length / 2, new Parallel.TaskBody() {
                @Override
                public void run(int wid, int t) {
                    if (vw[wid] == null) {
                        vw[wid] = VecKernels_D.work(Math.min(MC, d), Math.min(NC, d), Math.min(KC, r));
                    }
                    int i0 = tasks[2 * t] * VEC_MC;
                    int j0 = tasks[2 * t + 1] * NC;
                    VecKernels_D.syrkTile(r, d, alpha, a, c, i0, Math.min(i0 + VEC_MC, d), j0, Math.min(j0 + NC, d),
                            vw[wid]);
                }
            });
            return;
        }
        // tasks: (row block I, column block J) with J's first column <= I's last row
        int[] tasks = CholeskySchedule.lowerTiles(d, MC, NC);
        Parallel.forEachTask(tasks.length / 2, new Parallel.TaskBody() {
            @Override
            public void run(int wid, int t) {
                int i0 = tasks[2 * t] * MC;
                int j0 = tasks[2 * t + 1] * NC;
                int i1 = Math.min(i0 + MC, d);
                int j1 = Math.min(j0 + NC, d);
                double[][] bp = Scratch.doubleRows(Scratch.Slot.GEMM_B, Math.min(KC, r), Math.min(NC, d));
                double[] ap = Scratch.doubles(Scratch.Slot.GEMM_A, Math.min(MC, d) * Math.min(KC, r));
                double[] crow = Scratch.doubles(Scratch.Slot.GEMM_C, Math.min(NC, d));
                for (int p0 = 0; p0 < r; p0 += KC) {
                    int kc = Math.min(KC, r - p0);
                    int w = j1 - j0;
                    for (int p = 0; p < kc; p++) {
                        System.arraycopy(a, (p0 + p) * d + j0, bp[p], 0, w);
                    }
                    for (int i = i0; i < i1; i++) {
                        int ro = (i - i0) * kc;
                        for (int p = 0; p < kc; p++) {
                            ap[ro + p] = alpha * a[(p0 + p) * d + i];
                        }
                    }
                    for (int i = i0; i < i1; i++) {
                        int we = Math.min(j1, i + 1) - j0;
                        if (we <= 0) {
                            continue;
                        }
                        int co = i * d + j0;
                        System.arraycopy(c, co, crow, 0, we);
                        Kernels_D.axpyK(we, kc, ap, (i - i0) * kc, 1, 1.0, bp, 0, crow);
                        System.arraycopy(crow, 0, c, co, we);
                    }
                }
            }
        });
    }

    static void scale(double[] c, int len, double beta) {
        if (beta == 0) {
            java.util.Arrays.fill(c, 0, len, 0.0);
        } else if (beta != 1) {
            for (int i = 0; i < len; i++) {
                c[i] *= beta;
            }
        }
    }

    static void check(double[] x, long len, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (x.length < len) {
            throw new IllegalArgumentException(name + " has length " + x.length + " < " + len);
        }
    }
}
