// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.io.Serializable;
import java.util.List;

/** What a subtree task sends back: the splits it planned below its part of the tree, and its leaves. */
final class SubtreeOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    final int part;
    final Router splits;
    final List<LeafOutcome> leaves;
    final List<String> notes;

    SubtreeOutcome(int part, Router splits, List<LeafOutcome> leaves, List<String> notes) {
        this.part = part;
        this.splits = splits;
        this.leaves = List.copyOf(leaves);
        this.notes = List.copyOf(notes);
    }
}
