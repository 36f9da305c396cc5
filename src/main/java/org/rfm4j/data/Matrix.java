// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.data;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * A row-major matrix on the host: {@code data[i * cols + j]} is row i, column j. The shape travels
 * with the values, so no internal path passes a loose (double[], rows, cols) triple. The array is
 * shared, not copied: treat it as read-only. The constructor checks only the shape; values are
 * checked where data enters ({@link DataChecks#requireFinite}).
 *
 * @param data the values, rows x cols row-major
 * @param rows number of rows
 * @param cols number of columns
 */
public record Matrix(double[] data, int rows, int cols) {

    /** Checks that {@code data} is non-null and holds rows x cols values; a bad shape is an {@link RfmException}. */
    public Matrix {
        DataChecks.requireShape(data, rows, cols, "a matrix");
    }

    /** A rows x cols matrix of zeros. */
    public static Matrix zeros(int rows, int cols) {
        DataChecks.requireSize(rows, cols, "a matrix");
        return new Matrix(new double[rows * cols], rows, cols);
    }

    /**
     * The rows of a rectangular double[][] as one matrix; refuses null, empty and ragged input,
     * naming {@code what} and the first bad row.
     */
    public static Matrix ofRows(double[][] rows, String what) {
        if (rows == null || rows.length == 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " is empty: give at least one row");
        }
        int cols = rows[0] == null ? 0 : rows[0].length;
        if (cols == 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " has no columns: give at least one feature");
        }
        DataChecks.requireSize(rows.length, cols, what);
        double[] out = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != cols) {
                throw new RfmException(ErrorCode.INVALID_DATA, what + " row " + i + " has "
                        + (rows[i] == null ? 0 : rows[i].length) + " values but row 0 has " + cols
                        + ": rows must have equal length");
            }
            System.arraycopy(rows[i], 0, out, i * cols, cols);
        }
        return new Matrix(out, rows.length, cols);
    }

    /** The rows as a double[][] (copies). */
    public double[][] toRows() {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data, i * cols, out[i], 0, cols);
        }
        return out;
    }

    /** A new matrix of the given rows, in the given order (indices are not checked beyond the array bounds). */
    public Matrix selectRows(int[] rowIndex) {
        double[] out = new double[rowIndex.length * cols];
        for (int r = 0; r < rowIndex.length; r++) {
            System.arraycopy(data, rowIndex[r] * cols, out, r * cols, cols);
        }
        return new Matrix(out, rowIndex.length, cols);
    }

    /** Element (i, j). */
    public double get(int i, int j) {
        return data[i * cols + j];
    }

    @Override
    public String toString() {
        return "Matrix[" + rows + " x " + cols + "]";
    }
}
