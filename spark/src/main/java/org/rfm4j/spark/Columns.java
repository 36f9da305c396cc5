// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Where the features and targets of a DataFrame are, checked against its schema once on the driver:
 * features from numeric columns (one feature each), or from one column holding arrays of numbers (an
 * ML vector column: convert it with {@code org.apache.spark.ml.functions.vector_to_array}); regression
 * targets from numeric columns; a
 * classification label from one column of any type (its string form is the class).
 */
final class Columns implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] featureIdx;
    private final boolean featureArray;
    private final int[] targetIdx;
    private final boolean classification;
    private final String describe;

    private Columns(int[] featureIdx, boolean featureArray, int[] targetIdx, boolean classification, String describe) {
        this.featureIdx = featureIdx;
        this.featureArray = featureArray;
        this.targetIdx = targetIdx;
        this.classification = classification;
        this.describe = describe;
    }

    /** Resolves the columns in {@code schema}; targets may be empty (prediction). */
    static Columns of(StructType schema, List<String> features, List<String> targets, boolean classification,
                      String what) {
        if (features == null || features.isEmpty()) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "no feature columns given: name the numeric feature "
                    + "columns, or one column of arrays of numbers");
        }
        int[] f = new int[features.size()];
        boolean array = false;
        for (int i = 0; i < f.length; i++) {
            f[i] = index(schema, features.get(i), what);
            DataType t = schema.fields()[f[i]].dataType();
            if (!(t instanceof NumericType)) {
                if (features.size() == 1 && t instanceof ArrayType
                        && ((ArrayType) t).elementType() instanceof NumericType) {
                    array = true;
                } else {
                    throw new RfmException(ErrorCode.INVALID_DATA, what + ": feature column '" + features.get(i) + "' is "
                            + t.simpleString() + ": features are numeric columns, or one column of arrays of numbers "
                            + "(an ML vector column: convert it with vector_to_array)");
                }
            }
        }
        int[] y = new int[targets.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = index(schema, targets.get(i), what);
            DataType t = schema.fields()[y[i]].dataType();
            if (!classification && !(t instanceof NumericType)) {
                throw new RfmException(ErrorCode.INVALID_DATA, what + ": target column '" + targets.get(i) + "' is "
                        + t.simpleString() + ": regression targets are numeric (for classes use RfmSparkTree.classification)");
            }
        }
        if (classification && y.length > 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "classification takes one label column, not " + y.length);
        }
        return new Columns(f, array, y, classification, what);
    }

    private static int index(StructType schema, String name, String what) {
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name().equals(name)) {
                return i;
            }
        }
        throw new RfmException(ErrorCode.INVALID_ARGUMENT, what + " has no column '" + name + "' (columns: "
                + Arrays.toString(schema.fieldNames()) + ")");
    }

    int targetCount() {
        return targetIdx.length;
    }

    /** The row's features; null, NaN or infinite values fail with the row's position. */
    double[] features(Row row, long index) {
        if (!featureArray) {
            double[] x = new double[featureIdx.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = number(row, featureIdx[i], index);
            }
            return x;
        }
        Object v = row.get(featureIdx[0]);
        if (v == null) {
            throw bad(index, "its features are null");
        }
        scala.collection.Seq<?> seq = (scala.collection.Seq<?>) v;
        double[] x = new double[seq.length()];
        for (int i = 0; i < x.length; i++) {
            Object e = seq.apply(i);
            if (!(e instanceof Number)) {
                throw bad(index, "feature " + i + " is " + e);
            }
            x[i] = ((Number) e).doubleValue();
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw bad(index, "feature " + i + " is " + x[i]);
            }
        }
        return x;
    }

    /** The row's regression targets. */
    double[] targets(Row row, long index) {
        double[] y = new double[targetIdx.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = number(row, targetIdx[i], index);
        }
        return y;
    }

    /** The row's class label, as a string. */
    String label(Row row, long index) {
        Object v = row.get(targetIdx[0]);
        if (v == null) {
            throw bad(index, "its label is null");
        }
        return v.toString();
    }

    boolean classification() {
        return classification;
    }

    private double number(Row row, int col, long index) {
        Object v = row.get(col);
        if (!(v instanceof Number)) {
            throw bad(index, "column '" + row.schema().fields()[col].name() + "' is " + v);
        }
        double d = ((Number) v).doubleValue();
        if (!Double.isFinite(d)) {
            throw bad(index, "column '" + row.schema().fields()[col].name() + "' is " + d);
        }
        return d;
    }

    private RfmException bad(long index, String why) {
        return new RfmException(ErrorCode.INVALID_DATA, describe + ", row " + index + ": " + why
                + ": drop or impute such rows before fitting");
    }
}
