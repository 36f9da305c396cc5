// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The solver's fast rounds ({@link NodeGame#multiplicativeWeights}) against the reference loop they
 * replaced (T rounds of {@link NodeGame#bestResponse} and the plain multiplicative-weights update, kept
 * here verbatim): the average strategies must agree bit for bit.
 */
class GameSolverFastPathTest {

    /** The multiplicative-weights loop of GameSolver before the fast path, returning pibar. */
    static double[] referencePibar(NodeGame game, int flips, int rounds, double beta) {
        int d = game.dims();
        int m = game.size();
        double step = Math.log(1.0 / beta);
        double[] pi = new double[d];
        Arrays.fill(pi, 1.0 / d);
        double[] pibar = new double[d];
        double[] factorByCount = new double[m + 1];
        boolean[] flipped = new boolean[d];
        for (int t = 0; t < rounds; t++) {
            for (int i = 0; i < d; i++) {
                pibar[i] += pi[i];
            }
            NodeGame.Response br = game.bestResponse(pi, flips);
            Arrays.fill(flipped, false);
            for (int i : br.flipped()) {
                flipped[i] = true;
            }
            double gmax = 0;
            for (int i = 0; i < d; i++) {
                if (!flipped[i]) {
                    gmax = Math.max(gmax, game.weight(i, game.bit(br.point(), i)));
                }
            }
            if (gmax <= 0) {
                continue;
            }
            Arrays.fill(factorByCount, 0.0);
            double sum = 0;
            for (int i = 0; i < d; i++) {
                double f = 1.0;
                if (!flipped[i]) {
                    int c = game.count(i, game.bit(br.point(), i));
                    f = factorByCount[c];
                    if (f == 0.0) {
                        f = Math.exp(step * game.weight(i, game.bit(br.point(), i)) / gmax);
                        factorByCount[c] = f;
                    }
                }
                pi[i] *= f;
                sum += pi[i];
            }
            for (int i = 0; i < d; i++) {
                double v = pi[i] / sum;
                pi[i] = v < 1e-250 ? 0.0 : v;
            }
        }
        for (int i = 0; i < d; i++) {
            pibar[i] /= rounds;
        }
        return pibar;
    }

    private static BitMatrix random(SplittableRandom rng, int n, int d, double density) {
        boolean[][] rows = new boolean[n][d];
        for (boolean[] row : rows) {
            // image-like: a per-row density, runs of equal bits
            double p = density * (0.5 + rng.nextDouble());
            boolean prev = false;
            for (int i = 0; i < d; i++) {
                row[i] = rng.nextDouble() < 0.6 ? prev : rng.nextDouble() < p;
                prev = row[i];
            }
        }
        return BitMatrix.of(rows);
    }

    private static int[] subset(SplittableRandom rng, int n, int m) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int x = all[i];
            all[i] = all[k];
            all[k] = x;
        }
        int[] s = Arrays.copyOf(all, m);
        Arrays.sort(s);
        return s;
    }

    @Test
    void fastRoundsMatchTheReferenceBitForBit() {
        SplittableRandom rng = new SplittableRandom(11);
        int[][] shapes = {{6, 20}, {9, 70}, {17, 130}, {40, 200}, {130, 150}, {300, 90}};
        int[] flipsTried = {0, 1, 3, 10, 25};
        int cases = 0;
        for (int[] shape : shapes) {
            int n = shape[0] + 20;
            int d = shape[1];
            BitMatrix data = random(rng, n, d, 0.2 + 0.3 * rng.nextDouble());
            for (int r : flipsTried) {
                int[] members = subset(rng, n, shape[0]);
                double rho = rng.nextBoolean() ? 1.0 : 0.5 + rng.nextDouble();
                for (boolean all : new boolean[] {false, true}) {
                    NodeGame g = all ? new NodeGame(data, members, rho)
                            : NodeGame.overSplittingCoordinates(data, members, rho);
                    if (g == null) {
                        continue;
                    }
                    int rounds = 200 + rng.nextInt(200);
                    double[] ref = referencePibar(g, r, rounds, 0.68);
                    GameSolver.Solution fast = GameSolver.solve(g, r, rounds, 0.68);
                    assertArrayEquals(ref, fast.pi(), 0.0, "m " + shape[0] + ", d " + g.dims() + ", r " + r
                            + ", all " + all);
                    assertEquals(g.bestResponse(ref, r).payoff(), fast.value(), 0.0);
                    cases++;
                }
            }
        }
        assertEquals(60, cases);
    }

    @Test
    void moreFlipsThanCoordinatesLeavesNothingToLearn() {
        SplittableRandom rng = new SplittableRandom(5);
        BitMatrix data = random(rng, 12, 6, 0.4);
        int[] members = subset(rng, 12, 12);
        NodeGame g = new NodeGame(data, members, 1.0);
        for (int r : new int[] {5, 6, 9}) {
            assertArrayEquals(referencePibar(g, r, 100, 0.68), GameSolver.solve(g, r, 100, 0.68).pi(), 0.0);
        }
    }
}
