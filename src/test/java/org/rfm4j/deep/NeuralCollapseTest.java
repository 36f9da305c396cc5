// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rfm4j.RfmException;
import org.rfm4j.data.Matrix;

class NeuralCollapseTest {

    /** K class means forming a simplex ETF in R^K: e_c - (1/K) 1, scaled. */
    private static double[] etfMeans(int k, double scale) {
        double[] m = new double[k * k];
        for (int c = 0; c < k; c++) {
            for (int a = 0; a < k; a++) {
                m[c * k + a] = scale * ((a == c ? 1.0 : 0.0) - 1.0 / k);
            }
        }
        return m;
    }

    @Test
    void collapsedClassesHaveZeroNc1() {
        int k = 4, per = 5, d = 7;
        Random r = new Random(1);
        double[] means = new double[k * d];
        for (int i = 0; i < means.length; i++) {
            means[i] = r.nextGaussian();
        }
        double[] x = new double[k * per * d];
        int[] labels = new int[k * per];
        for (int i = 0; i < k * per; i++) {
            labels[i] = i % k;
            System.arraycopy(means, labels[i] * d, x, i * d, d);
        }
        assertEquals(0.0, NeuralCollapse.nc1(new Matrix(x, k * per, d), labels, k), 1e-12);
    }

    @Test
    void simplexEtfMeansHaveZeroNc2AndScatterGivesPositiveNc1() {
        int k = 5, per = 20, d = k;
        double[] means = etfMeans(k, 3.0);
        Random r = new Random(2);
        double[] x = new double[k * per * d];
        int[] labels = new int[k * per];
        for (int c = 0; c < k; c++) {
            // symmetric noise (pairs +-e) so the class means stay exactly on the ETF
            for (int j = 0; j < per; j += 2) {
                int i = c * per + j;
                labels[i] = c;
                labels[i + 1] = c;
                for (int a = 0; a < d; a++) {
                    double e = 0.5 * r.nextGaussian();
                    x[i * d + a] = means[c * d + a] + e;
                    x[(i + 1) * d + a] = means[c * d + a] - e;
                }
            }
        }
        NeuralCollapse.Measures m = NeuralCollapse.measure(new Matrix(x, k * per, d), labels, k);
        assertEquals(0.0, m.nc2(), 1e-20 + 1e-12);
        assertTrue(m.nc1() > 0.01, "scattered classes must have NC1 > 0, got " + m.nc1());
        // NC2 of means in general position (not an ETF) is positive
        double[] y = x.clone();
        for (int i = 0; i < per; i++) {
            y[i * d] += 4.0; // shift class 0 along one axis
        }
        assertTrue(NeuralCollapse.nc2(new Matrix(y, k * per, d), labels, k) > 1e-3);
    }

    @Test
    void nc1MatchesItsDefinitionOnASmallExample() {
        // two classes in 1-d: class 0 at {-1, -3} (mean -2, var 1), class 1 at {1, 5} (mean 3, var 4)
        double[] x = {-1, -3, 1, 5};
        int[] labels = {0, 0, 1, 1};
        // tr W = (1 + 4) / 2 = 2.5; mu_G = 0.5; tr B = ((2.5)^2 + (2.5)^2) / 2 = 6.25
        assertEquals(2.5 / 6.25, NeuralCollapse.nc1(new Matrix(x, 4, 1), labels, 2), 1e-12);
        // two centred means are antipodal: already the K = 2 simplex ETF
        assertEquals(0.0, NeuralCollapse.nc2(new Matrix(x, 4, 1), labels, 2), 1e-12);
    }

    @Test
    void refusesEmptyClassesAndBadLabels() {
        double[] x = {0, 1, 2};
        assertThrows(RfmException.class, () -> NeuralCollapse.nc1(new Matrix(x, 3, 1), new int[] {0, 0, 0}, 2));
        assertThrows(RfmException.class, () -> NeuralCollapse.nc1(new Matrix(x, 3, 1), new int[] {0, 1, 2}, 2));
    }
}
