// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import org.rfm4j.cpu.linalg.Gemm_D;
import org.rfm4j.cpu.linalg.LinalgParams;
import org.rfm4j.cpu.linalg.Simd;
import org.rfm4j.spi.Kernel;

/**
 * AGOP accumulation on the CPU (semantics in {@code ComputeBackend.agopAccumulate}). The AGOP points
 * are split into one contiguous chunk per thread; each thread walks its chunk in batches of b rows
 * with private buffers (weights b x n, gradients b c x d, its own G and Jacobian sum), and the
 * partial sums are added at the end, so threads never share a write.
 */
final class CpuAgop {
    /** Upper bound on the bytes of one thread's weight block (b x n doubles). */
    static final long WEIGHT_BLOCK_BYTES = LinalgParams.AGOP_WEIGHT_BLOCK_BYTES;

    private final Kernel kernel;
    private final double[] u;
    private final double[] sqU;
    private final double[] alpha;
    private final int n;
    private final int d;
    private final int c;
    private final boolean diag;

    CpuAgop(Kernel kernel, double[] u, int n, int d, double[] alpha, int c, boolean diag) {
        this.kernel = kernel;
        this.u = u;
        this.n = n;
        this.d = d;
        this.alpha = alpha;
        this.c = c;
        this.diag = diag;
        this.sqU = kernel.isL2() ? KernelPanels.rowSquaredNorms(u, n, d) : null;
    }

    /**
     * How many parts the points are cut into, each summed into its own partial G: at most
     * AGOP_CHUNKS, fewer when the partials of a large G would exceed AGOP_PARTIALS_BYTES. A function of
     * the sizes alone, never of the thread count, so results are the same on every machine.
     */
    static int chunks(int points, long gSize) {
        long byMemory = LinalgParams.AGOP_PARTIALS_BYTES / (Double.BYTES * Math.max(1, gSize));
        return (int) Math.max(1, Math.min(Math.min(points, LinalgParams.AGOP_CHUNKS), byMemory));
    }

    /** Batch rows so one thread's weight block stays under {@link #WEIGHT_BLOCK_BYTES}. */
    static int batchRows(int n) {
        return (int) Math.max(1, Math.min(1024, WEIGHT_BLOCK_BYTES / (8L * Math.max(1, n))));
    }

    /** Partial sums of one thread: G (d x d, or d in diag mode) and the Jacobian sum (c x d). */
    static final class Partial {
        final double[] g;
        final double[] jsum;

        Partial(int gSize, int jSize) {
            g = new double[gSize];
            jsum = new double[jSize];
        }
    }

    /** Accumulates the gradients of points z[j0..j1) (rows of z, b x d) into a partial sum. */
    Partial run(double[] z, int[] zIndex, int j0, int j1) {
        Partial part = new Partial(diag ? d : d * d, c * d);
        int b = batchRows(n);
        double[] w = new double[b * n];
        double[] grad = new double[b * c * d];
        double[] wc = kernel.isL2() ? new double[b * n] : null;
        double[] t = kernel.isL2() ? new double[b * d] : null;
        double[] sqZ = kernel.isL2() ? KernelPanels.rowSquaredNorms(z, z.length / d, d) : null;
        for (int s = j0; s < j1; s += b) {
            int e = Math.min(j1, s + b);
            weights(z, sqZ, zIndex, s, e, w);
            java.util.Arrays.fill(grad, 0, (e - s) * c * d, 0.0);
            if (kernel.isL2()) {
                gradientsL2(z, s, e, w, grad, wc, t);
            } else {
                gradientsLp(z, s, e, w, grad);
            }
            accumulate(grad, (e - s) * c, part);
        }
        if (!diag) {
            for (int a = 0; a < d; a++) {
                for (int b2 = a + 1; b2 < d; b2++) {
                    part.g[a * d + b2] = part.g[b2 * d + a];
                }
            }
        }
        return part;
    }

