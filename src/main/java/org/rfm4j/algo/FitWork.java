// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

/**
 * The size of a problem in floating-point operations, for {@link org.rfm4j.spi.ComputeBackend#workScope}:
 * the backend chooses its kernels by it, so only the order of magnitude matters (a multiply-add counts 2).
 * It is a function of the problem's shape alone, and the fit and every later prediction of its model use
 * the same one: a model's kernel path (and so its rounding) never depends on the iterations asked, on
 * the batch a query comes in, or on what the process ran before.
 */
final class FitWork {
    /** AGOP updates of the nominal fit the size counts: the library's default. */
    static final int NOMINAL_ITERATIONS = 5;
    /** AGOP points of the nominal fit: the library's default sample. */
    static final int NOMINAL_AGOP_POINTS = 20000;

    private FitWork() {
    }

    /**
     * A default fit on n points of d features and c outputs: 6 solves, each the kernel matrix's lower half
     * (n^2 d multiply-adds) and its Cholesky factor (n^3 / 3), and 5 AGOP updates over min(n, 20000)
     * points with the d x d transform.
     */
    static double shape(int n, int d, int c) {
        double nn = n;
        double points = Math.min(nn, NOMINAL_AGOP_POINTS);
        double solve = nn * nn * d + nn * nn * nn / 3 + 2 * nn * nn * c;
        double agop = 2 * (points * nn * d * (c + 1) + points * c * (double) d * d) + 2 * nn * (double) d * d;
        return (NOMINAL_ITERATIONS + 1) * solve + NOMINAL_ITERATIONS * agop;
    }
}
