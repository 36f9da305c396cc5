package org.rfm4j.cpu;

import org.rfm4j.spi.Kernel;

/**
 * Row panels of kernel and distance matrices in float64, the shared inner loop of the CPU kernel
 * matrix, prediction and AGOP. A panel is rows [i0, i1) of A against all m rows of B, written to a
 * (i1 - i0) x m buffer. For the l2 family the cross term a.b comes from a register-blocked product
 * with B^T (||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b); the Lp family sums |a - b|^p directly.
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

    /** B^T (d x m) from b (m x d), so cross-term loops run along contiguous j. */
    static double[] transpose(double[] b, int m, int d) {
        double[] t = new double[d * m];
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < d; k++) {
                t[k * m + j] = b[j * d + k];
            }
        }
        return t;
    }

    /**
     * out[(i - i0) m + j] = a_i . b_j for i in [i0, i1), using bt = B^T (d x m). Four rows share each
     * load of bt so the inner loop is an axpy the JIT vectorises.
     */
    static void crossPanel(double[] a, int d, double[] bt, int m, int i0, int i1, double[] out) {
        java.util.Arrays.fill(out, 0, (i1 - i0) * m, 0.0);
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            int r0 = (i - i0) * m, r1 = r0 + m, r2 = r1 + m, r3 = r2 + m;
            for (int k = 0; k < d; k++) {
                double x0 = a[i * d + k], x1 = a[(i + 1) * d + k], x2 = a[(i + 2) * d + k], x3 = a[(i + 3) * d + k];
                int bo = k * m;
                for (int j = 0; j < m; j++) {
                    double bv = bt[bo + j];
                    out[r0 + j] += x0 * bv;
                    out[r1 + j] += x1 * bv;
                    out[r2 + j] += x2 * bv;
                    out[r3 + j] += x3 * bv;
                }
            }
        }
        for (; i < i1; i++) {
            int r0 = (i - i0) * m;
            for (int k = 0; k < d; k++) {
                double x0 = a[i * d + k];
                int bo = k * m;
                for (int j = 0; j < m; j++) {
                    out[r0 + j] += x0 * bt[bo + j];
                }
            }
        }
    }

    /**
     * Distances ||a_i - b_j||_p for a panel. For p = 2 uses the cross term (bt, sqA, sqB needed);
     * otherwise direct sums (bt, sqA, sqB may be null). Negative round-off is clamped to 0.
     */
    static void distancePanel(double p, double[] a, double[] sqA, double[] b, double[] bt, double[] sqB,
                              int m, int d, int i0, int i1, double[] out) {
        if (p == 2) {
            crossPanel(a, d, bt, m, i0, i1, out);
            for (int i = i0; i < i1; i++) {
                int r = (i - i0) * m;
                double si = sqA[i];
                for (int j = 0; j < m; j++) {
                    double r2 = si + sqB[j] - 2 * out[r + j];
                    out[r + j] = r2 > 0 ? Math.sqrt(r2) : 0.0;
                }
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

    /** Turns a panel of distances r into kernel values k(r) in place. */
    static void kernelFromDistance(Kernel kernel, double[] buf, int len) {
        double q = kernel.q();
        double inv = 1 / kernel.scale();
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
