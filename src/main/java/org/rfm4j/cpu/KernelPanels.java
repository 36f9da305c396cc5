// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import org.rfm4j.cpu.linalg.Gemm_D;
import org.rfm4j.cpu.linalg.Scratch;
import org.rfm4j.cpu.linalg.Simd;

import org.rfm4j.spi.Kernel;

/**
 * Row panels of kernel and distance matrices in float64, the shared inner loop of the CPU kernel
 * matrix, prediction and AGOP. A panel is rows [i0, i1) of A against all m rows of B, written to a
 * (i1 - i0) x m buffer. For the l2 family the cross term a.b comes from the blocked GEMM
 * (||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b); the Lp family sums |a - b|^p directly. The l2 epilogue and
 * exp(-r^q / L) for q = 1, 2 run on {@link VecElementwise} when {@link Simd#enabled()}.
 */
final class KernelPanels {
    private KernelPanels() {
    }

    /** Squared Euclidean norm of each row of a (n x d). */
    static double[] rowSquaredNorms(double[] a, int n, int d) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * d;
            for (int k = 0; k < d; k++) {
                s += a[o + k] * a[o + k];
            }
            out[i] = s;
        }
        return out;
    }

    /**
     * out[(i - i0) m + j] = a_i . b_j for i in [i0, i1): the panel's rows of A (copied to offset 0, as
     * the blocked GEMM indexes from 0) times B^T, B being m x d row-major; out may be longer than needed.
     */
    static void crossPanel(double[] a, int d, double[] b, int m, int i0, int i1, double[] out) {
        int rows = i1 - i0;
        double[] panel = Scratch.doubles(Scratch.Slot.KERNEL_ROWS, rows * d);
        System.arraycopy(a, i0 * d, panel, 0, rows * d);
        Gemm_D.gemm(false, true, rows, m, d, 1.0, panel, b, 0.0, out);
    }

    /**
     * Distances ||a_i - b_j||_p for a panel. For p = 2 uses the cross term (sqA, sqB needed);
     * otherwise direct sums (sqA, sqB may be null). Negative round-off is clamped to 0.
     */
    static void distancePanel(double p, double[] a, double[] sqA, double[] b, double[] sqB,
                              int m, int d, int i0, int i1, double[] out) {
        if (p == 2) {
            crossPanel(a, d, b, m, i0, i1, out);
            boolean vec = Simd.enabled();
            for (int i = i0; i < i1; i++) {
                l2FromCross(sqA[i], sqB, out, (i - i0) * m, m, vec);
            }
            return;
        }
        for (int i = i0; i < i1; i++) {
            int r = (i - i0) * m;
            int ao = i * d;
            for (int j = 0; j < m; j++) {
                int bo = j * d;
                double s = 0;
                if (p == 1) {
                    for (int k = 0; k < d; k++) {
                        s += Math.abs(a[ao + k] - b[bo + k]);
                    }
                    out[r + j] = s;
                } else {
                    for (int k = 0; k < d; k++) {
                        double t = Math.abs(a[ao + k] - b[bo + k]);
                        s += t == 0 ? 0 : Math.pow(t, p);
                    }
                    out[r + j] = Math.pow(s, 1 / p);
                }
            }
        }
    }

    /** out[o + j] = sqrt(si + sqB[j] - 2 out[o + j]) (a cross term to a distance), 0 where not positive; j &lt; m. */
    static void l2FromCross(double si, double[] sqB, double[] out, int o, int m, boolean vec) {
        if (vec) {
            VecElementwise.l2FromCross(si, sqB, out, o, m);
            return;
        }
        for (int j = 0; j < m; j++) {
            double r2 = si + sqB[j] - 2 * out[o + j];
            out[o + j] = r2 > 0 ? Math.sqrt(r2) : 0.0;
        }
    }

    /** Turns a panel of distances r into kernel values k(r) in place. */
    static void kernelFromDistance(Kernel kernel, double[] buf, int len) {
        double q = kernel.q();
        double inv = 1 / kernel.scale();
        if ((q == 1 || q == 2) && Simd.enabled()) {
            VecElementwise.expOfDistance(buf, len, (int) q, inv);
            return;
        }
        if (q == 1) {
            for (int i = 0; i < len; i++) {
                buf[i] = Math.exp(-buf[i] * inv);
            }
        } else if (q == 2) {
            for (int i = 0; i < len; i++) {
                double r = buf[i];
                buf[i] = Math.exp(-r * r * inv);
            }
        } else {
            for (int i = 0; i < len; i++) {
                double r = buf[i];
                buf[i] = r == 0 ? 1.0 : Math.exp(-Math.pow(r, q) * inv);
            }
        }
    }
}
