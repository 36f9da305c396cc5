// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

/**
 * Nearest-neighbour search in Hamming space with LSH forests, after "Learning to hash robustly,
 * guaranteed" (Andoni and Beaglehole): a forest of hash trees over packed bit vectors whose split
 * coordinate at each node is drawn either from a distribution learned by solving a zero-sum game
 * ({@link org.rfm4j.lsh.GameSolver}, {@link org.rfm4j.lsh.NodeGame}) or uniformly (the data-independent
 * baseline). A query walks every tree to a bucket; the union of the buckets is ranked by exact Hamming
 * distance ({@link org.rfm4j.lsh.LshForest}).
 *
 * <p>Entry points: {@link org.rfm4j.lsh.LshForest#fit}, {@link org.rfm4j.lsh.ForestParams},
 * {@link org.rfm4j.lsh.LshEvaluation}; the experiment lives in {@code org.rfm4j.experiments.lsh}.
 */
package org.rfm4j.lsh;
