package org.rfm4j.api;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/** Checks on arrays handed to the public API, with messages that say what to fix. */
final class Inputs {
    private Inputs() {
    }

    /** Flattens a rectangular double[][] (rows x cols), rejecting null, empty and ragged input. */
    static double[] flatten(double[][] a, String what) {
        if (a == null || a.length == 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " is empty: give at least one row");
        }
        int cols = a[0] == null ? 0 : a[0].length;
        if (cols == 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " has no columns");
        }
        double[] out = new double[Math.multiplyExact(a.length, cols)];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != cols) {
                throw new RfmException(ErrorCode.INVALID_DATA, what + " row " + i + " has "
                        + (a[i] == null ? 0 : a[i].length) + " values but row 0 has " + cols + ": rows must have equal length");
            }
            System.arraycopy(a[i], 0, out, i * cols, cols);
        }
        return out;
    }

    static double[][] unflatten(double[] a, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * cols, out[i], 0, cols);
        }
        return out;
    }

    /** A matrix of rows x cols: non-empty, consistent length, all finite. */
    static void matrix(double[] a, int rows, int cols, String what) {
        if (a == null || rows <= 0 || cols <= 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " is empty (" + rows + " x " + cols
                    + "): give at least one row and one column");
        }
        if ((long) rows * cols != a.length) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + " holds " + a.length + " values, not " + rows + " x " + cols);
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new RfmException(ErrorCode.INVALID_DATA, what + " row " + (i / cols) + ", column " + (i % cols)
                        + " is " + a[i] + ": remove or impute missing and infinite values before fitting");
            }
        }
    }

    static void sameRows(int a, int b, String whatA, String whatB) {
        if (a != b) {
            throw new RfmException(ErrorCode.INVALID_DATA, whatA + " has " + a + " rows but " + whatB + " has " + b
                    + ": they must describe the same samples");
        }
    }
}
