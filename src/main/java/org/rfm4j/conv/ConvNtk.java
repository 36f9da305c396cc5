// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

import org.rfm4j.spi.ConvNtkShape;

/**
 * The infinite-width neural tangent kernel of the network
 * conv(q, stride q) on the patch-expanded image -> sqrt2-ReLU -> (depth - 1) x [conv(q, stride 1, valid)
 * -> sqrt2-ReLU] -> flatten -> dense, in the NTK parameterisation with weight standard deviation q for
 * the convolutions (variance q^2 / fan-in), 1 for the dense head and no biases (the construction of the
 * ConvRFM paper's code, neural-tangents' {@code Conv(W_std=q)}, {@code ABRelu(0, sqrt 2)}, {@code Dense(W_std=1)}).
 *
 * <p>Without pooling only same-position covariances enter, so the kernel of two images is a recursion
 * over position grids. Layer 1 at position p: S = {@code <u_x(p), u_z(p)>} / c, X = |u_x(p)|^2 / c,
 * Z = |u_z(p)|^2 / c (u the patches, after the metric), T = S. Each activation maps (S, T) to
 * (S', Sdot T) ({@link ReluArcCos}; the variances are unchanged); each further convolution sums a q x q
 * window: S_next = sum S', X_next = sum X, Z_next = sum Z, T_next = S_next + sum Sdot T. The kernel is
 * the mean over the last grid of S' + Sdot T. Variances depend on one image only, so they are computed
 * once per image ({@link #diagonals}); a pair needs its per-position cross products only.
 *
 * <p>Instances are immutable; {@link Workspace}s hold per-thread scratch.
 */
public final class ConvNtk {
    private final int depth;
    private final int q;
    private final int[] rows;
    private final int[] cols;
    private final double inputScale;
    private final ConvNtkShape shape;

    /**
     * @param depth     convolutional layers, at least 1
     * @param q         the further convolutions' size (the patch side)
     * @param gridRows  rows of patch positions (layer 1)
     * @param gridCols  columns of patch positions (layer 1)
     * @param channels  c: layer-1 products are divided by c (fan-in c q^2 times the variance q^2)
     */
    public ConvNtk(int depth, int q, int gridRows, int gridCols, int channels) {
        this.shape = new ConvNtkShape(depth, q, gridRows, gridCols, channels); // validates
        this.depth = depth;
        this.q = q;
        this.rows = new int[depth];
        this.cols = new int[depth];
        for (int l = 0; l < depth; l++) {
            rows[l] = shape.rows(l);
            cols[l] = shape.cols(l);
        }
        this.inputScale = shape.inputScale();
    }

    /** The kernel for a patch geometry. */
    public static ConvNtk of(PatchGeometry g, int depth) {
        return new ConvNtk(depth, g.q(), g.outHeight(), g.outWidth(), g.channels());
    }

    /** The shape, as the compute SPI takes it ({@link org.rfm4j.spi.ComputeBackend#convNtkMatrix}). */
    public ConvNtkShape shape() {
        return shape;
    }

    /** Convolutional layers. */
    public int depth() {
        return depth;
    }

    /** Positions of layer 1 (the length of the per-position inputs). */
    public int positions() {
        return rows[0] * cols[0];
    }

    /** Scratch for one thread. */
    public Workspace workspace() {
        return new Workspace();
    }

    /**
     * The variances of one image at every layer, from its layer-1 squared patch norms (unscaled):
     * result[l][p], l = 0 .. depth - 1.
     */
    public double[][] diagonals(double[] norms) {
        double[][] d = new double[depth][];
        d[0] = new double[positions()];
        for (int p = 0; p < d[0].length; p++) {
            d[0][p] = norms[p] * inputScale;
        }
        for (int l = 1; l < depth; l++) {
            d[l] = windowSum(d[l - 1], l - 1, null, null);
        }
        return d;
    }

    /** The kernel value from the per-position cross products {@code cross} (unscaled, layer 1). */
    public double value(double[] cross, double[][] xDiag, double[][] zDiag, Workspace ws) {
        return forward(cross, xDiag, zDiag, ws);
    }

