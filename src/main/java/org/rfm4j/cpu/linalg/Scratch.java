// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

/**
 * Work arrays kept per thread and reused by the next kernel call on that thread, instead of new ones on
 * every call. A fresh JVM pays about 1.7 ms per MB the first time its heap touches memory (page faults,
 * measured on the 2-core VM of docs/BENCHMARKS.md, against 0.06 ms per MB for memory used before), and
 * until the young generation has been filled once every new array lands on such memory: small fits that
 * allocated 11-60 MB of kernel matrices, packing and panel buffers per fit spent much of their first fits
 * faulting pages in.
 *
 * <p>Contents are undefined on return (whatever the thread's last call left): callers write before they
 * read. Each call site that may hold an array while calling other kernels has its own {@link Slot} (its
 * float, double, row and block arrays kept apart), and a slot is used by one call at a time on a thread
 * (kernels do not re-enter themselves). Arrays above {@link #MAX_BYTES} are allocated afresh and not kept,
 * so a slot keeps at most that much per element type on a thread (block tables are filled by their caller,
 * which asks for one only while its blocks stay under it); the pool's threads, and what they keep, end
 * after a minute idle.
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
        /** One row of a Cholesky trailing-update tile (per worker; the outer and inner factorisations use it in turn). */
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
        KERNEL_ROWS,
        /** The AGOP's scaled points V (n x c d), made by the calling thread and read by its workers. */
        AGOP_POINTS
    }

    /** Arrays larger than this are not kept (a large problem's compute dwarfs its allocation). */
    public static final long MAX_BYTES = 4L << 20;

    /** Array shapes a slot may hold, each kept apart (a float and a double GEMM would otherwise evict each other). */
    private static final int FLOATS = 0, DOUBLES = 1, FLOAT_ROWS = 2, DOUBLE_ROWS = 3, FLOAT_BLOCKS = 4, DOUBLE_BLOCKS = 5;
    private static final int KINDS = 6;

    private static final ThreadLocal<Object[]> LOCAL = new ThreadLocal<>() {
        @Override
        protected Object[] initialValue() {
            return new Object[Slot.values().length * KINDS];
        }
    };

    /** A double[] of at least {@code len} elements, undefined contents. */
    public static double[] doubles(Slot slot, int len) {
        Object[] kept = LOCAL.get();
        double[] o = (double[]) kept[slot.ordinal() * KINDS + DOUBLES];
        if (o != null && o.length >= len) {
            return o;
        }
        double[] a = new double[len];
        keep(kept, slot.ordinal() * KINDS + DOUBLES, a, (long) len * Double.BYTES);
        return a;
    }

    /** A float[] of at least {@code len} elements, undefined contents. */
    public static float[] floats(Slot slot, int len) {
        Object[] kept = LOCAL.get();
        float[] o = (float[]) kept[slot.ordinal() * KINDS + FLOATS];
        if (o != null && o.length >= len) {
            return o;
        }
        float[] a = new float[len];
        keep(kept, slot.ordinal() * KINDS + FLOATS, a, (long) len * Float.BYTES);
        return a;
    }

    /**
     * At least {@code rows} separate rows of at least {@code cols} doubles each, undefined contents. Rows grow
     * one by one, so requests of other shapes (k x 256, then 256 x k) keep what each needs, not the largest
     * of both sides.
     */
    public static double[][] doubleRows(Slot slot, int rows, int cols) {
        int at = slot.ordinal() * KINDS + DOUBLE_ROWS;
        double[][] r = table(at, rows, double[].class);
        long bytes = 0;
        for (int i = 0; i < rows; i++) {
            r[i] = r[i] == null || r[i].length < cols ? new double[cols] : r[i];
            bytes += (long) r[i].length * Double.BYTES;
        }
        keep(LOCAL.get(), at, r, bytes);
        return r;
    }

    /** At least {@code rows} separate rows of at least {@code cols} floats each, undefined contents; as {@link #doubleRows}. */
    public static float[][] floatRows(Slot slot, int rows, int cols) {
        int at = slot.ordinal() * KINDS + FLOAT_ROWS;
        float[][] r = table(at, rows, float[].class);
        long bytes = 0;
        for (int i = 0; i < rows; i++) {
            r[i] = r[i] == null || r[i].length < cols ? new float[cols] : r[i];
            bytes += (long) r[i].length * Float.BYTES;
        }
        keep(LOCAL.get(), at, r, bytes);
        return r;
    }

    /**
     * A table of at least {@code blocks} blocks of double rows for the caller to fill: an entry is null or
     * what the caller stored there on an earlier call on this thread (the caller checks its size), and what
     * it stores is kept with the table. For buffers shared by the workers of one call (the Cholesky panels).
     */
    public static double[][][] doubleBlocks(Slot slot, int blocks) {
        return table(slot.ordinal() * KINDS + DOUBLE_BLOCKS, blocks, double[][].class);
    }

    /** A table of at least {@code blocks} blocks of float rows for the caller to fill; as {@link #doubleBlocks}. */
    public static float[][][] floatBlocks(Slot slot, int blocks) {
        return table(slot.ordinal() * KINDS + FLOAT_BLOCKS, blocks, float[][].class);
    }

    /** The kept table at {@code at}, made or lengthened (its entries carried over) to at least {@code len} entries. */
    @SuppressWarnings("unchecked")
    private static <T> T[] table(int at, int len, Class<T> entry) {
        Object[] kept = LOCAL.get();
        T[] t = (T[]) kept[at];
        if (t == null || t.length < len) {
            T[] grown = (T[]) java.lang.reflect.Array.newInstance(entry, len);
            if (t != null) {
                System.arraycopy(t, 0, grown, 0, t.length);
            }
            t = grown;
            kept[at] = t;
        }
        return t;
    }

    private static void keep(Object[] kept, int at, Object array, long bytes) {
        kept[at] = bytes <= MAX_BYTES ? array : null;
    }
}
