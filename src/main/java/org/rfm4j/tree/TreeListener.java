// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tree;

import java.util.Map;

/** Progress of a tree fit. Calls are serialised (never two at once), though leaves may finish on other threads. */
public interface TreeListener {
    TreeListener NONE = new TreeListener() {
    };

    /** The plan: the solver's leaf size, how many leaves fit at once, and why. */
    default void planned(int leafSize, int workers, String why) {
    }

    /** Node {@code node} (depth {@code depth}, {@code rows} rows) was split into {@code left} and {@code right} rows. */
    default void split(int node, int depth, int rows, int left, int right, double seconds, double elapsedSeconds) {
    }

    /** A leaf is fitted; {@code done} of {@code total} are. */
    default void leafDone(LeafRecord leaf, int done, int total, double elapsedSeconds) {
    }

    /** The routing kept, with the validation score of every routing tried (by name). */
    default void routed(String routing, Map<String, Double> validationScores) {
    }

    /** Something the user should know. */
    default void note(String message) {
    }
}
