// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

/**
 * Work arrays kept per thread and reused by the next kernel call on that thread, instead of new ones on
 * every call. A fresh JVM pays about 1.7 ms per MB the first time its heap touches memory (page faults,
 * measured on the 2-core VM of docs/BENCHMARKS.md, against 0.06 ms per MB for memory used before), and
 * until the young generation has been filled once every new array lands on such memory: a small fit that
 * allocated 15-60 MB of packing and panel buffers per fit spent most of its first fits faulting pages in.
 *
 * <p>Contents are undefined on return (whatever the thread's last call left): callers write before they
 * read. Each call site that may hold an array while calling other kernels has its own {@link Slot} (its
 * float, double, row and block arrays kept apart), and a slot is used by one call at a time on a thread
 * (kernels do not re-enter themselves). Arrays above
 * {@link #MAX_BYTES} are allocated afresh and not kept, so a thread retains at most a few MB.
 */
public final class Scratch {
    private Scratch() {
    }

    /** The call sites that keep arrays. */
    public enum Slot {
        /** Packed B rows of a scalar GEMM / SYRK tile. */
        GEMM_B,
        /** Packed A block of a scalar GEMM / SYRK tile. */
        GEMM_A,
        /** One row of C of a scalar GEMM / SYRK tile. */
        GEMM_C,
        /** The transposed panels of the blocked Cholesky (one block per column block). */
        CHOL_PANEL,
        /** The panels of a diagonal block factored inside the blocked Cholesky. */
        CHOL_INNER_PANEL,
        /** One row of a Cholesky trailing-update tile. */
        CHOL_ROW,
        /** Packed right-hand sides of the triangular solves. */
        SOLVE_PACK,
        /** One row of the triangular solves' update. */
        SOLVE_ROW,
        /** Transposed block of L in the backward solve. */
        SOLVE_T,
        /** A panel of kernel values or distances (CPU kernel matrix, prediction). */
        KERNEL_PANEL,
        /** A panel's rows of A, copied for the cross-term GEMM. */
        KERNEL_ROWS
    }

    /** Arrays larger than this are not kept (a large problem's compute dwarfs its allocation). */
    public static final long MAX_BYTES = 4L << 20;

    /** Array shapes a slot may hold, each kept apart (a float and a double GEMM would otherwise evict each other). */
    private static final int FLOATS = 0, DOUBLES = 1, FLOAT_ROWS = 2, DOUBLE_ROWS = 3, FLOAT_BLOCKS = 4, DOUBLE_BLOCKS = 5;
    private static final int KINDS = 6;

    private static final ThreadLocal<Object[]> LOCAL = ThreadLocal.withInitial(() -> new Object[Slot.values().length * KINDS]);

    /** A double[] of at least {@code len} elements, undefined contents. */
    public static double[] doubles(Slot slot, int len) {
        Object[] kept = LOCAL.get();
        Object o = kept[slot.ordinal() * KINDS + DOUBLES];
        if (o instanceof double[] && ((double[]) o).length >= len) {
            return (double[]) o;
        }
        double[] a = new double[len];
        keep(kept, slot.ordinal() * KINDS + DOUBLES, a, (long) len * Double.BYTES);
        return a;
    }

    /** A float[] of at least {@code len} elements, undefined contents. */
    public static float[] floats(Slot slot, int len) {
        Object[] kept = LOCAL.get();
        Object o = kept[slot.ordinal() * KINDS + FLOATS];
        if (o instanceof float[] && ((float[]) o).length >= len) {
            return (float[]) o;
        }
        float[] a = new float[len];
        keep(kept, slot.ordinal() * KINDS + FLOATS, a, (long) len * Float.BYTES);
        return a;
    }

