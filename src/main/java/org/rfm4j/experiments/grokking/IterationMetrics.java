// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

/**
 * One iteration of the grokking RFM: the model fitted with M_iter (M_0 = I) and its metrics.
 * {@code alignment} is rho(M_iter, M_final), filled in once the run has ended (NaN before).
 * {@code solver} says how K alpha = Y was solved: "cholesky" or "lstsq" (the fallback).
 */
public record IterationMetrics(int iter, double trainAccuracy, double testAccuracy, double trainMse,
                               double testMse, double circulantDeviation, double alignment, String solver,
                               double seconds) {

    IterationMetrics withAlignment(double a) {
        return new IterationMetrics(iter, trainAccuracy, testAccuracy, trainMse, testMse, circulantDeviation, a,
                solver, seconds);
    }
}
