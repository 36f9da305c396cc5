// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

/** What a data set asks for, and how its test score is read. */
public enum Task {
    /** Class labels; scored by accuracy (higher is better). */
    CLASSIFICATION("accuracy", true),
    /** One numeric target; scored by RMSE (lower is better). */
    REGRESSION("rmse", false);

    private final String metric;
    private final boolean higherIsBetter;

    Task(String metric, boolean higherIsBetter) {
        this.metric = metric;
        this.higherIsBetter = higherIsBetter;
    }

    /** The score's name: "accuracy" or "rmse". */
    public String metric() {
        return metric;
    }

    /** Whether a larger score is better. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether {@code a} is strictly better than {@code b} (NaN is never better; anything beats NaN). */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return higherIsBetter ? a > b : a < b;
    }
}
