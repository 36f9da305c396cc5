// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * The centred AGOP of a kernel machine on one-hot pair inputs x = e_a (+) e_b, exploiting that X has two
 * non-zeros per row. For both kernels of the experiment the gradient at a training point z_j is
 *
 * <pre>  grad f_c(z_j) = A v_jc,   v_jc = s_jc z_j - X^T (w_j o alpha_c),   s_jc = sum_i w_ij alpha_ic</pre>
 *
 * (gaussian: w = K, A = -M / L^2, s as written; quadratic 3 (x^T M z)^2: w = X M X^T, A = 6 M, s = 0), so
 * X^T (w_j o alpha_c) costs 2 n c per point instead of the dense n c d, and the AGOP is
 * A [ (1/N) sum_jc (v_jc - vbar_c)(v_jc - vbar_c)^T ] A. This returns the bracket (d x d, centred over the N
 * points, averaged over N); the outer products are GEMMs on the backend in blocks of points.
 */
final class OneHotAgop {
    private OneHotAgop() {
    }

    /**
     * @param w       n x n weights, row j holds w_ij for point j (symmetric in this experiment)
     * @param alpha   n x c coefficients
     * @param aIdx    the a of each training pair; {@code bIdx} the b
     * @param withSelf true to include the s_jc z_j term (gaussian)
     */
    static double[] centredMoment(ComputeBackend be, double[] w, int n, double[] alpha, int c, int[] aIdx,
                                  int[] bIdx, int p, boolean withSelf) {
        int d = 2 * p;
        int block = Math.max(1, Math.min(n, 256));
        double[] vsum = new double[d * c];
        double[] buf = new double[d * block * c]; // d x (block c): column (jj c + cc) is v_jc
        try (DeviceMatrix g = be.zeros(d, d, Precision.FLOAT64)) {
            for (int j0 = 0; j0 < n; j0 += block) {
                int bj = Math.min(block, n - j0);
                int cols = bj * c;
                java.util.Arrays.fill(buf, 0, d * cols, 0);
                for (int jj = 0; jj < bj; jj++) {
                    int j = j0 + jj;
                    int wo = j * n;
                    int co = jj * c;
                    for (int i = 0; i < n; i++) {
                        double wij = w[wo + i];
                        if (wij == 0) {
                            continue;
                        }
                        int ra = aIdx[i] * cols + co, rb = (p + bIdx[i]) * cols + co, ao = i * c;
                        for (int cc = 0; cc < c; cc++) {
                            double v = wij * alpha[ao + cc];
                            buf[ra + cc] -= v;
                            buf[rb + cc] -= v;
                        }
                    }
                    if (withSelf) {
                        int ra = aIdx[j] * cols + co, rb = (p + bIdx[j]) * cols + co;
                        for (int cc = 0; cc < c; cc++) {
                            double s = 0;
                            for (int i = 0; i < n; i++) {
                                s += w[wo + i] * alpha[i * c + cc];
                            }
                            buf[ra + cc] += s;
                            buf[rb + cc] += s;
                        }
                    }
                }
                for (int r = 0; r < d; r++) {
                    for (int jj = 0; jj < bj; jj++) {
                        for (int cc = 0; cc < c; cc++) {
                            vsum[r * c + cc] += buf[r * cols + jj * c + cc];
                        }
                    }
                }
                double[] chunk = cols * d == buf.length ? buf : java.util.Arrays.copyOf(buf, d * cols);
                try (DeviceMatrix v = be.upload(chunk, d, cols, Precision.FLOAT64)) {
                    be.gemm(false, true, 1, v, v, 1, g);
                }
            }
            double[] out = be.download(g);
            double inv = 1.0 / n;
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    double jj = 0;
                    for (int cc = 0; cc < c; cc++) {
                        jj += vsum[a * c + cc] * vsum[b * c + cc];
                    }
                    out[a * d + b] = (out[a * d + b] - inv * jj) * inv;
                }
            }
            return out;
        }
    }
}
