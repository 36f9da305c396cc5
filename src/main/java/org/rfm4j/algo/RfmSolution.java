// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import org.rfm4j.spi.Kernel;

/**
 * What prediction needs from a fit: the kernel (with its final bandwidth), the feature matrix M
 * (d x d, or d in diagonal mode), a factor S of it (S S^T = M: M's pivoted Cholesky factor for a Euclidean
 * kernel at power 1, else M^(1/2); points are used as X S), and the coefficients alpha (n x c) for the
 * training points. Arrays are row-major host copies.
 */
public record RfmSolution(Kernel kernel, boolean diagonal, int d, double[] m, double[] s, double[] alpha, int c,
                          int iteration) {
}
