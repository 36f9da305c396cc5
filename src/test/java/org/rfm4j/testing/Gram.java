// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.testing;

/** Gram matrices for tests: symmetric PSD inputs of a chosen rank. */
public final class Gram {
    private Gram() {
    }

    /** B B^T (n x n, row-major) for B n x r row-major: PSD of rank at most min(n, r). */
    public static double[] of(double[] b, int n, int r) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int t = 0; t < r; t++) {
                    s += b[i * r + t] * b[j * r + t];
                }
                a[i * n + j] = s;
            }
        }
        return a;
    }
}
