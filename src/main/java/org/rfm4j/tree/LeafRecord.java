// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tree;

import java.util.List;
import java.util.Map;

/**
 * What one leaf's fit did.
 *
 * @param leaf           its index
 * @param rows           training rows
 * @param validationRows validation rows routed to it (0: the leaf kept its last iteration)
 * @param bestIteration  the iteration kept
 * @param iterations     iterations run (solves)
 * @param validation     validation metrics of the kept iteration (empty without validation rows)
 * @param seconds        fit time
 * @param notes          the leaf fit's notes
 */
public record LeafRecord(int leaf, int rows, int validationRows, int bestIteration, int iterations,
                         Map<String, Double> validation, double seconds, List<String> notes) {
}
