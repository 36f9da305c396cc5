// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tree;

import java.util.List;
import java.util.Map;

/**
 * What a tree fit produced.
 *
 * @param tree          the fitted tree, with the routing kept
 * @param leafSize      the leaf size used
 * @param workers       leaves fitted at once
 * @param depth         the deepest leaf's depth (0: one leaf)
 * @param leaves        every leaf's record, by leaf index
 * @param routing       "hard", or "soft" with the temperature in {@link RfmTree#temperature()}
 * @param routingScores validation tuning score per routing tried ("hard", "soft t=0.1", ...); empty without validation
 * @param validation    all validation metrics of the kept routing (empty without validation)
 * @param notes         what the user should know
 * @param seconds       the whole fit
 */
public record TreeFit(RfmTree tree, int leafSize, int workers, int depth, List<LeafRecord> leaves, String routing,
                      Map<String, Double> routingScores, Map<String, Double> validation, List<String> notes,
                      double seconds) {
}
