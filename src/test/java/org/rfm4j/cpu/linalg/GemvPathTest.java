// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The scalar GEMM's one-column case (a dot product per row) gives the blocked path's result to the bit:
 * column 0 of a two-column product, for several depths (across the KC blocks) and alpha, beta values.
 */
class GemvPathTest {
    @Test
    void oneColumnMatchesTheBlockedPath() {
        Random r = new Random(5);
        try (Simd.Scope scalar = Simd.scope(false)) {
            for (int k : new int[] {1, 7, LinalgParams.KC, LinalgParams.KC + 3, 3 * LinalgParams.KC + 1}) {
                for (double[] ab : new double[][] {{1, 0}, {-0.5, 1}, {2, 0.25}}) {
                    int m = 37;
                    double[] a = new double[m * k], b1 = new double[k], b2 = new double[k * 2];
                    double[] c0 = new double[m];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = r.nextGaussian();
                    }
                    for (int p = 0; p < k; p++) {
                        b1[p] = r.nextGaussian();
                        b2[2 * p] = b1[p];
                        b2[2 * p + 1] = r.nextGaussian();
                    }
                    for (int i = 0; i < m; i++) {
                        c0[i] = r.nextGaussian();
                    }
                    double[] c1 = c0.clone(), c2 = new double[2 * m];
                    for (int i = 0; i < m; i++) {
                        c2[2 * i] = c0[i];
                    }
                    Gemm_D.gemm(false, false, m, 1, k, ab[0], a, b1, ab[1], c1);
                    Gemm_D.gemm(false, false, m, 2, k, ab[0], a, b2, ab[1], c2);
                    double[] col = new double[m];
                    float[] af = new float[a.length], bf1 = new float[k], bf2 = new float[2 * k];
                    float[] cf1 = new float[m], cf2 = new float[2 * m];
                    for (int i = 0; i < m; i++) {
                        col[i] = c2[2 * i];
                        cf1[i] = (float) c0[i];
                        cf2[2 * i] = (float) c0[i];
                    }
                    assertArrayEquals(col, c1, 0.0, "float64, k = " + k);
                    for (int i = 0; i < a.length; i++) {
                        af[i] = (float) a[i];
                    }
                    for (int p = 0; p < 2 * k; p++) {
                        bf2[p] = (float) b2[p];
                    }
                    for (int p = 0; p < k; p++) {
                        bf1[p] = bf2[2 * p];
                    }
                    Gemm_F.gemm(false, false, m, 1, k, (float) ab[0], af, bf1, (float) ab[1], cf1);
                    Gemm_F.gemm(false, false, m, 2, k, (float) ab[0], af, bf2, (float) ab[1], cf2);
                    float[] colf = new float[m];
                    for (int i = 0; i < m; i++) {
                        colf[i] = cf2[2 * i];
                    }
                    assertArrayEquals(colf, cf1, 0f, "float32, k = " + k);
                }
            }
        }
    }
}
