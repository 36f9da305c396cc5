// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import org.rfm4j.cpu.linalg.Gemm_D;
import org.rfm4j.cpu.linalg.LinalgParams;
import org.rfm4j.cpu.linalg.Scratch;
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
    /** Outputs per gradient GEMM (l2 family), and their scaled points V when that is all c (else per batch). */
    private final int group;
    private final int maxRows;
    private final double[] v;

    CpuAgop(Kernel kernel, double[] u, int n, int d, double[] alpha, int c, boolean diag) {
        this(kernel, u, n, d, alpha, c, diag, LinalgParams.AGOP_SCALED_POINTS_BYTES, Integer.MAX_VALUE);
    }

    /**
     * As above with the scaled points' byte budget (tests use a small one to exercise the output groups) and
     * the most points one {@link #run} call gets (its buffers are sized for no more: small problems stay small).
     */
    CpuAgop(Kernel kernel, double[] u, int n, int d, double[] alpha, int c, boolean diag, long scaledPointsBytes, int maxRows) {
        this.maxRows = Math.max(1, maxRows);
        this.kernel = kernel;
        this.u = u;
        this.n = n;
        this.d = d;
        this.alpha = alpha;
        this.c = c;
        this.diag = diag;
        this.sqU = kernel.isL2() ? KernelPanels.rowSquaredNorms(u, n, d) : null;
        this.group = outputGroup(n, d, c, Double.BYTES, scaledPointsBytes);
        this.v = kernel.isL2() && group == c ? scaledPoints(0, c, Scratch.doubles(Scratch.Slot.AGOP_POINTS, n * c * d)) : null;
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

    /** Batch rows so one thread's weight block (b x n) and gradient products (b x width) stay under {@link #WEIGHT_BLOCK_BYTES}. */
    static int batchRows(int n, long width, int bytes) {
        return (int) Math.max(1, Math.min(1024, WEIGHT_BLOCK_BYTES / ((long) bytes * Math.max(Math.max(1, n), width))));
    }

    /** Outputs whose scaled points (n x group d) fit {@code budget} bytes: all c when they do, at least 1. */
    static int outputGroup(int n, int d, int c, int bytes, long budget) {
        long perOutput = (long) n * d * bytes;
        return (int) Math.max(1, Math.min(c, budget / Math.max(1, perOutput)));
    }

    /** Partial sums of one thread: G (d x d, or d in diag mode) and the Jacobian sum (c x d). */
    static final class Partial {
        final double[] g;
        final double[] jsum;

        Partial(int gSize, int jSize) {
            g = new double[gSize];
            jsum = new double[jSize];
        }

        /** Adds gradient rows (rows x d, row r for output r mod c) to the Jacobian sum. */
        void addJacobian(double[] grad, int rows, int c, int d) {
            for (int r = 0; r < rows; r++) {
                int o = r * d;
                int jo = (r % c) * d;
                for (int a = 0; a < d; a++) {
                    jsum[jo + a] += grad[o + a];
                }
            }
        }

        /** {@link #addJacobian(double[], int, int, int)} for float32 gradient rows. */
        void addJacobian(float[] grad, int rows, int c, int d) {
            for (int r = 0; r < rows; r++) {
                int o = r * d;
                int jo = (r % c) * d;
                for (int a = 0; a < d; a++) {
                    jsum[jo + a] += grad[o + a];
                }
            }
        }

        /** Mirrors G's lower triangle (d x d) to the upper one. */
        void mirror(int d) {
            for (int a = 0; a < d; a++) {
                for (int b = a + 1; b < d; b++) {
                    g[a * d + b] = g[b * d + a];
                }
            }
        }
    }

    /**
     * The AGOP weights of one row of distances r (in place): coef k(r) r^(q - p) with coef = -q / L,
     * 0 for coincident points. Vector path for l2 kernels with q = 1, 2 when {@code vec}.
     */
    static void weightsRow(Kernel kernel, double[] w, int row, int n, boolean vec) {
        double q = kernel.q();
        double p = kernel.p();
        double inv = 1 / kernel.scale();
        double coef = -q * inv;
        if (vec && p == 2 && (q == 1 || q == 2)) {
            VecElementwise.agopWeightsL2(w, row, n, (int) q, inv, coef);
            return;
        }
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

    /** V for outputs [c0, c1): out[i, (cc - c0) d + k] = alpha_i,cc u_ik (n x (c1 - c0) d). */
    private double[] scaledPoints(int c0, int c1, double[] out) {
        int w = (c1 - c0) * d;
        for (int i = 0; i < n; i++) {
            for (int cc = c0; cc < c1; cc++) {
                double a = alpha[i * c + cc];
                int o = i * w + (cc - c0) * d;
                int uo = i * d;
                for (int k = 0; k < d; k++) {
                    out[o + k] = a * u[uo + k];
                }
            }
        }
        return out;
    }

    /** One task's buffers, reused by the next chunk it runs (the big ones would otherwise churn the heap). */
    private final class Workspace {
        final boolean l2 = kernel.isL2();
        final int b = Math.min(maxRows, batchRows(n, l2 ? (long) group * d : 0, Double.BYTES));
        final double[] w = new double[b * n];
        final double[] grad = new double[b * c * d];
        final double[] t = l2 ? new double[b * group * d] : null;
        final double[] rowSums = l2 ? new double[b * c] : null;
        final double[] vGroup = l2 && v == null ? new double[n * group * d] : null;
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Workspace> spare =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Accumulates the gradients of points z[j0..j1) (rows of z, nz x d) into a partial sum; sqZ holds the
     * squared norms of all of z's rows for an l2 kernel (computed once by the caller for every chunk), else null.
     */
    Partial run(double[] z, double[] sqZ, int[] zIndex, int j0, int j1) {
        Workspace ws = spare.poll();
        if (ws == null) {
            ws = new Workspace();
        }
        try {
            return run(ws, z, sqZ, zIndex, j0, j1);
        } finally {
            spare.add(ws);
        }
    }

    private Partial run(Workspace ws, double[] z, double[] sqZ, int[] zIndex, int j0, int j1) {
        Partial part = new Partial(diag ? d : d * d, c * d);
        int b = ws.b;
        for (int s = j0; s < j1; s += b) {
            int e = Math.min(j1, s + b);
            weights(z, sqZ, zIndex, s, e, ws.w);
            if (ws.l2) {
                gradientsL2(z, s, e, ws.w, ws.grad, ws.t, ws.rowSums, ws.vGroup);
            } else {
                java.util.Arrays.fill(ws.grad, 0, (e - s) * c * d, 0.0);
                gradientsLp(z, s, e, ws.w, ws.grad);
            }
            accumulate(ws.grad, (e - s) * c, part);
        }
        if (!diag) {
            part.mirror(d);
        }
        return part;
    }

    /** w[(j - s) n + i] = w(r_ij) for z_j against u_i, zero on the masked self pair and coincident points. */
    private void weights(double[] z, double[] sqZ, int[] zIndex, int s, int e, double[] w) {
        KernelPanels.distancePanel(kernel.p(), z, sqZ, u, sqU, n, d, s, e, w);
        boolean vec = Simd.enabled();
        for (int j = s; j < e; j++) {
            int row = (j - s) * n;
            weightsRow(kernel, w, row, n, vec);
            if (zIndex != null) {
                int self = zIndex[j];
                if (self >= 0 && self < n) {
                    w[row + self] = 0;
                }
            }
        }
    }

    /**
     * l2 family: g_jc = A_jc z_j - (W diag(alpha_c) U)_j with A_jc = (W alpha)_jc. W diag(alpha_c) U = W V_c,
     * so one GEMM W [V_c0 .. V_c1] gives a whole group of outputs (all c unless V would be too large).
     */
    private void gradientsL2(double[] z, int s, int e, double[] w, double[] grad, double[] t, double[] rowSums,
                             double[] vGroup) {
        int b = e - s;
        Gemm_D.gemm(false, false, b, c, n, 1.0, w, alpha, 0.0, rowSums);
        for (int c0 = 0; c0 < c; c0 += group) {
            int c1 = Math.min(c, c0 + group);
            int width = (c1 - c0) * d;
            double[] vg = v != null ? v : scaledPoints(c0, c1, vGroup);
            Gemm_D.gemm(false, false, b, width, n, 1.0, w, vg, 0.0, t);
            for (int j = 0; j < b; j++) {
                int zo = (s + j) * d;
                for (int cc = c0; cc < c1; cc++) {
                    double a = rowSums[j * c + cc];
                    int go = (j * c + cc) * d;
                    int to = j * width + (cc - c0) * d;
                    for (int k = 0; k < d; k++) {
                        grad[go + k] = a * z[zo + k] - t[to + k];
                    }
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
        part.addJacobian(grad, rows, c, d);
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
