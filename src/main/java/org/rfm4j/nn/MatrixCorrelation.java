// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

/**
 * Correlations of two matrices' entries (docs/EXPERIMENTS.md): Pearson = subtract each matrix's scalar
 * mean, then the cosine of the entries; NaN when either matrix is constant.
 */
public final class MatrixCorrelation {
    private MatrixCorrelation() {
    }

    /** Pearson correlation over all entries of a and b (same length). */
    public static double pearson(double[] a, double[] b) {
        return pearson(a, b, -1);
    }

    /** Pearson correlation over the off-diagonal entries only of two n x n matrices. */
    public static double pearsonOffDiagonal(double[] a, double[] b, int n) {
        return pearson(a, b, n);
    }

    private static double pearson(double[] a, double[] b, int skipDiagonalOf) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
        }
        double ma = 0, mb = 0;
        long count = 0;
        for (int i = 0; i < a.length; i++) {
            if (skipDiagonalOf > 0 && i / skipDiagonalOf == i % skipDiagonalOf) {
                continue;
            }
            ma += a[i];
            mb += b[i];
            count++;
        }
        ma /= count;
        mb /= count;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            if (skipDiagonalOf > 0 && i / skipDiagonalOf == i % skipDiagonalOf) {
                continue;
            }
            double x = a[i] - ma, y = b[i] - mb;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : Double.NaN;
    }
}
