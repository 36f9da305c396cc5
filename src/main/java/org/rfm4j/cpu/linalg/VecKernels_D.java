// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.rfm4j.cpu.linalg.LinalgParams.KC;
import static org.rfm4j.cpu.linalg.LinalgParams.MC;
import static org.rfm4j.cpu.linalg.LinalgParams.NC;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels (double): a register-blocked MR x NR micro-kernel (MR rows of a packed
 * A panel broadcast against two vectors of B; the 2 MR accumulators stay in registers over
 * the whole depth) and the GEMM, SYRK and blocked Cholesky drivers built on it. Loaded only
 * through {@link Simd} (needs {@code --add-modules jdk.incubator.vector}).
 */
final class VecKernels_D {
    private VecKernels_D() {
    }

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the micro-tile. */
    static final int MR = LinalgParams.VEC_MR;
    /** Columns of the micro-tile: two vectors. */
    static final int NR = 2 * L;
    /** diagOff meaning "no triangle restriction". */
    static final int NO_DIAG = 1 << 24;
    /** Row block of the panel triangular solve. */
    static final int TB = LinalgParams.CHOL_PANEL_TB;

    static String describe() {
        return S.vectorBitSize() + "-bit, " + MR + "x" + NR + " double / " + VecKernels_F.MR + "x"
                + VecKernels_F.NR + " float micro-tiles";
    }

