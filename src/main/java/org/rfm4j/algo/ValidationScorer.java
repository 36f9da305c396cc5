// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import java.util.Map;

/**
 * Scores predictions on the validation set. The tuning metric picks the best iteration and drives
 * early stopping; all returned metrics are recorded.
 */
public interface ValidationScorer {
    /** All metrics of predictions (rows x c, row-major) against the validation targets. */
    Map<String, Double> score(double[] predictions, int rows);

    /** The metric that selects the best iteration. */
    String tuningMetric();

    /** True for accuracy-like metrics (bigger is better). */
    boolean higherIsBetter();
}
