// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

/**
 * Tuning constants of the CPU backend, all in one place (measured on a 2-core AVX-512 EPYC
 * with JDK 17 C2; the developer benchmark is {@code LinalgBench} in the test sources). Changing
 * one changes speed only: results are the same up to rounding, and the tests check both.
 */
public final class LinalgParams {
    private LinalgParams() {
    }

    /** Cholesky outer panel width (columns factored per step). */
    public static final int CHOL_NB = 256;
    /** Cholesky inner panel width used to factor a diagonal block. */
    public static final int CHOL_INNER_NB = 32;
    /** Below this order the Cholesky runs the unblocked row (Crout) algorithm. */
    public static final int CHOL_UNBLOCKED = 48;
    /** Rows per trailing-update task (Cholesky, SYRK) and per GEMM task. */
    public static final int MC = 64;
    /** Columns per packed panel: the vector length of the micro-kernel. */
    public static final int NC = 256;
    /** Depth of a packed GEMM panel. */
    public static final int KC = 256;
    /**
     * Rows per GEMM / SYRK task on the Vector API path (processed in MC-row sub-blocks that
     * share one packed B block).
     */
    public static final int VEC_MC = 256;
    /** Row block of the triangular solves. */
    public static final int SOLVE_NB = 128;
    /** Right-hand-side count from which the solves use the vectorised row kernel instead of dot products. */
    public static final int SOLVE_WIDE = 16;
    /** Row block of the Vector API panel triangular solve inside the Cholesky. */
    public static final int CHOL_PANEL_TB = 32;
    /** Rows of the Vector API micro-tile (its columns are two vectors). */
    public static final int VEC_MR = 8;
    /** Least rows per worker in the parallel off-diagonal update of the triangular solves. */
    public static final int SOLVE_GRAIN = 64;
    /** Columns of L transposed at a time in the backward solve's dot-product path. */
    public static final int SOLVE_TRANSPOSE_CHUNK = 256;
    /** Rows of one kernel-matrix or prediction panel. */
    public static final int KERNEL_PANEL_ROWS = 64;
    /** Upper bound on the bytes of one thread's AGOP weight block (b x n doubles). */
    public static final long AGOP_WEIGHT_BLOCK_BYTES = 32L << 20;
    /** Parts the CPU AGOP cuts its points into (partial sums added in order); fixed, so results do not depend on threads. */
    public static final int AGOP_CHUNKS = 16;
    /** Upper bound on the bytes of the CPU AGOP's partial G sums together. */
    public static final long AGOP_PARTIALS_BYTES = 256L << 20;
    /**
     * Upper bound on the bytes of the CPU AGOP's scaled points V (n x c d, V[i, c d + k] = alpha_ic u_ik),
     * which turn the c per-output gradient products into one GEMM; above it outputs are taken in groups.
     */
    public static final long AGOP_SCALED_POINTS_BYTES = 256L << 20;

    /** A flop threshold from system property {@code name}: its value when a number >= 0, else {@code def}. */
    static double flopsProperty(String name, double def) {
        String p = System.getProperty(name, "").trim();
        if (!p.isEmpty()) {
            try {
                double v = Double.parseDouble(p);
                if (v >= 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return def;
    }
}
