// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.tree.LeafRecord;

/** What a leaf task sends back: the fitted leaf as model-file bytes, and its record. */
final class LeafOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    final byte[] model;
    final int rows;
    final int validationRows;
    final int bestIteration;
    final int iterations;
    final LinkedHashMap<String, Double> validation;
    final double seconds;
    final String[] notes;
    final String executor;

    LeafOutcome(byte[] model, LeafRecord r, String executor) {
        this.model = model;
        this.rows = r.rows();
        this.validationRows = r.validationRows();
        this.bestIteration = r.bestIteration();
        this.iterations = r.iterations();
        this.validation = new LinkedHashMap<>(r.validation());
        this.seconds = r.seconds();
        this.notes = r.notes().toArray(new String[0]);
        this.executor = executor;
    }

    /** The leaf's record, numbered {@code index} in the whole tree. */
    LeafRecord record(int index) {
        return new LeafRecord(index, rows, validationRows, bestIteration, iterations, Map.copyOf(validation), seconds,
                List.of(notes));
    }
}
