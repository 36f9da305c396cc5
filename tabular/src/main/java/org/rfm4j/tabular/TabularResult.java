// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.util.List;
import java.util.Map;

/**
 * Everything a run measured.
 *
 * @param settings the run's settings
 * @param dataSets each data set as used (after the row cap)
 * @param folds    one record per data set, model and fold
 * @param grids    each model's grid, in words
 * @param seconds  wall-clock seconds of the whole run
 */
public record TabularResult(TabularSettings settings, List<DataSetInfo> dataSets, List<FoldRecord> folds,
                            Map<String, String> grids, double seconds) {

    /**
     * A data set as the run used it.
     *
     * @param name     its name
     * @param task     classification or regression
     * @param n        rows (after the cap)
     * @param d        features
     * @param classes  classes (0 for regression)
     * @param source   where it came from
     * @param licence  its licence
     */
    public record DataSetInfo(String name, Task task, int n, int d, int classes, String source, String licence) {
    }

    /**
     * One model on one fold.
     *
     * @param dataSet    data set name
     * @param model      model name
     * @param fold       fold index
     * @param test       test score (accuracy or RMSE)
     * @param validation the chosen candidate's validation score
     * @param chosen     the chosen hyperparameters
     * @param seconds    seconds for the grid search and the test prediction
     * @param fits       candidates fitted
     */
    public record FoldRecord(String dataSet, String model, int fold, double test, double validation,
                             Map<String, Object> chosen, double seconds, int fits) {
    }

    /** The records of one data set and model, by fold. */
    public List<FoldRecord> of(String dataSet, String model) {
        return folds.stream().filter(r -> r.dataSet().equals(dataSet) && r.model().equals(model)).toList();
    }
}
