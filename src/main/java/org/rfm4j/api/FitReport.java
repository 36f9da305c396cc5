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
 */
public record FitReport(String backend, String backendDescription, String precision, int nTrain, int d, int c,
                        String task, List<IterationRecord> iterations, int bestIteration, List<String> notes,
                        int[] topFeatures, double seconds, Map<String, Double> test, String solver, TreeReport tree) {

    public FitReport withTest(Map<String, Double> testMetrics) {
        return new FitReport(backend, backendDescription, precision, nTrain, d, c, task, iterations, bestIteration,
                notes, topFeatures, seconds,
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(testMetrics)), solver, tree);
    }
}
