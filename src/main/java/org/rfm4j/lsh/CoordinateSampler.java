// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

import java.util.SplittableRandom;

/**
 * Draws split coordinates for tree nodes. Implementations are thread-safe: one sampler serves all trees
 * of a forest, each tree drawing with its own random generator.
 */
interface CoordinateSampler {

    /** The coordinate distribution of the node holding {@code members} (sorted row indices, not modified). */
    NodeDistribution forNode(int[] members);

    /** Number of node games solved (0 for samplers without games). */
    default long gamesSolved() {
        return 0;
    }

    /** A node's distribution over coordinates. */
    interface NodeDistribution {
        /** Draws one coordinate. */
        int draw(SplittableRandom rng);
    }

    static CoordinateSampler of(SplitRule rule, BitMatrix data, ForestParams params) {
        return switch (rule) {
            case UNIFORM -> members -> rng -> rng.nextInt(data.cols());
            case LEARNED -> new LearnedSampler(data, params);
        };
    }
}