    /** Small GEMM against a naive loop (edge tiles included). */
    static boolean selfTest() {
        int m = MR + 3;
        int n = NR + 5;
        int k = 7;
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 5) - 2;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (i % 7) - 3;
        }
        double[] c = new double[m * n];
        double[][] w = work(m, n, k);
        gemmTile(false, false, m, n, k, 1, a, b, 0, c, 0, m, 0, n, w);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                if (s != c[i * n + j]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Per-worker buffers {packed B, packed A, MR x NR scratch} for tiles of at most mc x nc x kc. */
    static double[][] work(int mc, int nc, int kc) {
        int nr = (nc + NR - 1) / NR * NR;
        int mr = (mc + MR - 1) / MR * MR;
        return new double[][] {new double[nr * kc], new double[mr * kc], new double[MR * NR]};
    }

    /**
     * c[cOff + r ldc + j] += sum_{p<kc} ap[aOff + p MR + r] b[bOff + p ldb + j] for r &lt; mr,
     * j &lt; nr and j &lt;= r + diagOff. Reads MR rows of ap and NR columns of b regardless.
     */
    static void kernel(int kc, double[] ap, int aOff, double[] b, int bOff, int ldb,
                       double[] c, int cOff, int ldc, int mr, int nr, int diagOff, double[] tmp) {
        if (mr == MR && nr == NR && diagOff >= NR - 1) {
            kernelFull(kc, ap, aOff, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        kernelToTmp(kc, ap, aOff, b, bOff, ldb, tmp);
        for (int r = 0; r < mr; r++) {
            int je = Math.min(nr, r + diagOff + 1);
            int co = cOff + r * ldc;
            for (int j = 0; j < je; j++) {
                c[co + j] += tmp[r * NR + j];
            }
        }
    }

    /** Full tile: c[cOff + r ldc + j] += sum_p ap[aOff + p MR + r] b[bOff + p ldb + j], r &lt; MR, j &lt; NR. Branch free. */
    private static void kernelFull(int kc, double[] ap, int aOff, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c60 = DoubleVector.zero(S);
        DoubleVector c61 = DoubleVector.zero(S);
        DoubleVector c70 = DoubleVector.zero(S);
        DoubleVector c71 = DoubleVector.zero(S);
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
            DoubleVector x6 = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = x6.fma(b0, c60);
            c61 = x6.fma(b1, c61);
            DoubleVector x7 = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = x7.fma(b0, c70);
            c71 = x7.fma(b1, c71);
            ai += MR;
            bi += ldb;
        }
        int o0 = cOff;
        DoubleVector.fromArray(S, c, o0).add(c00).intoArray(c, o0);
        DoubleVector.fromArray(S, c, o0 + L).add(c01).intoArray(c, o0 + L);
        int o1 = cOff + ldc;
        DoubleVector.fromArray(S, c, o1).add(c10).intoArray(c, o1);
        DoubleVector.fromArray(S, c, o1 + L).add(c11).intoArray(c, o1 + L);
        int o2 = cOff + 2 * ldc;
        DoubleVector.fromArray(S, c, o2).add(c20).intoArray(c, o2);
        DoubleVector.fromArray(S, c, o2 + L).add(c21).intoArray(c, o2 + L);
        int o3 = cOff + 3 * ldc;
        DoubleVector.fromArray(S, c, o3).add(c30).intoArray(c, o3);
        DoubleVector.fromArray(S, c, o3 + L).add(c31).intoArray(c, o3 + L);
        int o4 = cOff + 4 * ldc;
        DoubleVector.fromArray(S, c, o4).add(c40).intoArray(c, o4);
        DoubleVector.fromArray(S, c, o4 + L).add(c41).intoArray(c, o4 + L);
        int o5 = cOff + 5 * ldc;
        DoubleVector.fromArray(S, c, o5).add(c50).intoArray(c, o5);
        DoubleVector.fromArray(S, c, o5 + L).add(c51).intoArray(c, o5 + L);
        int o6 = cOff + 6 * ldc;
        DoubleVector.fromArray(S, c, o6).add(c60).intoArray(c, o6);
        DoubleVector.fromArray(S, c, o6 + L).add(c61).intoArray(c, o6 + L);
        int o7 = cOff + 7 * ldc;
        DoubleVector.fromArray(S, c, o7).add(c70).intoArray(c, o7);
        DoubleVector.fromArray(S, c, o7 + L).add(c71).intoArray(c, o7 + L);
    }

    /** Edge tile: tmp[r NR + j] = sum_p ap[aOff + p MR + r] b[bOff + p ldb + j], r &lt; MR, j &lt; NR. */
    private static void kernelToTmp(int kc, double[] ap, int aOff, double[] b, int bOff, int ldb, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S);
        DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S);
        DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c60 = DoubleVector.zero(S);
        DoubleVector c61 = DoubleVector.zero(S);
        DoubleVector c70 = DoubleVector.zero(S);
        DoubleVector c71 = DoubleVector.zero(S);
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector x0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            DoubleVector x1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            DoubleVector x2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            DoubleVector x3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            DoubleVector x4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            DoubleVector x5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
            DoubleVector x6 = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = x6.fma(b0, c60);
            c61 = x6.fma(b1, c61);
            DoubleVector x7 = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = x7.fma(b0, c70);
            c71 = x7.fma(b1, c71);
            ai += MR;
            bi += ldb;
        }
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, 0 + L);
        c10.intoArray(tmp, NR);
        c11.intoArray(tmp, NR + L);
        c20.intoArray(tmp, 2 * NR);
        c21.intoArray(tmp, 2 * NR + L);
        c30.intoArray(tmp, 3 * NR);
        c31.intoArray(tmp, 3 * NR + L);
        c40.intoArray(tmp, 4 * NR);
        c41.intoArray(tmp, 4 * NR + L);
        c50.intoArray(tmp, 5 * NR);
        c51.intoArray(tmp, 5 * NR + L);
        c60.intoArray(tmp, 6 * NR);
        c61.intoArray(tmp, 6 * NR + L);
        c70.intoArray(tmp, 7 * NR);
        c71.intoArray(tmp, 7 * NR + L);
    }

    /**
     * C(i0:i1, j0:j1) += sum over the packed depth kc: every micro-tile with at least one
     * element on or below the diagonal row - col &gt;= -diagBase when lower (global indices
     * i - j &gt;= 0 with diagBase = i0 - j0), all when not.
     */
    private static void macro(int kc, int h, int w, double[] ap, double[] bp, double[] c, int cOff, int ldc,
                              boolean lower, int diagBase, double[] tmp) {
        for (int jr = 0; jr < w; jr += NR) {
            int nr = Math.min(NR, w - jr);
            int bo = (jr / NR) * kc * NR;
            for (int ir = 0; ir < h; ir += MR) {
                int mr = Math.min(MR, h - ir);
                int diag = NO_DIAG;
                if (lower) {
                    diag = diagBase + ir - jr;
                    if (diag + mr - 1 < 0) {
                        continue;
                    }
                }
                kernel(kc, ap, (ir / MR) * kc * MR, bp, bo, NR, c, cOff + ir * ldc + jr, ldc, mr, nr, diag, tmp);
            }
        }
    }

    /** One MC x NC tile of {@link Gemm_D#gemm}: C = beta C + alpha op(A) op(B) on rows [i0,i1), cols [j0,j1). */
    static void gemmTile(boolean transA, boolean transB, int m, int n, int k, double alpha,
                         double[] a, double[] b, double beta, double[] c, int i0, int i1, int j0, int j1,
                         double[][] work) {
        double[] bp = work[0];
        double[] ap = work[1];
        int w = j1 - j0;
        for (int i = i0; i < i1; i++) {
            int co = i * n + j0;
            if (beta == 0) {
                java.util.Arrays.fill(c, co, co + w, 0);
            } else if (beta != 1) {
                for (int j = 0; j < w; j++) {
                    c[co + j] *= beta;
                }
            }
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            // B: micro-panels of NR columns, bp[(jr / NR) kc NR + p NR + j] = op(B)(p0 + p, j0 + jr + j)
            for (int jr = 0; jr < w; jr += NR) {
                int nr = Math.min(NR, w - jr);
                int base = (jr / NR) * kc * NR;
                if (!transB) {
                    for (int p = 0; p < kc; p++) {
                        int o = base + p * NR;
                        System.arraycopy(b, (p0 + p) * n + j0 + jr, bp, o, nr);
                        java.util.Arrays.fill(bp, o + nr, o + NR, 0);
                    }
                } else {
                    for (int j = 0; j < NR; j++) {
                        if (j < nr) {
                            int bo = (j0 + jr + j) * k + p0;
                            for (int p = 0; p < kc; p++) {
                                bp[base + p * NR + j] = b[bo + p];
                            }
                        } else {
                            for (int p = 0; p < kc; p++) {
                                bp[base + p * NR + j] = 0;
                            }
                        }
                    }
                }
            }
            // row sub-blocks of MC share the packed B block
            for (int ib = i0; ib < i1; ib += MC) {
                int ie = Math.min(ib + MC, i1);
                int hb = ie - ib;
                // A: micro-panels of MR rows, ap[(ir / MR) kc MR + p MR + r] = alpha op(A)(ib + ir + r, p0 + p)
                for (int ir = 0; ir < hb; ir += MR) {
                    int base = (ir / MR) * kc * MR;
                    for (int r = 0; r < MR; r++) {
                        int i = ib + ir + r;
                        if (i >= ie) {
                            for (int p = 0; p < kc; p++) {
                                ap[base + p * MR + r] = 0;
                            }
                        } else if (!transA) {
                            int ao = i * k + p0;
                            for (int p = 0; p < kc; p++) {
                                ap[base + p * MR + r] = alpha * a[ao + p];
                            }
                        } else {
                            for (int p = 0; p < kc; p++) {
                                ap[base + p * MR + r] = alpha * a[(p0 + p) * m + i];
                            }
                        }
                    }
                }
                macro(kc, hb, w, ap, bp, c, ib * n + j0, n, false, 0, work[2]);
            }
        }
    }

    /** One tile of {@link Gemm_D#syrkLowerAccumulate}: lower part of C(i0:i1, j0:j1) += alpha A^T A. */
    static void syrkTile(int r, int d, double alpha, double[] a, double[] c, int i0, int i1, int j0, int j1,
                         double[][] work) {
        double[] bp = work[0];
        double[] ap = work[1];
        int w = Math.min(j1, i1) - j0;
        for (int p0 = 0; p0 < r; p0 += KC) {
            int kc = Math.min(KC, r - p0);
            for (int jr = 0; jr < w; jr += NR) {
                int nr = Math.min(NR, w - jr);
                int base = (jr / NR) * kc * NR;
                for (int p = 0; p < kc; p++) {
                    int o = base + p * NR;
                    System.arraycopy(a, (p0 + p) * d + j0 + jr, bp, o, nr);
                    java.util.Arrays.fill(bp, o + nr, o + NR, 0);
                }
            }
            for (int ib = i0; ib < i1; ib += MC) {
                int ie = Math.min(ib + MC, i1);
                int hb = ie - ib;
                int wb = Math.min(j1, ie) - j0;
                if (wb <= 0) {
                    continue;
                }
                for (int ir = 0; ir < hb; ir += MR) {
                    int base = (ir / MR) * kc * MR;
                    for (int rr = 0; rr < MR; rr++) {
                        int i = ib + ir + rr;
                        if (i >= ie) {
                            for (int p = 0; p < kc; p++) {
                                ap[base + p * MR + rr] = 0;
                            }
                        } else {
                            for (int p = 0; p < kc; p++) {
                                ap[base + p * MR + rr] = alpha * a[(p0 + p) * d + i];
                            }
                        }
                    }
                }
                macro(kc, hb, wb, ap, bp, c, ib * d + j0, d, true, ib - j0, work[2]);
            }
        }
    }

    /** The Vector API steps of {@link CholeskySchedule} on the n x n block at a[off], leading dimension lda. */
    static final class CholeskySteps implements CholeskySchedule.Steps {
        private final double[] a;
        private final int off;
        private final int lda;
        private final int nb;
        // per column block: T (kb x NC, flat) and its NR-interleaved packed copy
        private final double[][] tFlat;
        private final double[][] tPack;
        private final double[][][] work; // per worker

        CholeskySteps(double[] a, int off, int lda, int n, int nb) {
            this.a = a;
            this.off = off;
            this.lda = lda;
            this.nb = nb;
            int blocks = CholeskySchedule.columnBlocks(n);
            this.tFlat = new double[blocks][];
            this.tPack = new double[blocks][];
            this.work = new double[Parallel.threads()][][];
        }

        @Override
        public int factorUnblocked(int k0, int kb) {
            return Cholesky_D.unblocked(a, off + k0 * lda + k0, lda, kb);
        }

        @Override
        public CholeskySchedule.Steps diagonalBlock(int k0, int kb, int nb) {
            return new CholeskySteps(a, off + k0 * lda + k0, lda, kb, nb);
        }

        @Override
        public void panelSolve(int worker, int k0, int kb, int jb, int r0, int r1) {
            if (tFlat[jb] == null || tFlat[jb].length < kb * NC) {
                tFlat[jb] = new double[kb * NC];
                tPack[jb] = new double[kb * NC];
            }
            VecKernels_D.panelSolve(a, off, lda, k0, kb, r0, r1, tFlat[jb], tPack[jb], work(worker));
        }

        @Override
        public void updateTile(int worker, int k0, int kb, int jb, int i0, int i1, int j0, int j1) {
            VecKernels_D.updateTile(a, off, lda, k0, kb, i0, i1, j0, j1, tPack[jb], work(worker));
        }

        private double[][] work(int worker) {
            if (work[worker] == null) {
                work[worker] = VecKernels_D.work(Math.max(MC, TB), NC, Math.max(KC, nb));
            }
            return work[worker];
        }
    }

    /**
     * Rows r0..r1 of the panel: L21 = A21 L11^-T, as Cholesky_D.panelSolve but blocked by TB
     * rows of L11 with the off-diagonal part on the micro-kernel. T[p NC + (i - r0)] = A(i, k0 + p);
     * leaves T packed NR-interleaved in tp for the trailing update.
     */
    private static void panelSolve(double[] a, int off, int lda, int k0, int kb, int r0, int r1,
                                   double[] t, double[] tp, double[][] work) {
        int w = r1 - r0;
        double[] ap = work[1];
        for (int i = r0; i < r1; i++) {
            int ao = off + i * lda + k0;
            int jj = i - r0;
            for (int p = 0; p < kb; p++) {
                t[p * NC + jj] = a[ao + p];
            }
        }
        if (w < NC) {
            for (int p = 0; p < kb; p++) {
                java.util.Arrays.fill(t, p * NC + w, (p + 1) * NC, 0);
            }
        }
        for (int pb = 0; pb < kb; pb += TB) {
            int pe = Math.min(pb + TB, kb);
            int h = pe - pb;
            if (pb > 0) {
                // T[pb:pe] -= L11[pb:pe, 0:pb] T[0:pb]
                for (int ir = 0; ir < h; ir += MR) {
                    int base = (ir / MR) * pb * MR;
                    for (int rr = 0; rr < MR; rr++) {
                        int p = pb + ir + rr;
                        if (p >= pe) {
                            for (int q = 0; q < pb; q++) {
                                ap[base + q * MR + rr] = 0;
                            }
                        } else {
                            int lo = off + (k0 + p) * lda + k0;
                            for (int q = 0; q < pb; q++) {
                                ap[base + q * MR + rr] = -a[lo + q];
                            }
                        }
                    }
                }
                for (int jr = 0; jr < w; jr += NR) {
                    int nr = Math.min(NR, w - jr);
                    for (int ir = 0; ir < h; ir += MR) {
                        kernel(pb, ap, (ir / MR) * pb * MR, t, jr, NC, t, (pb + ir) * NC + jr, NC,
                                Math.min(MR, h - ir), nr, NO_DIAG, work[2]);
                    }
                }
            }
            for (int p = pb; p < pe; p++) {
                int lo = off + (k0 + p) * lda + k0;
                int to = p * NC;
                for (int q = pb; q < p; q++) {
                    axpy(w, -a[lo + q], t, q * NC, t, to);
                }
                double inv = 1 / a[lo + p];
                for (int j = 0; j < w; j++) {
                    t[to + j] *= inv;
                }
            }
        }
        for (int i = r0; i < r1; i++) {
            int ao = off + i * lda + k0;
            int jj = i - r0;
            for (int p = 0; p < kb; p++) {
                a[ao + p] = t[p * NC + jj];
            }
        }
        for (int jr = 0; jr < w; jr += NR) {
            int base = (jr / NR) * kb * NR;
            for (int p = 0; p < kb; p++) {
                System.arraycopy(t, p * NC + jr, tp, base + p * NR, NR);
            }
        }
    }

    /** y[yo + j] += s x[xo + j], j &lt; w. */
    private static void axpy(int w, double s, double[] x, int xo, double[] y, int yo) {
        DoubleVector sv = DoubleVector.broadcast(S, s);
        int j = 0;
        int ub = S.loopBound(w);
        for (; j < ub; j += L) {
            sv.fma(DoubleVector.fromArray(S, x, xo + j), DoubleVector.fromArray(S, y, yo + j)).intoArray(y, yo + j);
        }
        for (; j < w; j++) {
            y[yo + j] = Math.fma(s, x[xo + j], y[yo + j]);
        }
    }

    /** A(i, j) -= sum_p L(i, k0+p) L(j, k0+p) for i in [i0,i1), j in [j0, min(j1, i+1)). */
    private static void updateTile(double[] a, int off, int lda, int k0, int kb, int i0, int i1, int j0, int j1,
                                   double[] tp, double[][] work) {
        double[] ap = work[1];
        int h = i1 - i0;
        int w = Math.min(j1, i1) - j0;
        for (int ir = 0; ir < h; ir += MR) {
            int base = (ir / MR) * kb * MR;
            for (int rr = 0; rr < MR; rr++) {
                int i = i0 + ir + rr;
                if (i >= i1) {
                    for (int p = 0; p < kb; p++) {
                        ap[base + p * MR + rr] = 0;
                    }
                } else {
                    int ao = off + i * lda + k0;
                    for (int p = 0; p < kb; p++) {
                        ap[base + p * MR + rr] = -a[ao + p];
                    }
                }
            }
        }
        macro(kb, h, w, ap, tp, a, off + i0 * lda + j0, lda, true, i0 - j0, work[2]);
    }
}
