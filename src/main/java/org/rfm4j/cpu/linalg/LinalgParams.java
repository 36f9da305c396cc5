package org.rfm4j.cpu.linalg;

/**
 * Tuning constants of the CPU kernels, in one place (measured on a 2-core AVX-512 EPYC
 * with JDK 17 C2; see {@link LinalgBench}).
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
}
