// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

import java.util.stream.IntStream;

/** Kernel matrices of the {@link ConvNtk} between two sets of {@link PatchFeatures}, rows in parallel. */
public final class ConvKernelMatrix {
    private ConvKernelMatrix() {
    }

    /** K[i, j] = k(a_i, b_j), row-major {@code a.count() x b.count()}. */
    public static double[] between(ConvNtk ntk, PatchFeatures a, PatchFeatures b) {
        int na = a.count(), nb = b.count();
        double[] k = new double[na * nb];
        IntStream.range(0, na).parallel().forEach(i -> {
            ConvNtk.Workspace ws = ntk.workspace();
            double[] cross = new double[ntk.positions()];
            for (int j = 0; j < nb; j++) {
                PatchFeatures.crossProducts(a, i, b, j, cross);
                k[i * nb + j] = ntk.value(cross, a.diagonal(i), b.diagonal(j), ws);
            }
        });
        return k;
    }

    /** K[i, j] = k(a_i, a_j), computed for j &lt;= i and mirrored. */
    public static double[] symmetric(ConvNtk ntk, PatchFeatures a) {
        int n = a.count();
        double[] k = new double[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            ConvNtk.Workspace ws = ntk.workspace();
            double[] cross = new double[ntk.positions()];
            for (int j = 0; j <= i; j++) {
                PatchFeatures.crossProducts(a, i, a, j, cross);
                double v = ntk.value(cross, a.diagonal(i), a.diagonal(j), ws);
                k[i * n + j] = v;
                k[j * n + i] = v;
            }
        });
        return k;
    }
}
