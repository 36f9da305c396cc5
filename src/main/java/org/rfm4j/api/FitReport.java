// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.util.List;
import java.util.Map;

import org.rfm4j.algo.IterationRecord;

/**
 * What a fit did: where it ran, the data's shape, every iteration's validation metrics and phase
 * timings, the iteration kept, notes (jitter, early stop, time limit) and the most important features
 * (indices of the largest diagonal entries of the kept M, largest first). {@code test} holds test-set
 * metrics when the caller scored one (see {@link #withTest}). {@code solver} is "direct", "eigenpro" or "tree"; a tree
 * fit has no iterations of its own (each leaf has, in {@code tree}) and reports -1 as its best iteration.
 *
 * @param backend            the backend's name ("cpu", "cuda"; "none" for a loaded model)
 * @param backendDescription the backend's one-line description (a loaded model: the file it came from)
 * @param precision          "float32" or "float64"
 * @param nTrain             training rows n
 * @param d                  input features d
 * @param c                  output columns c
 * @param task               "regression" or "classification"
 * @param iterations         every iteration's record, in order (empty for a tree or a loaded model)
 * @param bestIteration      the iteration kept (-1 for a tree)
 * @param notes              remarks on the fit (jitter, early stop, time limit, the solver chosen)
 * @param topFeatures        feature indices by the diagonal of M, largest first
 * @param seconds            wall-clock time of the fit in seconds (0 for a loaded model)
 * @param test               test-set metrics by name; empty until {@link #withTest}
 * @param solver             "direct", "eigenpro" or "tree"
 * @param tree               the tree fit's report, or null when the solver is not the tree
 */
public record FitReport(String backend, String backendDescription, String precision, int nTrain, int d, int c,
                        String task, List<IterationRecord> iterations, int bestIteration, List<String> notes,
                        int[] topFeatures, double seconds, Map<String, Double> test, String solver, TreeReport tree) {

    /** A copy of this report whose {@code test} is an unmodifiable copy of {@code testMetrics} (name to value). */
    public FitReport withTest(Map<String, Double> testMetrics) {
        return new FitReport(backend, backendDescription, precision, nTrain, d, c, task, iterations, bestIteration,
                notes, topFeatures, seconds,
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(testMetrics)), solver, tree);
    }
}
