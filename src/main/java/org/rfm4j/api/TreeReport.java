// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.util.List;
import java.util.Map;

import org.rfm4j.tree.LeafRecord;

/**
 * What a tree fit did, beside {@link FitReport}: its shape, every leaf's fit, and the routing kept.
 *
 * @param leafSize      rows above which a node was split
 * @param workers       leaves fitted at once
 * @param depth         the deepest leaf's depth (0: a single leaf)
 * @param leaves        every leaf's fit, by leaf index
 * @param routing       "hard" or "soft t=..."
 * @param routingScores the validation tuning score of every routing tried (empty without validation)
 * @param validation    the whole tree's validation metrics with the routing kept (empty without validation)
 */
public record TreeReport(int leafSize, int workers, int depth, List<LeafRecord> leaves, String routing,
                         Map<String, Double> routingScores, Map<String, Double> validation) {
}
