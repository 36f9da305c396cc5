// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import org.rfm4j.cpu.linalg.Gemm_F;
import org.rfm4j.cpu.linalg.LinalgParams;
import org.rfm4j.cpu.linalg.Scratch;
import org.rfm4j.cpu.linalg.Simd;
import org.rfm4j.spi.Kernel;

/**
 * AGOP accumulation of an l2-family kernel on float32 matrices, with the three big products in float32
 * GEMMs (twice the SIMD lanes of float64): the cross term Z U^T, the gradients W [V_1 .. V_c] (V_c =
 * diag(alpha_c) U, as in {@link CpuAgop}) and G += g g^T. The element-wise weights are computed in
 * float64 one row at a time, and the Jacobian sum and every chunk's G are added up in float64. Same
 * chunking and batching as {@link CpuAgop}, whose {@link CpuAgop.Partial} it returns.
 */
final class CpuAgopF {
    private final Kernel kernel;
    private final float[] u;
    private final double[] sqU;
    private final float[] alpha;
    private final int n;
    private final int d;
    private final int c;
    private final boolean diag;
    private final int group;
    private final int maxRows;
    private final float[] v;

    CpuAgopF(Kernel kernel, float[] u, int n, int d, float[] alpha, int c, boolean diag) {
        this(kernel, u, n, d, alpha, c, diag, LinalgParams.AGOP_SCALED_POINTS_BYTES, Integer.MAX_VALUE);
    }

    /**
     * As above with the scaled points' byte budget (tests use a small one to exercise the output groups) and
     * the most points one {@link #run} call gets (its buffers are sized for no more: small problems stay small).
     */
    CpuAgopF(Kernel kernel, float[] u, int n, int d, float[] alpha, int c, boolean diag, long scaledPointsBytes, int maxRows) {
        this.maxRows = Math.max(1, maxRows);
        if (!kernel.isL2()) {
            throw new IllegalArgumentException("float32 AGOP is for l2-family kernels; use CpuAgop");
        }
        this.kernel = kernel;
        this.u = u;
        this.n = n;
        this.d = d;
        this.alpha = alpha;
        this.c = c;
        this.diag = diag;
        this.sqU = squaredNorms(u, n, d);
        this.group = CpuAgop.outputGroup(n, d, c, Float.BYTES, scaledPointsBytes);
        this.v = group == c ? scaledPoints(0, c, Scratch.floats(Scratch.Slot.AGOP_POINTS, n * c * d)) : null;
    }

    /** Squared norms of the rows of a (n x d), summed in float64. */
    static double[] squaredNorms(float[] a, int n, int d) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * d;
            for (int k = 0; k < d; k++) {
                s += (double) a[o + k] * a[o + k];
            }
            out[i] = s;
        }
        return out;
    }

    /** V for outputs [c0, c1): out[i, (cc - c0) d + k] = alpha_i,cc u_ik. */
    private float[] scaledPoints(int c0, int c1, float[] out) {
        int w = (c1 - c0) * d;
        for (int i = 0; i < n; i++) {
            for (int cc = c0; cc < c1; cc++) {
                float a = alpha[i * c + cc];
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
        final int b = Math.min(maxRows, CpuAgop.batchRows(n, (long) group * d, Float.BYTES));
        final float[] zb = new float[b * d];
        final float[] w = new float[b * n];
        final double[] row = new double[n];
        final float[] rowSums = new float[b * c];
        final float[] t = new float[b * group * d];
        final float[] grad = new float[b * c * d];
        final float[] gf = diag ? null : new float[d * d];
        final float[] vGroup = v == null ? new float[n * group * d] : null;
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Workspace> spare =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Accumulates the gradients of points z[j0..j1) (rows of z, nz x d) into a partial sum. */
    CpuAgop.Partial run(float[] z, double[] sqZ, int[] zIndex, int j0, int j1) {
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

    private CpuAgop.Partial run(Workspace ws, float[] z, double[] sqZ, int[] zIndex, int j0, int j1) {
        CpuAgop.Partial part = new CpuAgop.Partial(diag ? d : d * d, c * d);
        int b = ws.b;
        float[] w = ws.w;
        double[] row = ws.row;
        float[] grad = ws.grad;
        float[] gf = ws.gf;
        if (gf != null) {
            java.util.Arrays.fill(gf, 0f);
        }
        boolean vec = Simd.enabled();
        for (int s = j0; s < j1; s += b) {
            int e = Math.min(j1, s + b);
            int rows = e - s;
            System.arraycopy(z, s * d, ws.zb, 0, rows * d);
            Gemm_F.gemm(false, true, rows, n, d, 1f, ws.zb, u, 0f, w);
            for (int j = 0; j < rows; j++) {
                int o = j * n;
                for (int i = 0; i < n; i++) {
                    row[i] = w[o + i];
                }
                KernelPanels.l2FromCross(sqZ[s + j], sqU, row, 0, n, vec);
                CpuAgop.weightsRow(kernel, row, 0, n, vec);
                if (zIndex != null && zIndex[s + j] >= 0 && zIndex[s + j] < n) {
                    row[zIndex[s + j]] = 0;
                }
                for (int i = 0; i < n; i++) {
                    w[o + i] = (float) row[i];
                }
            }
            gradients(ws.zb, rows, w, ws.rowSums, ws.t, grad, ws.vGroup);
            int gRows = rows * c;
            part.addJacobian(grad, gRows, c, d);
            if (diag) {
                for (int r = 0; r < gRows; r++) {
                    int o = r * d;
                    for (int a = 0; a < d; a++) {
                        double x = grad[o + a];
                        part.g[a] += x * x;
                    }
                }
            } else {
                Gemm_F.syrkLowerAccumulate(gRows, d, 1f, grad, gf);
            }
        }
        if (!diag) {
            for (int a = 0; a < d; a++) {
                for (int k = 0; k <= a; k++) {
                    part.g[a * d + k] = gf[a * d + k];
                }
            }
            part.mirror(d);
        }
        return part;
    }

    /** g_jc = A_jc z_j - (W V_c)_j, A = W alpha, for the batch's rows (zb: rows x d). */
    private void gradients(float[] zb, int rows, float[] w, float[] rowSums, float[] t, float[] grad, float[] vGroup) {
        Gemm_F.gemm(false, false, rows, c, n, 1f, w, alpha, 0f, rowSums);
        for (int c0 = 0; c0 < c; c0 += group) {
            int c1 = Math.min(c, c0 + group);
            int width = (c1 - c0) * d;
            float[] vg = v != null ? v : scaledPoints(c0, c1, vGroup);
            Gemm_F.gemm(false, false, rows, width, n, 1f, w, vg, 0f, t);
            for (int j = 0; j < rows; j++) {
                int zo = j * d;
                for (int cc = c0; cc < c1; cc++) {
                    float a = rowSums[j * c + cc];
                    int go = (j * c + cc) * d;
                    int to = j * width + (cc - c0) * d;
                    for (int k = 0; k < d; k++) {
                        grad[go + k] = a * zb[zo + k] - t[to + k];
                    }
                }
            }
        }
    }
}
