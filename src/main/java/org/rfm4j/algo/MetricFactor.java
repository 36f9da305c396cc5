// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

/**
 * A factor R with R R^T = M for a symmetric positive semidefinite M (d x d), by Cholesky with diagonal
 * pivoting (LAPACK's dpstrf rule): for Euclidean kernels X R gives the same distances as X M^(1/2),
 * ||R^T (x - z)||^2 = (x - z)^T M (x - z), at about d^3 / 3 flops instead of an eigendecomposition's
 * 9 d^3 or so. Stops at the numerical rank: once every remaining pivot is at most
 * d * eps * max(diag M), the rest of the Schur complement is dropped and R's later columns stay zero.
 * Host float64, one thread, so the result is the same on every backend and thread count.
 */
public final class MetricFactor {
    private MetricFactor() {
    }

    /**
     * R (d x d row-major): row i belongs to feature i, column k to the k-th pivot; columns past the
     * numerical rank are zero. {@code m} is read only, and only its upper and lower halves' average
     * matters to the caller (it should be symmetric). Throws IllegalArgumentException on non-finite input.
     */
    public static double[] of(double[] m, int d) {
        if (m.length != (long) d * d) {
            throw new IllegalArgumentException("M has " + m.length + " entries, expected " + d + " x " + d);
        }
        double[] rem = new double[d]; // diagonal of the Schur complement still to factor
        double maxDiag = 0;
        for (int i = 0; i < d; i++) {
            double v = m[i * d + i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("M holds " + v + " on its diagonal");
            }
            rem[i] = v;
            maxDiag = Math.max(maxDiag, v);
        }
        double[] r = new double[d * d];
        if (!(maxDiag > 0)) {
            return r;
        }
        double tol = d * Math.ulp(1.0) * maxDiag;
        boolean[] done = new boolean[d];
        int[] open = new int[d]; // features not yet pivots, in index order
        for (int k = 0; k < d; k++) {
            int p = -1;
            double best = tol;
            int count = 0;
            for (int i = 0; i < d; i++) {
                if (!done[i]) {
                    open[count++] = i;
                    if (rem[i] > best) {
                        best = rem[i];
                        p = i;
                    }
                }
            }
            if (p < 0) {
                break; // every remaining pivot is below the rank tolerance
            }
            done[p] = true;
            double pivot = Math.sqrt(best);
            double inv = 1 / pivot;
            int rowP = p * d;
            r[rowP + k] = pivot;
            for (int t = 0; t < count; t++) {
                int i = open[t];
                if (i == p) {
                    continue;
                }
                int rowI = i * d;
                double v = (m[rowP + i] - dot(r, rowI, rowP, k)) * inv;
                r[rowI + k] = v;
                rem[i] -= v * v;
            }
        }
        return r;
    }

    /** sum over t < k of r[a + t] r[b + t], in four independent sums (a fixed order, so reproducible). */
    private static double dot(double[] r, int a, int b, int k) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int t = 0;
        for (; t + 3 < k; t += 4) {
            s0 += r[a + t] * r[b + t];
            s1 += r[a + t + 1] * r[b + t + 1];
            s2 += r[a + t + 2] * r[b + t + 2];
            s3 += r[a + t + 3] * r[b + t + 3];
        }
        for (; t < k; t++) {
            s0 += r[a + t] * r[b + t];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
