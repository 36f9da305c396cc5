// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.deep;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Matrix;

/**
 * Neural-collapse metrics of a representation (rows = samples), in float64 on the host (O(n d) work).
 *
 * <p>With K classes, n_c samples in class c, class means mu_c and mu_G = (1/K) sum_c mu_c (the mean of
 * the class means; the global mean when the classes are balanced):
 * <pre>
 *   Sigma_W = (1/K) sum_c (1/n_c) sum_{i in c} (x_i - mu_c)(x_i - mu_c)^T   (average within-class covariance)
 *   Sigma_B = (1/K) sum_c (mu_c - mu_G)(mu_c - mu_G)^T                      (covariance of the class means)
 *   NC1     = tr(Sigma_W) / tr(Sigma_B)
 *   h_c     = (mu_c - mu_G) / ||mu_c - mu_G||,   G_ab = h_a . h_b
 *   E       = (K/(K-1)) I - 11^T/(K-1)                                      (simplex ETF Gram)
 *   NC2     = (1/K^2) sum_ab (G_ab - E_ab)^2
 * </pre>
 * NC1 is 0 when every sample sits on its class mean and is invariant to scaling the representation;
 * NC2 is 0 when the centred class means form a simplex equiangular tight frame (any norms: each is
 * normalised first). A centred class mean of norm 0 gives h_c = 0.
 */
public final class NeuralCollapse {
    private NeuralCollapse() {
    }

    /** Both metrics of one representation. */
    public record Measures(double nc1, double nc2) {
    }

    /** NC1 and NC2 of the rows of {@code x} with labels in 0..k-1 (every class present). */
    public static Measures measure(Matrix x, int[] labels, int k) {
        double[] means = classMeans(x.data(), x.rows(), x.cols(), labels, k);
        return new Measures(nc1(x.data(), x.rows(), x.cols(), labels, k, means), nc2(means, x.cols(), k));
    }

    /** tr(Sigma_W) / tr(Sigma_B); see the class comment. Infinite when the class means coincide. */
    public static double nc1(Matrix x, int[] labels, int k) {
        return nc1(x.data(), x.rows(), x.cols(), labels, k, classMeans(x.data(), x.rows(), x.cols(), labels, k));
    }

    /** The mean squared deviation of the normalised centred class-mean Gram from the simplex ETF Gram. */
    public static double nc2(Matrix x, int[] labels, int k) {
        return nc2(classMeans(x.data(), x.rows(), x.cols(), labels, k), x.cols(), k);
    }

    private static double nc1(double[] x, int n, int d, int[] labels, int k, double[] means) {
        int[] count = counts(labels, n, k);
        double[] within = new double[k];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            double s = 0;
            for (int a = 0; a < d; a++) {
                double t = x[i * d + a] - means[c * d + a];
                s += t * t;
            }
            within[c] += s;
        }
        double trW = 0;
        for (int c = 0; c < k; c++) {
            trW += within[c] / count[c];
        }
        trW /= k;
        double[] centred = centred(means, d, k);
        double trB = 0;
        for (double v : centred) {
            trB += v * v;
        }
        trB /= k;
        if (trB == 0) {
            return trW == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return trW / trB;
    }

    private static double nc2(double[] means, int d, int k) {
        double[] h = centred(means, d, k);
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int a = 0; a < d; a++) {
                s += h[c * d + a] * h[c * d + a];
            }
            double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
            for (int a = 0; a < d; a++) {
                h[c * d + a] *= inv;
            }
        }
        double sum = 0;
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                double g = 0;
                for (int a = 0; a < d; a++) {
                    g += h[p * d + a] * h[q * d + a];
                }
                double e = (p == q ? 1.0 : 0.0) * k / (k - 1.0) - 1.0 / (k - 1.0);
                sum += (g - e) * (g - e);
            }
        }
        return sum / ((double) k * k);
    }

    /** The class means, k x d. */
    static double[] classMeans(double[] x, int n, int d, int[] labels, int k) {
        if (k < 2) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "neural collapse needs at least 2 classes, got " + k);
        }
        if (x == null || labels == null || x.length != (long) n * d || labels.length != n) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "neural collapse: x must hold n x d = " + n + " x " + d
                    + " values and labels n: pass matching arrays");
        }
        int[] count = counts(labels, n, k);
        double[] m = new double[k * d];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            for (int a = 0; a < d; a++) {
                m[c * d + a] += x[i * d + a];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int a = 0; a < d; a++) {
                m[c * d + a] /= count[c];
            }
        }
        return m;
    }

    private static int[] counts(int[] labels, int n, int k) {
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            if (c < 0 || c >= k) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "label " + c + " at row " + i
                        + " is outside 0.." + (k - 1) + ": encode the classes as 0..K-1");
            }
            count[c]++;
        }
        for (int c = 0; c < k; c++) {
            if (count[c] == 0) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "class " + c + " has no samples: every class in 0.."
                        + (k - 1) + " needs at least one");
            }
        }
        return count;
    }

    /** mu_c - mu_G with mu_G the mean of the class means. */
    private static double[] centred(double[] means, int d, int k) {
        double[] g = new double[d];
        for (int c = 0; c < k; c++) {
            for (int a = 0; a < d; a++) {
                g[a] += means[c * d + a] / k;
            }
        }
        double[] out = means.clone();
        for (int c = 0; c < k; c++) {
            for (int a = 0; a < d; a++) {
                out[c * d + a] -= g[a];
            }
        }
        return out;
    }
}
