// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GameSolverTest {

    /** m points; coordinates in {@code balanced} alternate 0/1 over the points, the others are constant. */
    private static BitMatrix node(int m, int d, int... balanced) {
        boolean[][] rows = new boolean[m][d];
        for (int p = 0; p < m; p++) {
            for (int i = 0; i < d; i++) {
                rows[p][i] = i % 3 == 0; // constants: some all-ones, most all-zeros
            }
            for (int k = 0; k < balanced.length; k++) {
                rows[p][balanced[k]] = ((p >> k) & 1) == 1;
            }
        }
        return BitMatrix.of(rows);
    }

    private static int[] all(int m) {
        int[] a = new int[m];
        for (int i = 0; i < m; i++) {
            a[i] = i;
        }
        return a;
    }

    @Test
    void withoutFlipsAllWeightGoesToTheBalancedCoordinate() {
        BitMatrix data = node(16, 20, 5);
        GameSolver.Solution s = GameSolver.solve(new NodeGame(data, all(16), 1.0), 0, 1500, 0.68);
        assertTrue(s.pi()[5] > 0.95, "pi on the balanced coordinate: " + s.pi()[5]);
        assertEquals(1.0, sum(s.pi()), 1e-9);
        assertEquals(1.0 / 8, s.value(), 0.01, "game value ~ w = 8^-1 on the balanced coordinate");
    }

    @Test
    void withFlipsWeightSpreadsOverTheInformativeCoordinates() {
        int[] informative = {2, 7, 11, 17};
        BitMatrix data = node(16, 24, informative);
        GameSolver.Solution s = GameSolver.solve(new NodeGame(data, all(16), 1.0), 1, 1500, 0.68);
        double on = 0;
        double minOn = 1;
        for (int i : informative) {
            on += s.pi()[i];
            minOn = Math.min(minOn, s.pi()[i]);
        }
        assertTrue(on > 0.9, "mass on the 4 informative coordinates: " + on);
        for (int i = 0; i < 24; i++) {
            final int c = i;
            if (java.util.Arrays.stream(informative).noneMatch(x -> x == c)) {
                assertTrue(s.pi()[i] < minOn, "constant coordinate " + i + " outweighs an informative one");
            }
        }
    }

    @Test
    void aLoneInformativeCoordinateAgainstOneFlipIsEqualised() {
        // r = 1 >= the single informative coordinate: the adversary flips the largest pi_i w_i, so the
        // equilibrium equalises pi_i w_i over all coordinates (pi_informative = pi_constant / 2 here)
        BitMatrix data = node(16, 10, 4);
        NodeGame g = new NodeGame(data, all(16), 1.0);
        GameSolver.Solution s = GameSolver.solve(g, 1, 3000, 0.68);
        // optimum: pi_i w_i = c for all i, 8c + 9 * 16c = 1, value = 10c - c = 9/152
        assertTrue(s.value() >= 0.95 * 9.0 / 152, "game value " + s.value() + " vs optimum " + 9.0 / 152);
        double ref = s.pi()[4] * g.weight(4, false);
        for (int i = 0; i < 10; i++) {
            double v = s.pi()[i] * g.weight(i, g.bit(0, i));
            assertEquals(ref, v, 0.25 * ref, "pi_i w_i of coordinate " + i);
            if (i != 4) {
                assertTrue(s.pi()[i] > s.pi()[4], "the always-flipped informative coordinate should get less");
            }
        }
    }

    @Test
    void splittingCoordinateGameKeepsOnlyCoordinatesThatSplit() {
        BitMatrix data = node(16, 20, 3, 9);
        NodeGame g = NodeGame.overSplittingCoordinates(data, all(16), 1.0);
        assertEquals(2, g.dims());
        assertEquals(3, g.coordinate(0));
        assertEquals(9, g.coordinate(1));
    }

    @Test
    void bestResponseMatchesBruteForce() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int m = 3 + rng.nextInt(12);
            int d = 2 + rng.nextInt(7);
            int r = rng.nextInt(Math.min(3, d) + 1);
            boolean[][] rows = new boolean[m][d];
            for (boolean[] row : rows) {
                for (int i = 0; i < d; i++) {
                    row[i] = rng.nextDouble() < 0.3;
                }
            }
            BitMatrix data = BitMatrix.of(rows);
            double[] pi = new double[d];
            for (int i = 0; i < d; i++) {
                pi[i] = rng.nextDouble();
            }
            double z = sum(pi);
            for (int i = 0; i < d; i++) {
                pi[i] /= z;
            }
            NodeGame g = new NodeGame(data, all(m), 0.7);
            double brute = Double.POSITIVE_INFINITY;
            for (int p = 0; p < m; p++) {
                for (int mask = 0; mask < 1 << d; mask++) {
                    if (Integer.bitCount(mask) != r) {
                        continue;
                    }
                    double a = 0;
                    for (int i = 0; i < d; i++) {
                        if ((mask >> i & 1) == 0) {
                            a += pi[i] * g.weight(i, rows[p][i]);
                        }
                    }
                    brute = Math.min(brute, a);
                }
            }
            NodeGame.Response br = g.bestResponse(pi, r);
            assertEquals(brute, br.payoff(), 1e-6, "trial " + trial);
            assertEquals(r, br.flipped().length);
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
