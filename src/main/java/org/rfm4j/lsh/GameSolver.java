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
        double[] pibar = game.multiplicativeWeights(flips, rounds, Math.log(1.0 / beta));
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
