// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.io.Serializable;

/**
 * One row on its way through a distributed fit: its position in its data set (the order the
 * single-machine fit sees), whether it is a validation row, its features, and its targets (regression)
 * or label (classification).
 */
final class SparkPoint implements Serializable {
    private static final long serialVersionUID = 1L;

    final long index;
    final boolean validation;
    final double[] x;
    final double[] y;
    final String label;

    SparkPoint(long index, boolean validation, double[] x, double[] y, String label) {
        this.index = index;
        this.validation = validation;
        this.x = x;
        this.y = y;
        this.label = label;
    }
}
