// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.ConvNtkShape;
import org.rfm4j.spi.MemoryInfo;

/**
 * Plans device memory before anything is allocated: refuses a matrix that cannot fit (with the
 * bytes needed, the bytes free and the way out), and sizes the AGOP and prediction batches so
 * their scratch fits in what is free. Pure arithmetic on the free-memory figure, so it is tested
 * without a GPU. All tuning constants are here.
 */
final class MemoryPlanner {
    /** Left free for cuBLAS/cuSOLVER workspaces, the CUDA context and fragmentation. */
    static final long HEADROOM_BYTES = 256L << 20;
    /** Share of the free memory one allocation may take (after the headroom). */
    static final double USABLE_FRACTION = 0.92;
    /** Share of the usable memory a batched operation's scratch may take. */
    static final double SCRATCH_FRACTION = 0.5;
    /** Upper bounds on batch rows (beyond these, bigger batches gain nothing). */
    static final int MAX_AGOP_BATCH = 8192;
    static final int MAX_PREDICT_BATCH = 65536;

    private MemoryPlanner() {
    }

    /** Bytes one allocation may take when {@code freeBytes} are free. */
    static long usable(long freeBytes) {
        return Math.max(0L, (long) ((freeBytes - HEADROOM_BYTES) * USABLE_FRACTION));
    }

    /** Throws OUT_OF_MEMORY, before allocating, when {@code bytes} cannot fit. */
    static void checkAllocation(long bytes, String what, MemoryInfo mem) {
        if (bytes > usable(mem.freeBytes())) {
            throw outOfMemory(what, bytes, mem);
        }
    }

    static RfmException outOfMemory(String what, long bytes, MemoryInfo mem) {
        return new RfmException(ErrorCode.OUT_OF_MEMORY, String.format(Locale.ROOT,
                "the CUDA backend cannot fit %s: it needs %d bytes (%s) but the GPU has %d bytes free (%s) of %s, "
                        + "and keeps %s in reserve: use float32 (half the memory), a smaller n (subsample, tree "
                        + "partitioning or EigenPro for large n), or the CPU backend (--backend cpu)",
                what, bytes, MemoryInfo.gib(bytes), mem.freeBytes(), MemoryInfo.gib(mem.freeBytes()),
                MemoryInfo.gib(mem.totalBytes()), MemoryInfo.gib(HEADROOM_BYTES)));
    }

    /** Row chunks of the AGOP's column reductions (kernels.h kMaxColumnSumChunks). */
    static final int COLUMN_SUM_CHUNKS = 64;

    /**
     * AGOP batch rows for n training points, d features, c outputs and {@code rows} AGOP points,
     * element size {@code bytes}: per batch row, the n distances and weights, the c x d gradients, and
     * the factors of the gradient GEMM (l2: the weights times alpha, n x c, plus the c weight sums;
     * other p: the per-coordinate factors, n x d). Fixed: the training-point norms (l2), the d x d
     * accumulator (full G), the column reductions' partial sums and the point index. Throws
     * OUT_OF_MEMORY when not even one row fits.
     */
    static int agopBatch(int n, int d, int c, int rows, int bytes, boolean l2, boolean full, MemoryInfo mem) {
        long perRow = (long) bytes * ((long) n + (long) c * d + (l2 ? (long) n * c + c + 1 : (long) n * d));
        long fixed = (long) bytes * ((l2 ? n : 0) + (full ? (long) d * d : 0) + (c + 1L) * COLUMN_SUM_CHUNKS * d)
                + 4L * rows;
        long budget = (long) (usable(mem.freeBytes()) * SCRATCH_FRACTION) - fixed;
        long b = budget <= 0 ? 0 : budget / perRow;
        // keep b * c, b * d and n * b * c within what int-indexed cuBLAS calls take
        b = Math.min(b, Integer.MAX_VALUE / Math.max(1L, (long) Math.max(c, 1) * Math.max(n, d)));
        if (b < 1) {
            throw outOfMemory("one AGOP batch row (n = " + n + ", d = " + d + ", c = " + c + ")", perRow + fixed, mem);
        }
        return (int) Math.min(Math.min(b, MAX_AGOP_BATCH), Math.max(1, rows));
    }

    /**
     * Rows of a per tile of the convolutional kernel between na and nb images ({@code CudaBackend.convNtkMatrix}):
     * per row of a, the nb pairs' values at every position of two layers' grids, each held twice (covariance and
     * tangent term), in float64. Fixed: every layer's variances of both sets. Throws OUT_OF_MEMORY when not even one
     * row fits.
     */
    static int convTileRows(ConvNtkShape shape, int na, int nb, MemoryInfo mem) {
        long layers = 0;
        for (int l = 0; l < shape.depth(); l++) {
            layers += shape.positions(l);
        }
        long twoGrids = shape.positions(0) + (shape.depth() > 1 ? (long) shape.positions(1) : 0L);
        long perRow = 8L * nb * 2 * twoGrids;
        long fixed = 8L * layers * ((long) na + nb);
        long budget = (long) (usable(mem.freeBytes()) * SCRATCH_FRACTION) - fixed;
        long b = budget <= 0 ? 0 : budget / perRow;
        // keep one grid of a tile's pairs within int-indexed GEMM leading dimensions and sizes
        b = Math.min(b, Integer.MAX_VALUE / Math.max(1L, (long) nb * shape.positions(0)));
        if (b < 1) {
            throw outOfMemory("one row of the convolutional kernel (" + nb + " images, " + shape.positions(0)
                    + " patch positions, depth " + shape.depth() + ")", perRow + fixed, mem);
        }
        return (int) Math.min(b, Math.max(1, na));
    }

    /** Prediction batch rows: an m-row query in blocks of b x n kernel values. */
    static int predictBatch(int n, int c, int m, int bytes, boolean l2, MemoryInfo mem) {
        long perRow = (long) bytes * ((long) n + c + 1);
        long fixed = (long) bytes * (l2 ? n : 0);
        long budget = (long) (usable(mem.freeBytes()) * SCRATCH_FRACTION) - fixed;
        long b = budget <= 0 ? 0 : budget / perRow;
        b = Math.min(b, Integer.MAX_VALUE / Math.max(1L, n));
        if (b < 1) {
            throw outOfMemory("one prediction row against n = " + n + " training points", perRow + fixed, mem);
        }
        return (int) Math.min(Math.min(b, MAX_PREDICT_BATCH), Math.max(1, m));
    }
}
