// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

/**
 * Rough floating-point operation counts of a fit and of a prediction, for
 * {@link org.rfm4j.spi.ComputeBackend#workScope}: the backend chooses its kernels once per unit of
 * work by these, so only the order of magnitude matters (a multiply-add counts 2).
 */
final class FitWork {
    private FitWork() {
    }

    /**
     * A fit of {@code iterations} AGOP updates on n points of d features and c outputs: per solve the kernel matrix (lower half, n^2 d
     * multiply-adds), its Cholesky factor (n^3 / 3 flops) and the validation predictions; per AGOP
     * update the gradients at {@code agopPoints} points and the d x d transform. EigenPro replaces the
     * factorisation by epochs of n x n kernel products, counted as {@code maxEpochs} of them.
     */
    static double fit(TrainerSettings s, int iterations, int n, int d, int c, int nValidation) {
        double nn = n;
        double points = Math.min(n, Math.max(1, s.agopSamples()));
        double kernel = 2 * nn * nn * d / 2;
        double solve = s.eigenPro() == null ? nn * nn * nn / 3 + 2 * nn * nn * c
                : s.eigenPro().maxEpochs() * 2 * nn * nn * (d + c);
        double validation = predict(nValidation, n, d, c);
        double agop = 2 * (points * nn * d * (c + 1) + points * c * (double) d * d) + 2 * nn * (double) d * d;
        return (iterations + 1) * (kernel + solve + validation) + iterations * agop;
    }

    /** Predicting q rows from n training points of d features and c outputs: K(q, X) and K alpha. */
    static double predict(int q, int n, int d, int c) {
        return 2.0 * q * n * (d + c);
    }
}
