// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

/**
 * The inner loops of a {@link ConvNtk} kernel entry, where its time goes: the per-position products of
 * two images' patches ({@link #products}), one sqrt2-ReLU layer over a grid of positions
 * ({@link #layer}) and the q x q window sums between layers ({@link #windowSum}). The arc cosine
 * dominates a layer, and the JDK's scalar {@code Math.acos} is slow (60-200 ns a call on the 2-core
 * development machine); with the incubator module {@code jdk.incubator.vector} the three loops run on the
 * Vector API ({@code ConvKernelsVec}: a lane-wise ACOS, about 1 ns an element there), otherwise in the
 * scalar loops below (the reference). The system property {@code rfm4j.cpu.vector=false} forces the
 * scalar loops. The two agree to a few units in the last place (different summation order and FMA).
 */
final class ConvKernels {
    private ConvKernels() {
    }

    /** Whether the vector loops are used. */
    static final boolean VECTOR = probe();

    private static boolean probe() {
        if ("false".equalsIgnoreCase(System.getProperty("rfm4j.cpu.vector", "").trim())) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return ConvKernelsVec.selfTest();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /**
     * One layer over positions 0 .. n - 1: from the covariance s[p], the variances x[p], z[p] and the
     * tangent term t[p], writes rho[p], S'[p], Sdot[p] and {@code u[p] = S'[p] + Sdot[p] t[p]} (what the
     * next layer's tangent term sums; see {@link ReluArcCos}).
     */
    static void layer(double[] s, double[] t, double[] x, double[] z, int n, double[] rho, double[] sp, double[] sd,
                      double[] u) {
        if (VECTOR) {
            ConvKernelsVec.layer(s, t, x, z, n, rho, sp, sd, u);
        } else {
            layerScalar(s, t, x, z, 0, n, rho, sp, sd, u);
        }
    }

    /** {@link #layer} over positions from .. n - 1 in scalar code (also the vector loop's tail). */
    static void layerScalar(double[] s, double[] t, double[] x, double[] z, int from, int n, double[] rho, double[] sp,
                            double[] sd, double[] u) {
        for (int p = from; p < n; p++) {
            double r = ReluArcCos.rho(s[p], x[p], z[p]);
            double theta = Math.acos(r);
            rho[p] = r;
            sp[p] = ReluArcCos.value(r, theta, x[p], z[p]);
            sd[p] = ReluArcCos.derivative(theta);
            u[p] = sp[p] + sd[p] * t[p];
        }
    }

    /**
     * out[p] = sum_k a[oa + k P + p] b[ob + k P + p] for k &lt; dim, P = out.length (dim-major patches;
     * a fixed order, so results do not depend on threads).
     */
    static void products(double[] a, int oa, double[] b, int ob, int dim, double[] out) {
        if (VECTOR) {
            ConvKernelsVec.products(a, oa, b, ob, dim, out);
        } else {
            productsScalar(a, oa, b, ob, dim, out, 0);
        }
    }

    static void productsScalar(double[] a, int oa, double[] b, int ob, int dim, double[] out, int from) {
        int positions = out.length;
        for (int p = from; p < positions; p++) {
            double acc = a[oa + p] * b[ob + p];
            for (int k = 1; k < dim; k++) {
                acc += a[oa + k * positions + p] * b[ob + k * positions + p];
            }
            out[p] = acc;
        }
    }

    /**
     * out[r nc + c] = sum of in over the q x q window at (r, c) of an h x w grid (nc = w - q + 1, h - q + 1
     * rows), separably: the row sums of width q into {@code rowSums} ({@code h x nc}), then their column
     * sums of height q.
     */
    static void windowSum(double[] in, int h, int w, int q, double[] out, double[] rowSums) {
        if (VECTOR) {
            ConvKernelsVec.windowSum(in, h, w, q, out, rowSums);
        } else {
            int nc = w - q + 1;
            for (int r = 0; r < h; r++) {
                strideSum(in, r * w, 1, q, rowSums, r * nc, nc, 0);
            }
            for (int r = 0; r + q <= h; r++) {
                strideSum(rowSums, r * nc, nc, q, out, r * nc, nc, 0);
            }
        }
    }

    /** out[ob + c] = sum_j in[ib + j step + c], j &lt; q, for c in from .. len - 1. */
    static void strideSum(double[] in, int ib, int step, int q, double[] out, int ob, int len, int from) {
        for (int c = from; c < len; c++) {
            double acc = in[ib + c];
            for (int j = 1; j < q; j++) {
                acc += in[ib + j * step + c];
            }
            out[ob + c] = acc;
        }
    }
}
