// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.util.Map;

/**
 * One model family of the benchmark: tunes its small grid on a fold's validation split (each candidate fitted
 * on the training split), then scores the chosen candidate on the test split. Implementations are stateless
 * apart from their settings.
 */
public interface ModelRunner {
    /** Name in the reports ("RFM", "KRR", "XGBoost", "RandomForest"). */
    String name();

    /** The grid this runner searches, in words (for the report). */
    String grid();

    /** Tunes on {@code fold}'s validation split and scores the winner on its test split. */
    Outcome run(TabularData data, FoldData fold);

    /**
     * What one fold gave.
     *
     * @param test       the chosen candidate's test score (accuracy or RMSE)
     * @param validation its validation score
     * @param chosen     the chosen hyperparameters by name
     * @param seconds    wall-clock seconds of the whole grid search and the test prediction
     * @param fits       candidates fitted
     */
    record Outcome(double test, double validation, Map<String, Object> chosen, double seconds, int fits) {
    }
}
