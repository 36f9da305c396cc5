// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The operand rules of {@link ComputeBackend}, written once so that every backend refuses the same
 * calls with the same code ({@code INVALID_ARGUMENT}) and the same words: shapes, precisions,
 * outputs that alias inputs, non-finite scalars, a closed backend or matrix, a matrix of another
 * backend. A backend first resolves its own handles (ownership and closed state, which only it can
 * see, reported through {@link #foreign}, {@link #closedMatrix} and {@link #closedBackend}), then
 * calls the check of the operation, then computes. The backend contract suite holds every provider
 * to these rules.
 */
public final class OperandChecks {
    private OperandChecks() {
    }

    /** The exception of a refused call. */
    public static RfmException invalid(String message) {
        return new RfmException(ErrorCode.INVALID_ARGUMENT, message);
    }

    /** The backend was closed: nothing may be called on it or on its matrices any more. */
    public static RfmException closedBackend(String backend) {
        return invalid("this " + backend + " backend is closed: open a new one (Backends.open) and upload the data again");
    }

    /** A matrix was closed and then passed to {@code op}. */
    public static RfmException closedMatrix(String op, DeviceMatrix m) {
        return invalid(op + ": the " + shape(m) + " matrix was closed: keep a matrix open while it is used");
    }

    /** A null or foreign matrix (made by another backend, or another instance of this one) passed to {@code op}. */
    public static RfmException foreign(String op, DeviceMatrix m, String backend) {
        return m == null ? invalid(op + ": the matrix is null")
                : invalid(op + ": the " + shape(m) + " matrix was not made by this " + backend
                        + " backend: pass only matrices from the backend that computes on them");
    }

    /** upload: data present and holding exactly rows x cols values, a precision given. */
    public static void upload(double[] rowMajor, int rows, int cols, Precision precision) {
        if (rowMajor == null) {
            throw invalid("upload: the array is null");
        }
        allocation("upload", rows, cols, precision);
        if ((long) rows * cols != rowMajor.length) {
            throw invalid("upload: " + rows + " x " + cols + " needs " + ((long) rows * cols)
                    + " values, the array has " + rowMajor.length);
        }
    }

    /** A new matrix: non-negative shape, a precision given. */
    public static void allocation(String op, int rows, int cols, Precision precision) {
        if (rows < 0 || cols < 0) {
            throw invalid(op + ": negative shape " + rows + " x " + cols);
        }
        if (precision == null) {
            throw invalid(op + ": the precision is null");
        }
    }

    /** gatherRows: an index, each entry a row of src. */
    public static void gatherRows(DeviceMatrix src, int[] rowIndex) {
        if (rowIndex == null) {
            throw invalid("gatherRows: the row index is null");
        }
        for (int i = 0; i < rowIndex.length; i++) {
            if (rowIndex[i] < 0 || rowIndex[i] >= src.rows()) {
                throw invalid("gatherRows: rowIndex[" + i + "] = " + rowIndex[i] + " is outside [0, " + src.rows() + ")");
            }
        }
    }

    /** gemm: op(A) m x k, op(B) k x n, C m x n, one precision, C neither A nor B, finite scalars. */
    public static void gemm(boolean transA, boolean transB, double alpha, DeviceMatrix a, DeviceMatrix b,
                            double beta, DeviceMatrix c) {
        samePrecision("gemm", a, b, c);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw invalid("gemm: op(A) is " + m + " x " + k + ", op(B) is " + kb + " x " + n + ", C is " + shape(c));
        }
        distinct("gemm: C must not be A or B", c, a, b);
        finite("gemm alpha", alpha);
        finite("gemm beta", beta);
    }

    /** scaleColumns: one scale per column, out the shape of a (out may be a: the operation is elementwise). */
    public static void scaleColumns(DeviceMatrix a, double[] s, DeviceMatrix out) {
        samePrecision("scaleColumns", a, out);
        if (s == null || s.length != a.cols()) {
            throw invalid("scaleColumns: need " + a.cols() + " scales, got " + (s == null ? "null" : s.length));
        }
        if (a.rows() != out.rows() || a.cols() != out.cols()) {
            throw invalid("scaleColumns: shapes differ, " + shape(a) + " and " + shape(out));
        }
    }

    /** A square matrix for {@code op}. */
    public static void square(String op, DeviceMatrix m) {
        if (m.rows() != m.cols()) {
            throw invalid(op + ": the matrix must be square, it is " + shape(m));
        }
    }

    /** choleskySolve: a square factor, B with as many rows, one precision, B not the factor. */
    public static void choleskySolve(DeviceMatrix factor, DeviceMatrix b) {
        samePrecision("choleskySolve", factor, b);
        square("choleskySolve", factor);
        if (b.rows() != factor.rows()) {
            throw invalid("choleskySolve: the factor is " + shape(factor) + ", B has " + b.rows() + " rows");
        }
        distinct("choleskySolve: B must not be the factor", b, factor);
    }

    /** psdPower: a square matrix and a finite exponent. */
    public static void psdPower(DeviceMatrix sym, double exponent) {
        square("psdPower", sym);
        finite("psdPower exponent", exponent);
    }

    /** pairwiseDistances: a positive finite p, and the shapes of {@link #pairs}. */
    public static void pairwiseDistances(double p, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out) {
        if (!(p > 0) || Double.isInfinite(p)) {
            throw invalid("pairwiseDistances: p must be a positive finite number, got " + p);
        }
        pairs("pairwiseDistances", a, b, out);
    }

    /** kernelMatrix: a kernel, and the shapes of {@link #pairs}. */
    public static void kernelMatrix(String op, Kernel kernel, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out) {
        kernel(kernel);
        pairs(op, a, b, out);
    }

    /** a m x d, b n x d, out m x n, one precision, out neither a nor b. */
    public static void pairs(String op, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out) {
        samePrecision(op, a, b, out);
        if (a.cols() != b.cols() || out.rows() != a.rows() || out.cols() != b.rows()) {
            throw invalid(op + ": a is " + shape(a) + ", b " + shape(b) + ", out " + shape(out)
                    + "; need a m x d, b n x d, out m x n");
        }
        distinct(op + ": out must not be a or b", out, a, b);
    }

    /**
     * convNtkMatrix: a (na P) x dim, b (nb P) x dim with P the shape's positions, out na x nb, all FLOAT64, out
     * neither a nor b (b may be a).
     */
    public static void convNtk(ConvNtkShape shape, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out) {
        if (shape == null) {
            throw invalid("convNtkMatrix: the shape is null");
        }
        samePrecision("convNtkMatrix", a, b, out);
        if (a.precision() != Precision.FLOAT64) {
            throw invalid("convNtkMatrix: the matrices are " + a.precision() + "; the convolutional kernel is computed "
                    + "in FLOAT64: upload them as FLOAT64");
        }
        int p = shape.positions();
        if (a.rows() % p != 0 || b.rows() % p != 0 || a.cols() != b.cols() || out.rows() != a.rows() / p
                || out.cols() != b.rows() / p) {
            throw invalid("convNtkMatrix: a is " + shape(a) + ", b " + shape(b) + ", out " + shape(out) + "; with "
                    + p + " patch positions per image need a (na " + p + ") x dim, b (nb " + p + ") x dim, out na x nb");
        }
        distinct("convNtkMatrix: out must not be a or b", out, a, b);
    }

    /** predict: u n x d, alpha n x c, q m x d, out m x c, one precision, out not an input. */
    public static void predict(Kernel kernel, DeviceMatrix u, DeviceMatrix alpha, DeviceMatrix q, DeviceMatrix out) {
        kernel(kernel);
        samePrecision("predict", u, alpha, q, out);
        if (alpha.rows() != u.rows() || q.cols() != u.cols() || out.rows() != q.rows() || out.cols() != alpha.cols()) {
            throw invalid("predict: u is " + shape(u) + ", alpha " + shape(alpha) + ", q " + shape(q) + ", out "
                    + shape(out) + "; need u n x d, alpha n x c, q m x d, out m x c");
        }
        distinct("predict: out must not be an input", out, u, alpha, q);
    }

    /**
     * agopAccumulate: u n x d, alpha n x c, z N x d, G d x d (full) or 1 x d (diagonal), jacobianSum
     * c x d, zIndex null or N entries, one precision, accumulators distinct from the inputs and each
     * other. Returns whether G is the diagonal (1 x d with d &gt; 1; for d = 1 both readings agree).
     */
    public static boolean agop(Kernel kernel, DeviceMatrix u, DeviceMatrix alpha, DeviceMatrix z, int[] zIndex,
                               DeviceMatrix g, DeviceMatrix jacobianSum) {
        kernel(kernel);
        samePrecision("agopAccumulate", u, alpha, z, g, jacobianSum);
        int d = u.cols(), c = alpha.cols();
        if (alpha.rows() != u.rows() || z.cols() != d) {
            throw invalid("agopAccumulate: u is " + shape(u) + ", alpha " + shape(alpha) + ", z " + shape(z)
                    + "; need u n x d, alpha n x c, z N x d");
        }
        boolean full = g.rows() == d && g.cols() == d;
        boolean diag = g.rows() == 1 && g.cols() == d;
        if (!full && !diag) {
            throw invalid("agopAccumulate: G is " + shape(g) + "; need " + d + " x " + d + " (full) or 1 x " + d
                    + " (diagonal)");
        }
        if (jacobianSum.rows() != c || jacobianSum.cols() != d) {
            throw invalid("agopAccumulate: jacobianSum is " + shape(jacobianSum) + "; need " + c + " x " + d);
        }
        if (zIndex != null && zIndex.length != z.rows()) {
            throw invalid("agopAccumulate: zIndex has " + zIndex.length + " entries for " + z.rows() + " points");
        }
        distinct("agopAccumulate: G must not be an input", g, u, alpha, z);
        distinct("agopAccumulate: jacobianSum must not be an input or G", jacobianSum, u, alpha, z, g);
        return diag && !full;
    }

    /** A finite scalar argument. */
    public static void finite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw invalid(what + " must be finite, got " + v);
        }
    }

    private static void kernel(Kernel k) {
        if (k == null) {
            throw invalid("the kernel is null");
        }
    }

    private static void samePrecision(String op, DeviceMatrix... ms) {
        for (DeviceMatrix m : ms) {
            if (m.precision() != ms[0].precision()) {
                throw invalid(op + ": matrices mix " + ms[0].precision() + " and " + m.precision());
            }
        }
    }

    private static void distinct(String what, DeviceMatrix out, DeviceMatrix... inputs) {
        for (DeviceMatrix in : inputs) {
            if (in == out) {
                throw invalid(what);
            }
        }
    }

    private static String shape(DeviceMatrix m) {
        return String.format(Locale.ROOT, "%d x %d", m.rows(), m.cols());
    }
}
