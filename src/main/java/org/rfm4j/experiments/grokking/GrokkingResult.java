// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import java.util.List;

/**
 * The outcome of a grokking run: per-iteration metrics and the feature matrices M_0 .. M_T
 * (2p x 2p, row-major; M_0 = I), with the sizes and the backend that computed them.
 */
public record GrokkingResult(GrokkingConfig config, String normalisation, int trainSize, int testSize,
                             List<IterationMetrics> iterations, List<double[]> featureMatrices,
                             String backend, String backendDescription, double seconds, int lstsqFallbacks) {

    /** The first iteration whose test accuracy reaches {@code level}, or -1. */
    public int firstReaching(double level) {
        for (IterationMetrics m : iterations) {
            if (m.testAccuracy() >= level) {
                return m.iter();
            }
        }
        return -1;
    }

    public IterationMetrics last() {
        return iterations.get(iterations.size() - 1);
    }
}
