// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rfm4j.RfmException;
import org.rfm4j.experiments.grokking.CirculantMetrics.Direction;

class CirculantMetricsTest {

    private static double[] circulant(double[] c) {
        int k = c.length;
        double[] a = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                a[i * k + j] = c[((j - i) % k + k) % k];
            }
        }
        return a;
    }

    private static double[] hankel(double[] c) {
        int k = c.length;
        double[] a = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                a[i * k + j] = c[(i + j) % k];
            }
        }
        return a;
    }

    private static double[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    @Test
    void circulantBlockHasZeroDeviationAndRandomBlockDoesNot() {
        int k = 13;
        double[] c = circulant(gaussian(k, 1));
        assertEquals(0, CirculantMetrics.deviation(c, k, Direction.CIRCULANT), 1e-12);
        double[] rnd = gaussian(k * k, 2);
        double dev = CirculantMetrics.deviation(rnd, k);
        assertTrue(dev > 0.6, "random block deviation " + dev);
        assertTrue(dev <= 1.0 + 1e-12);
    }

    @Test
    void hankelBlockIsZeroAlongAntiDiagonalsOnly() {
        int k = 11;
        double[] h = hankel(gaussian(k, 3));
        assertEquals(0, CirculantMetrics.deviation(h, k, Direction.HANKEL), 1e-12);
        assertTrue(CirculantMetrics.deviation(h, k, Direction.CIRCULANT) > 0.5);
        assertEquals(0, CirculantMetrics.deviation(h, k), 1e-12); // the smaller of the two
    }

    @Test
    void subtractionStructureInM() {
        int p = 7, d = 2 * p;
        double[] c = gaussian(p, 4);
        double[] m = new double[d * d];
        for (int b = 0; b < p; b++) {
            for (int a = 0; a < p; a++) {
                m[(p + b) * d + a] = c[(a + b) % p];
            }
        }
        assertEquals(0, CirculantMetrics.taskDeviation("sub", m, p), 1e-12);
    }

    @Test
    void discreteLogOrderMakesMultiplicativeBlocksCirculant() {
        int p = 13;
        assertEquals(2, CirculantMetrics.smallestGenerator(13));
        assertEquals(2, CirculantMetrics.smallestGenerator(61));
        assertEquals(3, CirculantMetrics.smallestGenerator(7));
        double[] h = gaussian(p, 5);
        int d = 2 * p;
        double[] mDiv = new double[d * d], mMul = new double[d * d];
        for (int b = 0; b < p; b++) {
            for (int a = 0; a < p; a++) {
                // entries depend on a * b^-1 (division) or a * b (multiplication); row/column 0 arbitrary
                int inv = b == 0 ? 0 : (int) CirculantMetrics.powMod(b, p - 2, p);
                mDiv[(p + b) * d + a] = b == 0 || a == 0 ? 9 : h[a * inv % p];
                mMul[(p + b) * d + a] = b == 0 || a == 0 ? -7 : h[a * b % p];
            }
        }
        double[] raw = CirculantMetrics.offDiagonalBlock(mDiv, p);
        assertTrue(CirculantMetrics.deviation(raw, p) > 0.3, "natural order is not circulant");
        assertEquals(0, CirculantMetrics.taskDeviation("div", mDiv, p), 1e-12);
        assertEquals(0, CirculantMetrics.taskDeviation("mul", mMul, p), 1e-12);
        assertTrue(CirculantMetrics.deviation(CirculantMetrics.offDiagonalBlock(mMul, p), p) > 0.3);
    }

    @Test
    void alignment() {
        double[] a = gaussian(50, 6);
        assertEquals(1.0, CirculantMetrics.alignment(a, a), 1e-12);
        double[] neg = a.clone();
        for (int i = 0; i < neg.length; i++) {
            neg[i] *= -2;
        }
        assertEquals(-1.0, CirculantMetrics.alignment(a, neg), 1e-12);
        assertTrue(Math.abs(CirculantMetrics.alignment(a, gaussian(50, 7))) < 0.5);
    }

    @Test
    void zeroBlockAndBadInput() {
        assertTrue(Double.isNaN(CirculantMetrics.deviation(new double[9], 3)));
        assertThrows(RfmException.class, () -> CirculantMetrics.smallestGenerator(15));
        assertThrows(RfmException.class, () -> CirculantMetrics.deviation(new double[8], 3));
    }
}
