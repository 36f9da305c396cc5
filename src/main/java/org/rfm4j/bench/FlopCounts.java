// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

/**
 * Floating-point operation counts of the RFM phases (docs/ALGORITHM.md, "Cost of one iteration"), the
 * denominators of every GFLOP/s that {@code rfm bench} reports.
 *
 * <p><b>Convention: a multiply-add counts as 2 flops</b>, as in the usual GEMM rate (2 m n k) and
 * LAPACK's Cholesky count (n^3 / 3 flops = n^3 / 6 multiply-adds). The reference table lists
 * multiply-adds for the kernel matrix, the AGOP and prediction (n^2 d, N n d + N n c d + N c d^2,
 * n_v n (d + c)) and flops for the Cholesky solve (n^3 / 3 + 2 n^2 c), so the first three are
 * doubled here and the solve is taken as written. Element-wise work (exp, sqrt, the kernel
 * derivative) is not counted: it is O(n^2) against O(n^2 d) or O(n^3). All counts are doubles
 * (n = 100000 gives 3.3e14 flops, past a long's exactness only in the last digit).
 */
public final class FlopCounts {
    private FlopCounts() {
    }

    /** Kernel matrix K(X, X), n x n from n x d inputs: the GEMM of the distance expansion, 2 n^2 d. */
    public static double kernel(long n, long d) {
        return 2.0 * n * n * d;
    }

    /** Cholesky factorisation of n x n plus the two triangular solves for c columns: n^3 / 3 + 2 n^2 c. */
    public static double choleskySolve(long n, long c) {
        return n * (double) n * n / 3.0 + 2.0 * n * n * c;
    }

    /** LU factorisation with partial pivoting plus two triangular solves: 2 n^3 / 3 + 2 n^2 c. */
    public static double luSolve(long n, long c) {
        return 2.0 * n * n * n / 3.0 + 2.0 * n * n * c;
    }

    /**
     * One AGOP over N sampled points against n training points: 2 (N n d + N n c d + N c d^2):
     * the distance GEMM (N x d times d x n), the gradient GEMMs sum_i W_ij alpha_ic x_i (c of
     * N x n times n x d) and the SYRK of the (N c) x d gradients.
     */
    public static double agop(long bigN, long n, long d, long c) {
        return 2.0 * ((double) bigN * n * d + (double) bigN * n * c * d + (double) bigN * c * d * d);
    }

    /** Prediction of n_v rows: distances to the n training points (n_v n d) and K alpha (n_v n c), doubled. */
    public static double predict(long nv, long n, long d, long c) {
        return 2.0 * nv * n * (double) (d + c);
    }

    /** Flops of a whole bench point: iterations + 1 kernel matrices and solves, iterations AGOPs, one prediction. */
    public static double total(int iterations, long n, long d, long c, long bigN, long nv, boolean lu) {
        double solve = lu ? luSolve(n, c) : choleskySolve(n, c);
        return (iterations + 1) * (kernel(n, d) + solve) + iterations * agop(bigN, n, d, c) + predict(nv, n, d, c);
    }
}