    /** w[(j - s) n + i] = w(r_ij) for z_j against u_i, zero on the masked self pair and coincident points. */
    private void weights(double[] z, double[] sqZ, int[] zIndex, int s, int e, double[] w) {
        KernelPanels.distancePanel(kernel.p(), z, sqZ, u, sqU, n, d, s, e, w);
        double q = kernel.q();
        double p = kernel.p();
        double inv = 1 / kernel.scale();
        double coef = -q * inv;
        boolean vec = p == 2 && (q == 1 || q == 2) && Simd.enabled();
        for (int j = s; j < e; j++) {
            int row = (j - s) * n;
            if (vec) {
                VecElementwise.agopWeightsL2(w, row, n, (int) q, inv, coef);
            } else {
                for (int i = 0; i < n; i++) {
                    double r = w[row + i];
                    if (r < Kernel.COINCIDENT) {
                        w[row + i] = 0;
                        continue;
                    }
                    double k = Math.exp(-Kernel.pow(r, q) * inv);
                    w[row + i] = coef * k * Kernel.pow(r, q - p);
                }
            }
            if (zIndex != null) {
                int self = zIndex[j];
                if (self >= 0 && self < n) {
                    w[row + self] = 0;
                }
            }
        }
    }

    /**
     * l2 family: g_jc = A_jc z_j - (W_c U)_j with W_c = W diag(alpha[:, c]) and A_jc its row sums: one
     * blocked GEMM (b x n)(n x d) per output.
     */
    private void gradientsL2(double[] z, int s, int e, double[] w, double[] grad, double[] wc, double[] t) {
        int b = e - s;
        for (int cc = 0; cc < c; cc++) {
            for (int j = 0; j < b; j++) {
                int row = j * n;
                for (int i = 0; i < n; i++) {
                    wc[row + i] = w[row + i] * alpha[i * c + cc];
                }
            }
            Gemm_D.gemm(false, false, b, d, n, 1.0, wc, u, 0.0, t);
            for (int j = 0; j < b; j++) {
                int row = j * n;
                double a = 0;
                for (int i = 0; i < n; i++) {
                    a += wc[row + i];
                }
                int go = (j * c + cc) * d;
                int zo = (s + j) * d;
                for (int k = 0; k < d; k++) {
                    grad[go + k] = a * z[zo + k] - t[j * d + k];
                }
            }
        }
    }

    /** Lp family: g_jc[a] = sum_i alpha_ic w_ji psi(z_ja - u_ia), psi(t) = |t|^(p-1) sign(t). */
    private void gradientsLp(double[] z, int s, int e, double[] w, double[] grad) {
        double[] psi = new double[d];
        for (int j = s; j < e; j++) {
            int row = (j - s) * n;
            int go = (j - s) * c * d;
            int zo = j * d;
            for (int i = 0; i < n; i++) {
                double wi = w[row + i];
                if (wi == 0) {
                    continue;
                }
                int uo = i * d;
                for (int k = 0; k < d; k++) {
                    psi[k] = kernel.signedPower(z[zo + k] - u[uo + k]);
                }
                int ao = i * c;
                for (int cc = 0; cc < c; cc++) {
                    double coef = wi * alpha[ao + cc];
                    int g = go + cc * d;
                    for (int k = 0; k < d; k++) {
                        grad[g + k] += coef * psi[k];
                    }
                }
            }
        }
    }

    /** G += sum of g g^T (lower triangle; mirrored at the end) or of g^2 in diag mode; Jacobian sum per output. */
    private void accumulate(double[] grad, int rows, Partial part) {
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            int jo = (r % c) * d;
            for (int a = 0; a < d; a++) {
                part.jsum[jo + a] += grad[o + a];
            }
        }
        if (diag) {
            for (int r = 0; r < rows; r++) {
                int o = r * d;
                for (int a = 0; a < d; a++) {
                    part.g[a] += grad[o + a] * grad[o + a];
                }
            }
        } else {
            Gemm_D.syrkLowerAccumulate(rows, d, 1.0, grad, part.g);
        }
    }
}
