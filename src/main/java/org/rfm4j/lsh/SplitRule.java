// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

/** How a tree node draws its split coordinate. */
public enum SplitRule {
    /** From the distribution pibar that solves the node's zero-sum game ({@link GameSolver}). */
    LEARNED,
    /** Uniformly over all d coordinates: the data-independent bit-sampling baseline. */
    UNIFORM;

    /** Lower-case name, as used in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
