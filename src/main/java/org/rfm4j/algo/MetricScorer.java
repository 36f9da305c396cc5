// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.data.Matrix;

/**
 * Scores predictions against validation targets with named metrics ({@link Metrics}); the tuning
 * metric picks the best iteration (and, for a tree, the routing). One per validation set.
 */
public final class MetricScorer implements ValidationScorer {
    private final List<String> metrics;
    private final String tuning;
    private final Matrix targets;

    /** @param metrics recorded per iteration; @param tuning the selecting metric (recorded too); @param targets rows x c */
    public MetricScorer(List<String> metrics, String tuning, Matrix targets) {
        this.metrics = List.copyOf(metrics);
        this.tuning = tuning;
        this.targets = targets;
    }

    /** The same metrics against other targets (a subset of the validation rows). */
    public MetricScorer on(Matrix otherTargets) {
        return new MetricScorer(metrics, tuning, otherTargets);
    }

    @Override
    public Map<String, Double> score(double[] predictions, int rows) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String m : metrics) {
            out.put(m, Metrics.compute(m, predictions, targets.data(), rows, targets.cols()));
        }
        if (!out.containsKey(tuning)) {
            out.put(tuning, Metrics.compute(tuning, predictions, targets.data(), rows, targets.cols()));
        }
        return out;
    }

    @Override
    public String tuningMetric() {
        return tuning;
    }

    @Override
    public boolean higherIsBetter() {
        return Metrics.higherIsBetter(tuning);
    }
}
