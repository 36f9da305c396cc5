// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API form of {@link ConvKernels} (lane-wise ACOS, SQRT and FMA). Loaded only through
 * {@link ConvKernels} (needs {@code --add-modules jdk.incubator.vector}).
 */
final class ConvKernelsVec {
    private ConvKernelsVec() {
    }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final double INV_PI = 1.0 / Math.PI;

    static void layer(double[] s, double[] t, double[] x, double[] z, int n, double[] rho, double[] sp, double[] sd,
                      double[] u) {
        int bound = S.loopBound(n);
        DoubleVector zero = DoubleVector.zero(S);
        int p = 0;
        for (; p < bound; p += S.length()) {
            DoubleVector xz = DoubleVector.fromArray(S, x, p).mul(DoubleVector.fromArray(S, z, p));
            VectorMask<Double> positive = xz.compare(VectorOperators.GT, 0.0);
            DoubleVector root = zero.blend(xz.lanewise(VectorOperators.SQRT), positive);
            DoubleVector r = zero.blend(DoubleVector.fromArray(S, s, p).div(root).max(-1.0).min(1.0), positive);
            DoubleVector piMinusTheta = r.lanewise(VectorOperators.ACOS).neg().add(Math.PI);
            DoubleVector sine = r.mul(r).neg().add(1.0).max(0.0).lanewise(VectorOperators.SQRT);
            DoubleVector value = root.mul(sine.add(piMinusTheta.mul(r))).mul(INV_PI);
            DoubleVector slope = piMinusTheta.mul(INV_PI);
            r.intoArray(rho, p);
            value.intoArray(sp, p);
            slope.intoArray(sd, p);
            value.add(slope.mul(DoubleVector.fromArray(S, t, p))).intoArray(u, p);
        }
        ConvKernels.layerScalar(s, t, x, z, p, n, rho, sp, sd, u);
    }

    static void products(double[] a, int oa, double[] b, int ob, int dim, double[] out) {
        int positions = out.length;
        int bound = S.loopBound(positions);
        int p = 0;
        for (; p < bound; p += S.length()) {
            DoubleVector acc = DoubleVector.fromArray(S, a, oa + p).mul(DoubleVector.fromArray(S, b, ob + p));
            for (int k = 1; k < dim; k++) {
                acc = DoubleVector.fromArray(S, a, oa + k * positions + p)
                        .fma(DoubleVector.fromArray(S, b, ob + k * positions + p), acc);
            }
            acc.intoArray(out, p);
        }
        ConvKernels.productsScalar(a, oa, b, ob, dim, out, p);
    }

    static void windowSum(double[] in, int h, int w, int q, double[] out, double[] rowSums) {
        int nc = w - q + 1;
        for (int r = 0; r < h; r++) {
            strideSum(in, r * w, 1, q, rowSums, r * nc, nc);
        }
        for (int r = 0; r + q <= h; r++) {
            strideSum(rowSums, r * nc, nc, q, out, r * nc, nc);
        }
    }

    private static void strideSum(double[] in, int ib, int step, int q, double[] out, int ob, int len) {
        int bound = S.loopBound(len);
        int c = 0;
        for (; c < bound; c += S.length()) {
            DoubleVector acc = DoubleVector.fromArray(S, in, ib + c);
            for (int j = 1; j < q; j++) {
                acc = acc.add(DoubleVector.fromArray(S, in, ib + j * step + c));
            }
            acc.intoArray(out, ob + c);
        }
        ConvKernels.strideSum(in, ib, step, q, out, ob, len, c);
    }

    /** The vector loops against the scalar ones on small cases (zero variances and parallel inputs included). */
    static boolean selfTest() {
        int n = 3 * S.length() + 3;
        double[] s = new double[n], t = new double[n], x = new double[n], z = new double[n];
        for (int p = 0; p < n; p++) {
            x[p] = p % 7 == 0 ? 0.0 : 0.5 + p;
            z[p] = 1.0 + 0.25 * p;
            s[p] = p % 5 == 0 ? Math.sqrt(x[p] * z[p]) : 0.3 * (p % 3 - 1) * Math.sqrt(x[p] * z[p]);
            t[p] = 0.1 * p;
        }
        double[][] a = {new double[n], new double[n], new double[n], new double[n]};
        double[][] b = {new double[n], new double[n], new double[n], new double[n]};
        layer(s, t, x, z, n, a[0], a[1], a[2], a[3]);
        ConvKernels.layerScalar(s, t, x, z, 0, n, b[0], b[1], b[2], b[3]);
        boolean ok = close(a[0], b[0]) && close(a[1], b[1]) && close(a[2], b[2]) && close(a[3], b[3]);
        int h = 5, w = S.length() + 4, q = 3, nc = w - q + 1;
        double[] grid = new double[h * w];
        for (int p = 0; p < grid.length; p++) {
            grid[p] = (p * 7919 % 13) - 6.5;
        }
        double[] va = new double[(h - q + 1) * nc], vb = va.clone();
        windowSum(grid, h, w, q, va, new double[h * nc]);
        for (int r = 0; r + q <= h; r++) {
            for (int c = 0; c < nc; c++) {
                for (int dy = 0; dy < q; dy++) {
                    for (int dx = 0; dx < q; dx++) {
                        vb[r * nc + c] += grid[(r + dy) * w + c + dx];
                    }
                }
            }
        }
        ok &= close(va, vb);
        double[] pa = new double[n / 3], pb = new double[n / 3];
        products(x, 0, z, 0, 3, pa);
        ConvKernels.productsScalar(x, 0, z, 0, 3, pb, 0);
        return ok && close(pa, pb);
    }

    private static boolean close(double[] a, double[] b) {
        for (int p = 0; p < a.length; p++) {
            if (!(Math.abs(a[p] - b[p]) <= 1e-12 * (1 + Math.abs(b[p])))) {
                return false;
            }
        }
        return true;
    }
}
