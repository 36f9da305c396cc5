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

    /** Every entry of the n x d row-major matrix is finite; names the first bad row, column and value. */
    public static void requireFinite(double[] x, int n, int d, String what) {
        requireShape(x, n, d, what);
        for (int i = 0, k = 0; i < n; i++) {
            for (int j = 0; j < d; j++, k++) {
                double v = x[k];
                if (!Double.isFinite(v)) {
                    String kind = Double.isNaN(v) ? "NaN" : (v > 0 ? "+Infinity" : "-Infinity");
                    String fix = Double.isNaN(v) ? "remove or impute missing values"
                            : "remove the row or clip/rescale the values";
                    throw new RfmException(ErrorCode.INVALID_DATA,
                            what + " row " + i + ", column " + j + " is " + kind + ": " + fix);
                }
            }
        }
    }

    /** Checks a whole dataset: features and numeric targets finite, at least one row. */
    public static void requireFinite(Dataset data) {
        requireNonEmpty(data.n(), data.name());
        requireFinite(data.x(), data.n(), data.d(), data.name() + " X");
        if (data.y() != null) {
            requireFinite(data.y(), data.n(), data.c(), data.name() + " y");
        }
    }

    /** a is non-null and holds exactly rows*cols values. */
    public static void requireShape(double[] a, int rows, int cols, String what) {
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
        if (a == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " is missing (null): pass an array of "
                    + rows + " x " + cols + " values");
        }
        if (a.length != expected) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " holds " + a.length + " values but its shape "
                    + rows + " x " + cols + " needs " + expected + ": check the row and column counts");
        }
    }

    /** n > 0. */
    public static void requireNonEmpty(int n, String what) {
        if (n <= 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " has no rows: pass at least one row of data");
        }
    }

    /** d > 0 (at least one column). */
    public static void requireColumns(int d, String what) {
        if (d <= 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " has no columns: pass at least one feature");
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
