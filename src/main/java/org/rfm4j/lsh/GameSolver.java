// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

/**
 * Solves a node's zero-sum game ({@link NodeGame}) by T rounds of multiplicative weights for the splitter
 * against the adversary's best response.
 *
 * <p>Round t: {@code pi_t = u_t / sum(u_t)}; the adversary answers with its best response (p_t, F_t);
 * the gain of coordinate i is {@code g_i = w_(i, p_t,i)} if i is not in F_t, else 0; the weights become
 * <pre>
 *   u_(t+1),i = u_t,i * beta^(1 - g_i / g_max),   g_max = max_i g_i,
 * </pre>
 * (Freund and Schapire's rule with the loss {@code 1 - g_i / g_max} in [0, 1]; scaling by the round's
 * largest gain keeps the step size meaningful when the weights, about 2/m, are far below 1). The weights
 * are renormalised every round (weights below 1e-250 are set to 0, keeping subnormals out). The
 * output is the average strategy
 * <pre>
 *   pibar = (1/T) sum_t pi_t,
 * </pre>
 * whose worst-case payoff approaches the value of the game as T grows. Deterministic: no randomness.
 */
public final class GameSolver {
    private GameSolver() {
    }

    /**
     * Runs T rounds of multiplicative weights on {@code game}.
     *
     * @param game   the node's game; its scratch buffers are used
     * @param flips  r, the adversary's number of flipped bits
     * @param rounds T, at least 1
     * @param beta   the factor in (0, 1); smaller moves faster
     * @return pibar and its worst-case payoff {@code min_(p,F) A(pibar; p, F)}
     */
    public static Solution solve(NodeGame game, int flips, int rounds, double beta) {
        if (rounds < 1 || !(beta > 0 && beta < 1)) {
            throw new IllegalArgumentException("need rounds >= 1 and beta in (0, 1), got " + rounds + ", " + beta);
        }
        int d = game.dims();
        int m = game.size();
        double step = Math.log(1.0 / beta);
        double[] pi = new double[d];
        java.util.Arrays.fill(pi, 1.0 / d);
        double[] pibar = new double[d];
        double[] factorByCount = new double[m + 1];
        boolean[] flipped = new boolean[d];
        for (int t = 0; t < rounds; t++) {
            for (int i = 0; i < d; i++) {
                pibar[i] += pi[i];
            }
            NodeGame.Response br = game.bestResponse(pi, flips);
            java.util.Arrays.fill(flipped, false);
            for (int i : br.flipped()) {
                flipped[i] = true;
            }
            // g_i = w_(i,p_i) = n_(i,p_i)^-rho unless flipped, else 0
            double gmax = 0;
            for (int i = 0; i < d; i++) {
                if (!flipped[i]) {
                    gmax = Math.max(gmax, game.weight(i, game.bit(br.point(), i)));
                }
            }
            if (gmax <= 0) {
                continue; // every coordinate flipped: no information this round
            }
            // u_i <- u_i * beta^(-g_i / g_max) (the common factor beta^1 cancels in the normalisation);
            // the factor depends on i only through n_(i,p_i), so it is computed once per count
            java.util.Arrays.fill(factorByCount, 0.0);
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
                pi[i] = v < 1e-250 ? 0.0 : v; // no subnormals: such a weight never matters again
            }
        }
        for (int i = 0; i < d; i++) {
            pibar[i] /= rounds;
        }
        double value = game.bestResponse(pibar, flips).payoff();
        return new Solution(pibar, value);
    }

    /**
     * The solved game.
     *
     * @param pi    the average strategy pibar, a distribution over the coordinates
     * @param value its worst-case payoff {@code min_(p,F) sum_(i not in F) pibar_i w_(i,p_i)}
     */
    public record Solution(double[] pi, double value) {
    }
}
