// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Draws a node's split coordinate from pibar, the solution of the node's game ({@link GameSolver}).
 *
 * <p>The game depends only on the node's point set, so solutions are memoised by that set and shared by
 * all trees (the root game is solved once per forest, and shallow nodes repeat across trees). Concurrent
 * requests for the same set wait for one solver. The solver is deterministic, so sharing does not change
 * any result.
 */
final class LearnedSampler implements CoordinateSampler {
    private final BitMatrix data;
    private final ForestParams params;
    private final ConcurrentHashMap<NodeKey, FutureTask<double[]>> memo = new ConcurrentHashMap<>();
    private final AtomicLong solved = new AtomicLong();

    LearnedSampler(BitMatrix data, ForestParams params) {
        this.data = data;
        this.params = params;
    }

    @Override
    public NodeDistribution forNode(int[] members) {
        double[] cdf = cumulative(members);
        return rng -> draw(cdf, rng);
    }

    @Override
    public long gamesSolved() {
        return solved.get();
    }

    /** The cumulative sums of pibar for the node, memoised. */
    double[] cumulative(int[] members) {
        NodeKey key = new NodeKey(members);
        FutureTask<double[]> task = new FutureTask<>(() -> solve(members));
        FutureTask<double[]> prior = memo.putIfAbsent(key, task);
        if (prior == null) {
            task.run();
            prior = task;
        }
        try {
            return prior.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a node game", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        }
    }

    private double[] solve(int[] members) {
        NodeGame game = params.allCoordinates() ? new NodeGame(data, members, params.rho())
                : NodeGame.overSplittingCoordinates(data, members, params.rho());
        double[] pi = new double[data.cols()];
        if (game == null) {
            java.util.Arrays.fill(pi, 1.0); // nothing splits: the builder makes a leaf before asking
        } else {
            double[] sol = GameSolver.solve(game, params.flips(), params.rounds(), params.beta()).pi();
            for (int k = 0; k < sol.length; k++) {
                pi[game.coordinate(k)] = sol[k];
            }
        }
        solved.incrementAndGet();
        double[] cdf = new double[pi.length];
        double s = 0;
        for (int i = 0; i < pi.length; i++) {
            s += pi[i];
            cdf[i] = s;
        }
        return cdf;
    }

    /** The first i with {@code cdf[i] > u * cdf[d-1]}, u uniform in [0, 1). */
    static int draw(double[] cdf, SplittableRandom rng) {
        double u = rng.nextDouble() * cdf[cdf.length - 1];
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** A node's point set (sorted indices) as a map key. */
    private static final class NodeKey {
        private final int[] members;
        private final int hash;

        NodeKey(int[] members) {
            this.members = members;
            this.hash = Arrays.hashCode(members);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NodeKey k && k.hash == hash && Arrays.equals(k.members, members);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