    /** At least {@code rows} separate rows of at least {@code cols} doubles each, undefined contents. */
    public static double[][] doubleRows(Slot slot, int rows, int cols) {
        Object[] kept = LOCAL.get();
        Object o = kept[slot.ordinal() * KINDS + DOUBLE_ROWS];
        if (o instanceof double[][]) {
            double[][] r = (double[][]) o;
            if (r.length >= rows && (r.length == 0 || r[0].length >= cols)) {
                return r;
            }
        }
        if (o instanceof double[][] && (((double[][]) o).length > 0)) { // grow both sides, so alternating shapes settle
            rows = Math.max(rows, ((double[][]) o).length);
            cols = Math.max(cols, ((double[][]) o)[0].length);
        }
        double[][] a = new double[rows][cols];
        keep(kept, slot.ordinal() * KINDS + DOUBLE_ROWS, a, (long) rows * cols * Double.BYTES);
        return a;
    }

    /** At least {@code rows} separate rows of at least {@code cols} floats each, undefined contents. */
    public static float[][] floatRows(Slot slot, int rows, int cols) {
        Object[] kept = LOCAL.get();
        Object o = kept[slot.ordinal() * KINDS + FLOAT_ROWS];
        if (o instanceof float[][]) {
            float[][] r = (float[][]) o;
            if (r.length >= rows && (r.length == 0 || r[0].length >= cols)) {
                return r;
            }
        }
        if (o instanceof float[][] && (((float[][]) o).length > 0)) { // grow both sides, so alternating shapes settle
            rows = Math.max(rows, ((float[][]) o).length);
            cols = Math.max(cols, ((float[][]) o)[0].length);
        }
        float[][] a = new float[rows][cols];
        keep(kept, slot.ordinal() * KINDS + FLOAT_ROWS, a, (long) rows * cols * Float.BYTES);
        return a;
    }

    /**
     * {@code blocks} blocks of {@code rows} rows of {@code cols} doubles (block b, row r: result[b][r]),
     * undefined contents.
     */
    public static double[][][] doubleBlocks(Slot slot, int blocks, int rows, int cols) {
        Object[] kept = LOCAL.get();
        Object o = kept[slot.ordinal() * KINDS + DOUBLE_BLOCKS];
        if (o instanceof double[][][]) {
            double[][][] r = (double[][][]) o;
            if (r.length >= blocks && (r.length == 0 || r[0].length >= rows && r[0][0].length >= cols)) {
                return r;
            }
        }
        if (o instanceof double[][][] && (((double[][][]) o).length > 0) && (((double[][][]) o)[0].length > 0)) {
            double[][][] r = (double[][][]) o;
            blocks = Math.max(blocks, r.length);
            rows = Math.max(rows, r[0].length);
            cols = Math.max(cols, r[0][0].length);
        }
        double[][][] a = new double[blocks][rows][cols];
        keep(kept, slot.ordinal() * KINDS + DOUBLE_BLOCKS, a, (long) blocks * rows * cols * Double.BYTES);
        return a;
    }

    /**
     * {@code blocks} blocks of {@code rows} rows of {@code cols} floats (block b, row r: result[b][r]),
     * undefined contents.
     */
    public static float[][][] floatBlocks(Slot slot, int blocks, int rows, int cols) {
        Object[] kept = LOCAL.get();
        Object o = kept[slot.ordinal() * KINDS + FLOAT_BLOCKS];
        if (o instanceof float[][][]) {
            float[][][] r = (float[][][]) o;
            if (r.length >= blocks && (r.length == 0 || r[0].length >= rows && r[0][0].length >= cols)) {
                return r;
            }
        }
        if (o instanceof float[][][] && (((float[][][]) o).length > 0) && (((float[][][]) o)[0].length > 0)) {
            float[][][] r = (float[][][]) o;
            blocks = Math.max(blocks, r.length);
            rows = Math.max(rows, r[0].length);
            cols = Math.max(cols, r[0][0].length);
        }
        float[][][] a = new float[blocks][rows][cols];
        keep(kept, slot.ordinal() * KINDS + FLOAT_BLOCKS, a, (long) blocks * rows * cols * Float.BYTES);
        return a;
    }

    private static void keep(Object[] kept, int at, Object array, long bytes) {
        kept[at] = bytes <= MAX_BYTES ? array : null;
    }
}
