// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.data;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Validators used by every public entry point. Each throws {@link RfmException} with
 * {@link ErrorCode#INVALID_DATA} (or {@link ErrorCode#OUT_OF_MEMORY} for sizes Java arrays cannot
 * hold) and a message that says what is wrong and what to do. Row and column numbers are 0-based.
 */
public final class DataChecks {
    /** The largest number of elements a Java array can safely hold. */
    public static final long MAX_ARRAY_ELEMENTS = Integer.MAX_VALUE - 8L;

    private DataChecks() {
    }

    /**
     * The one check of data entering rfm4j (estimators, Deep RFM, readers): m has at least one row and
     * one column and every entry is finite; names the first bad row, column and value, and what to do.
     */
    public static void requireFinite(Matrix m, String what) {
        if (m == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " is missing (null): pass a matrix");
        }
        if (m.rows() <= 0 || m.cols() <= 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " is empty (" + m.rows() + " x " + m.cols()
                    + "): give at least one row and one column");
        }
        double[] x = m.data();
        int d = m.cols();
        for (int k = 0; k < x.length; k++) {
            double v = x[k];
            if (!Double.isFinite(v)) {
                String kind = Double.isNaN(v) ? "NaN" : (v > 0 ? "+Infinity" : "-Infinity");
                throw new RfmException(ErrorCode.INVALID_DATA, what + " row " + (k / d) + ", column " + (k % d)
                        + " is " + kind + ": remove or impute missing and infinite values before fitting");
            }
        }
    }

    /** a is non-null and holds exactly rows*cols values. */
    public static void requireShape(double[] a, int rows, int cols, String what) {
        requireSize(rows, cols, what);
        if (a == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " is missing (null): pass an array of "
                    + rows + " x " + cols + " values");
        }
        if (a.length != (long) rows * cols) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " holds " + a.length + " values but its shape "
                    + rows + " x " + cols + " needs " + ((long) rows * cols) + ": check the row and column counts");
        }
    }

    /** rows x cols is a shape one Java array can hold. */
    public static void requireSize(int rows, int cols, String what) {
        if (rows < 0 || cols < 0) {
            throw new RfmException(ErrorCode.INVALID_DATA,
                    what + " has a negative shape " + rows + " x " + cols + ": pass sizes >= 0");
        }
        long expected = (long) rows * cols;
        if (expected > MAX_ARRAY_ELEMENTS) {
            throw new RfmException(ErrorCode.OUT_OF_MEMORY, what + " would be " + rows + " x " + cols + " = "
                    + expected + " values, more than a Java array holds (" + MAX_ARRAY_ELEMENTS
                    + "): use fewer rows or features");
        }
    }

    /** Two arrays describe the same number of rows. */
    public static void requireSameRows(int nA, String whatA, int nB, String whatB) {
        if (nA != nB) {
            throw new RfmException(ErrorCode.INVALID_DATA, whatA + " has " + nA + " rows but " + whatB + " has "
                    + nB + ": pass the same number of rows in both (one target row per feature row)");
        }
    }

    /** Two matrices have the same number of columns (e.g. prediction input against training features). */
    public static void requireSameColumns(int dA, String whatA, int dB, String whatB) {
        if (dA != dB) {
            throw new RfmException(ErrorCode.INVALID_DATA, whatA + " has " + dA + " columns but " + whatB + " has "
                    + dB + ": pass data with the same features, in the same order");
        }
    }
}
