// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.util.List;

import org.rfm4j.algo.LabelEncoder;
import org.rfm4j.data.Matrix;

/** Points gathered into the matrices of the core library. */
final class Points {
    private Points() {
    }

    static Matrix features(List<SparkPoint> points) {
        int d = points.get(0).x.length;
        double[] a = new double[points.size() * d];
        for (int i = 0; i < points.size(); i++) {
            System.arraycopy(points.get(i).x, 0, a, i * d, d);
        }
        return new Matrix(a, points.size(), d);
    }

    /** Regression targets (classes null), or the one-hot encoding of the labels over {@code classes}. */
    static Matrix targets(List<SparkPoint> points, String[] classes, int c) {
        if (classes != null) {
            String[] labels = new String[points.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = points.get(i).label;
            }
            return new Matrix(new LabelEncoder(classes).encode(labels), labels.length, c);
        }
        double[] a = new double[points.size() * c];
        for (int i = 0; i < points.size(); i++) {
            System.arraycopy(points.get(i).y, 0, a, i * c, c);
        }
        return new Matrix(a, points.size(), c);
    }
}
