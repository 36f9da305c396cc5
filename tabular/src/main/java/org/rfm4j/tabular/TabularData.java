// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

/**
 * One data set in memory: n rows of d features (row-major) and either class labels (classification) or
 * one numeric target per row (regression), with where it came from.
 *
 * @param name    short name used in reports ("iris", "Glass", "fashion-1000")
 * @param task    classification or regression
 * @param x       n x d features, row-major
 * @param n       rows
 * @param d       features
 * @param labels  class label per row (classification), else null
 * @param y       target per row (regression), else null
 * @param source  the package and file it came from
 * @param licence its licence or terms of use
 */
public record TabularData(String name, Task task, double[] x, int n, int d, String[] labels, double[] y,
                          String source, String licence) {

    /** Number of distinct labels (0 for regression). */
    public int classes() {
        return labels == null ? 0 : (int) java.util.Arrays.stream(labels).distinct().count();
    }

    /** Rows {@code index}, in that order. */
    public TabularData rows(int[] index) {
        double[] xs = new double[index.length * d];
        String[] ls = labels == null ? null : new String[index.length];
        double[] ys = y == null ? null : new double[index.length];
        for (int i = 0; i < index.length; i++) {
            System.arraycopy(x, index[i] * d, xs, i * d, d);
            if (ls != null) {
                ls[i] = labels[index[i]];
            }
            if (ys != null) {
                ys[i] = y[index[i]];
            }
        }
        return new TabularData(name, task, xs, index.length, d, ls, ys, source, licence);
    }
}
