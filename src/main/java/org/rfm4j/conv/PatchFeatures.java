// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * Images as the kernel sees them: patch-expanded, each patch u = M p transformed by the patch metric
 * (M symmetric, {@code patchDim x patchDim}; null is the identity), with the per-image variances of
 * every layer of the {@link ConvNtk}. The transform is one GEMM per batch of images on the backend.
 *
 * <p>Each image is held dim-major ({@code dim} planes of {@code positions} values: value k of the patch at
 * position p at {@code k positions + p}), so that the per-position products of two images are
 * {@code dim} multiply-adds over contiguous planes, which the JIT vectorises.
 */
public final class PatchFeatures {
    /** Images per GEMM when the metric is applied. */
    private static final int BATCH = 64;

    private final int count;
    private final int block;
    private final int dim;
    private final double[] patches;
    private final double[][][] diagonals;

    private PatchFeatures(int count, int block, int dim, double[] patches, double[][][] diagonals) {
        this.count = count;
        this.block = block;
        this.dim = dim;
        this.patches = patches;
        this.diagonals = diagonals;
    }

    /**
     * Features of images {@code from .. to} of the row-major block {@code images}.
     *
     * @param metric the patch metric M, row-major {@code patchDim^2} (symmetric), or null for the identity
     */
    public static PatchFeatures of(ComputeBackend be, PatchGeometry g, ConvNtk ntk, double[] images, int from, int to,
                                   double[] metric) {
        return ofExpanded(be, ntk, PatchExpansion.expandRange(g, images, from, to), to - from, g.positions(), g.patchDim(),
                metric);
    }

    /** Features of n already expanded images (the array is transformed in place when a metric is given). */
    static PatchFeatures ofExpanded(ComputeBackend be, ConvNtk ntk, double[] u, int n, int positions, int dim,
                                    double[] metric) {
        int block = positions * dim;
        if (metric != null) {
            try (DeviceMatrix m = be.upload(metric, dim, dim, Precision.FLOAT64)) {
                for (int b = 0; b < n; b += BATCH) {
                    int e = Math.min(n, b + BATCH);
                    int rows = (e - b) * positions;
                    double[] part = new double[rows * dim];
                    System.arraycopy(u, b * block, part, 0, part.length);
                    try (DeviceMatrix c = transform(be, part, rows, dim, m)) {
                        System.arraycopy(be.download(c), 0, u, b * block, part.length);
                    }
                }
            }
        }
        double[] planes = new double[u.length];
        for (int i = 0; i < n; i++) {
            int o = i * block;
            for (int p = 0; p < positions; p++) {
                for (int k = 0; k < dim; k++) {
                    planes[o + k * positions + p] = u[o + p * dim + k];
                }
            }
        }
        double[][][] diag = new double[n][][];
        double[] norms = new double[positions];
        for (int i = 0; i < n; i++) {
            ConvKernels.products(planes, i * block, planes, i * block, dim, norms);
            diag[i] = ntk.diagonals(norms);
        }
        return new PatchFeatures(n, block, dim, planes, diag);
    }

    /**
     * Patches times the metric on the backend: a new {@code rows x dim} matrix u M from host patches u (row-major,
     * one patch per row) and M already on the backend.
     */
    static DeviceMatrix transform(ComputeBackend be, double[] u, int rows, int dim, DeviceMatrix m) {
        try (DeviceMatrix a = be.upload(u, rows, dim, Precision.FLOAT64)) {
            DeviceMatrix c = be.zeros(rows, dim, Precision.FLOAT64);
            try {
                be.gemm(false, false, 1.0, a, m, 0.0, c);
                return c;
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }
    }

    /** Images held. */
    public int count() {
        return count;
    }

    /** Length of one patch. */
    public int dim() {
        return dim;
    }

    /** Values per image (positions x dim). */
    int block() {
        return block;
    }

    /** The transformed patches, image i at {@code i * block()}, value k of position p at {@code + k positions + p}. */
    double[] patches() {
        return patches;
    }

    /** Variances of image i at every layer. */
    double[][] diagonal(int i) {
        return diagonals[i];
    }

    /** Per-position products {@code <u_a,i(p), u_b,j(p)>} into {@code out} (length positions). */
    static void crossProducts(PatchFeatures a, int i, PatchFeatures b, int j, double[] out) {
        ConvKernels.products(a.patches, i * a.block, b.patches, j * b.block, a.dim, out);
    }
}
