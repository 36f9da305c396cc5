// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfm4j.testing.Gram;

class MetricFactorTest {

    /** A = B B^T for a random d x r matrix B: PSD of rank r. */
    static double[] lowRank(int d, int r, long seed) {
        Random rng = new Random(seed);
        double[] b = new double[d * r];
        for (int i = 0; i < b.length; i++) {
            b[i] = rng.nextGaussian();
        }
        return Gram.of(b, d, r);
    }

    private static double maxAbsError(double[] a, double[] r, int d) {
        double err = 0, scale = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    s += r[i * d + t] * r[j * d + t];
                }
                err = Math.max(err, Math.abs(s - a[i * d + j]));
                scale = Math.max(scale, Math.abs(a[i * d + j]));
            }
        }
        return err / scale;
    }

    private static int nonzeroColumns(double[] r, int d) {
        int count = 0;
        for (int t = 0; t < d; t++) {
            for (int i = 0; i < d; i++) {
                if (r[i * d + t] != 0) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    /** Factors B B^T for a random d x k matrix B and checks R R^T against it and R's rank. */
    private static void checkFactor(int d, int k, long seed, double bound) {
        double[] a = lowRank(d, k, seed);
        double[] r = MetricFactor.of(a, d);
        assertTrue(maxAbsError(a, r, d) < bound, "R R^T - M: " + maxAbsError(a, r, d));
        assertEquals(Math.min(d, k), nonzeroColumns(r, d));
    }

    @Test
    void fullRankFactorReproducesTheMatrix() {
        checkFactor(60, 80, 1, 1e-13);
    }

    @Test
    void lowRankMatrixStopsAtItsRank() {
        checkFactor(50, 7, 2, 1e-12);
    }

    @Test
    void distancesMatchThoseOfTheSymmetricRoot() {
        int d = 12;
        double[] a = lowRank(d, 5, 3);
        double[] r = MetricFactor.of(a, d);
        Random rng = new Random(4);
        for (int trial = 0; trial < 20; trial++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = rng.nextGaussian();
            }
            double quad = 0, proj = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    quad += v[i] * a[i * d + j] * v[j];
                }
            }
            for (int t = 0; t < d; t++) {
                double u = 0;
                for (int i = 0; i < d; i++) {
                    u += v[i] * r[i * d + t];
                }
                proj += u * u;
            }
            assertEquals(quad, proj, 1e-10 * Math.max(1, quad));
        }
    }

    @Test
    void zeroAndDiagonalMatrices() {
        assertArrayEquals(new double[9], MetricFactor.of(new double[9], 3));
        double[] r = MetricFactor.of(new double[] {4, 0, 0, 0, 0, 0, 0, 0, 9}, 3);
        // pivots in decreasing order: feature 2 (9) first, then feature 0 (4); feature 1 is dropped
        assertArrayEquals(new double[] {0, 2, 0, 0, 0, 0, 3, 0, 0}, r);
    }

    @Test
    void rejectsNonFiniteAndWrongShape() {
        assertThrows(IllegalArgumentException.class, () -> MetricFactor.of(new double[] {Double.NaN, 0, 0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> MetricFactor.of(new double[5], 2));
    }
}
