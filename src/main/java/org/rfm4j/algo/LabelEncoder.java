// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Class labels to regression targets: two classes become one column {0, 1} (the second class is 1),
 * more become one-hot columns. Classes are sorted numerically when every label is a number, else
 * lexicographically, so the encoding does not depend on row order.
 */
public final class LabelEncoder {
    private final String[] classes;
    private final Map<String, Integer> index = new HashMap<>();

    public LabelEncoder(String[] classes) {
        this.classes = classes.clone();
        for (int i = 0; i < classes.length; i++) {
            index.put(classes[i], i);
        }
    }

    /** Learns the classes of the labels; fails when there are fewer than two. */
    public static LabelEncoder fit(String[] labels) {
        if (labels.length == 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, "no labels: the training set is empty");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) {
                throw new RfmException(ErrorCode.INVALID_DATA, "row " + i + " has no label: every row needs a class");
            }
        }
        TreeSet<String> set = new TreeSet<>(Arrays.asList(labels));
        String[] classes = set.toArray(new String[0]);
        if (classes.length < 2) {
            throw new RfmException(ErrorCode.INVALID_DATA, "only one class ('" + classes[0]
                    + "') in the training labels: classification needs at least two classes");
        }
        if (Arrays.stream(classes).allMatch(LabelEncoder::isNumber)) {
            Arrays.sort(classes, (a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        }
        return new LabelEncoder(classes);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public String[] classes() {
        return classes.clone();
    }

    public int classCount() {
        return classes.length;
    }

    /** Target columns: 1 for two classes, else the class count. */
    public int targetColumns() {
        return classes.length == 2 ? 1 : classes.length;
    }

    /** The targets (rows x targetColumns) of these labels; an unseen label is an error. */
    public double[] encode(String[] labels) {
        return encode(labels, "labels");
    }

    /**
     * The targets of {@code labels} ("validation labels", "test labels", ... in messages). Labels that no
     * training row has fail with one line: how many rows, the first few such labels, never the list of
     * every class (a random split of a many-class set can leave a rare class out of training).
     */
    public double[] encode(String[] labels, String what) {
        int c = targetColumns();
        double[] y = new double[labels.length * c];
        java.util.Set<String> unseen = new java.util.LinkedHashSet<>();
        int unseenRows = 0, firstRow = -1;
        for (int i = 0; i < labels.length; i++) {
            if (!index.containsKey(labels[i])) {
                unseen.add(labels[i]);
                unseenRows++;
                firstRow = firstRow < 0 ? i : firstRow;
            }
        }
        if (unseenRows > 0) {
            List<String> shown = unseen.stream().limit(3).map(l -> "'" + l + "'").toList();
            throw new RfmException(ErrorCode.INVALID_DATA, "the " + what + " have " + unseen.size() + " class(es) that no "
                    + "training row has (" + String.join(", ", shown) + (unseen.size() > 3 ? ", ..." : "") + "; "
                    + unseenRows + " row(s), the first at row " + firstRow + "), among " + classes.length
                    + " training classes: every class needs training rows (split by class, or drop the rare classes)");
        }
        for (int i = 0; i < labels.length; i++) {
            Integer k = index.get(labels[i]);
            if (c == 1) {
                y[i] = k;
            } else {
                y[i * c + k] = 1;
            }
        }
        return y;
    }

    /** Class index per row of raw predictions (rows x targetColumns). */
    public int[] decodeIndex(double[] pred, int rows) {
        return Metrics.predictedClass(pred, rows, targetColumns());
    }

    public String[] decode(double[] pred, int rows) {
        int[] k = decodeIndex(pred, rows);
        String[] out = new String[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = classes[k[i]];
        }
        return out;
    }
}