    /**
     * The kernel value, and its derivatives with respect to the layer-1 inputs on the z side:
     * {@code gCross[p] = dK / d<u_x(p), u_z(p)>} and {@code gNorm[p]} = dK / d|u_z(p)|^2, so that
     * dK / du_z(p) = gCross[p] u_x(p) + 2 gNorm[p] u_z(p).
     */
    public double valueAndGradient(double[] cross, double[][] xDiag, double[][] zDiag, Workspace ws,
                                   double[] gCross, double[] gNorm) {
        double k = forward(cross, xDiag, zDiag, ws);
        int last = depth - 1;
        int nLast = rows[last] * cols[last];
        java.util.Arrays.fill(ws.gSp[last], 0, nLast, 1.0 / nLast);
        java.util.Arrays.fill(ws.gTp[last], 0, nLast, 1.0 / nLast);
        java.util.Arrays.fill(ws.gZ[last], 0, nLast, 0.0);
        for (int l = last; l >= 0; l--) {
            int n = rows[l] * cols[l];
            double[] s = ws.s[l], t = ws.t[l], rho = ws.rho[l], sp = ws.sp[l], sd = ws.sd[l];
            double[] x = xDiag[l], z = zDiag[l];
            double[] gSp = ws.gSp[l], gTp = ws.gTp[l], gZ = ws.gZ[l], gS = ws.gS[l], gT = ws.gT[l];
            for (int p = 0; p < n; p++) {
                double gt = gTp[p] * sd[p];
                double gSd = gTp[p] * t[p];
                double gs = gSp[p] * sd[p];
                double gz = gZ[p];
                double xz = x[p] * z[p];
                if (xz > 0) {
                    double slope = ReluArcCos.derivativeSlope(rho[p]) * gSd;
                    gs += slope / Math.sqrt(xz);
                    gz += (gSp[p] * (sp[p] - s[p] * sd[p]) - slope * rho[p]) / (2 * z[p]);
                }
                gT[p] = gt;
                gS[p] = gs + gt; // T = S + (earlier layers' part)
                gZ[p] = gz;
            }
            if (l > 0) {
                int pn = rows[l - 1] * cols[l - 1];
                java.util.Arrays.fill(ws.gSp[l - 1], 0, pn, 0.0);
                java.util.Arrays.fill(ws.gTp[l - 1], 0, pn, 0.0);
                java.util.Arrays.fill(ws.gZ[l - 1], 0, pn, 0.0);
                scatterWindow(gS, l - 1, ws.gSp[l - 1]);
                scatterWindow(gT, l - 1, ws.gTp[l - 1]);
                scatterWindow(gZ, l - 1, ws.gZ[l - 1]);
            }
        }
        int n0 = positions();
        for (int p = 0; p < n0; p++) {
            gCross[p] = ws.gS[0][p] * inputScale;
            gNorm[p] = ws.gZ[0][p] * inputScale;
        }
        return k;
    }

    private double forward(double[] cross, double[][] xDiag, double[][] zDiag, Workspace ws) {
        int n0 = positions();
        double[] s0 = ws.s[0];
        for (int p = 0; p < n0; p++) {
            s0[p] = cross[p] * inputScale;
        }
        System.arraycopy(s0, 0, ws.t[0], 0, n0);
        double sum = 0;
        for (int l = 0; l < depth; l++) {
            int n = rows[l] * cols[l];
            double[] s = ws.s[l], t = ws.t[l], rho = ws.rho[l], sp = ws.sp[l], sd = ws.sd[l], tp = ws.tp[l];
            double[] x = xDiag[l], z = zDiag[l];
            ConvKernels.layer(s, t, x, z, n, rho, sp, sd, tp); // tp = S' + Sdot T
            if (l + 1 < depth) {
                windowSum(sp, l, ws.s[l + 1], ws.rowSums[l]);
                windowSum(tp, l, ws.t[l + 1], ws.rowSums[l]); // T_next = sum S' + sum Sdot T
            } else {
                for (int p = 0; p < n; p++) {
                    sum += tp[p];
                }
                sum /= n;
            }
        }
        return sum;
    }

    /** out[p] = sum of in over the q x q window at p (layer l's grid to layer l + 1's). */
    private double[] windowSum(double[] in, int l, double[] out, double[] rowSums) {
        if (out == null) {
            out = new double[rows[l + 1] * cols[l + 1]];
        }
        if (rowSums == null) {
            rowSums = new double[rows[l] * cols[l + 1]];
        }
        ConvKernels.windowSum(in, rows[l], cols[l], q, out, rowSums);
        return out;
    }

    /** The adjoint of {@link #windowSum}: adds g[p] to every position of p's window on layer l. */
    private void scatterWindow(double[] g, int l, double[] out) {
        int w = cols[l];
        int nr = rows[l + 1], nc = cols[l + 1];
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                double v = g[r * nc + c];
                for (int dy = 0; dy < q; dy++) {
                    int base = (r + dy) * w + c;
                    for (int dx = 0; dx < q; dx++) {
                        out[base + dx] += v;
                    }
                }
            }
        }
    }

    /** Per-thread scratch: the forward values and the adjoints of every layer. */
    public final class Workspace {
        final double[][] s = layers(), t = layers(), rho = layers(), sp = layers(), sd = layers(), tp = layers();
        final double[][] gS = layers(), gT = layers(), gSp = layers(), gTp = layers(), gZ = layers();
        /** Row sums of the window sum from layer l to l + 1 ({@code rows[l] x cols[l + 1]}). */
        final double[][] rowSums = new double[depth][];

        private Workspace() {
            for (int l = 0; l + 1 < depth; l++) {
                rowSums[l] = new double[rows[l] * cols[l + 1]];
            }
        }

        private double[][] layers() {
            double[][] a = new double[depth][];
            for (int l = 0; l < depth; l++) {
                a[l] = new double[rows[l] * cols[l]];
            }
            return a;
        }
    }
}
