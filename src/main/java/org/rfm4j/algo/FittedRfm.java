// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * A fitted RFM as prediction and its users see it: one kernel machine ({@link SingleRfm}) or a tree
 * of them ({@code org.rfm4j.tree.RfmTree}). Immutable.
 */
public interface FittedRfm {
    /** Input features d. */
    int d();

    /** Raw output columns c. */
    int c();

    /** Training rows kept as kernel centres (for a tree: over all leaves). */
    int trainingRows();

    /** Whether M is diagonal (a vector of d entries). */
    boolean diagonal();

    /**
     * The learned feature matrix M: d x d row-major, or its diagonal (length d); for a tree, the mean of
     * the leaves' M weighted by their training rows.
     */
    double[] featureMatrix();

    /** The kernel of the kept iteration (for a tree: the first leaf's; leaves differ at most in an adaptive bandwidth). */
    Kernel kernel();

    /** A predictor on {@code be} that computes in {@code precision}; the caller closes it. */
    RawPredictor open(ComputeBackend be, Precision precision);
}
