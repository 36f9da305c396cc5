// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * One ConvRFM round's kernel matrices against its training images, computed where they run best: on the backend
 * when it computes the convolutional kernel and keeps its matrices off the host (a GPU: the transformed patches are
 * made and kept there, {@link ComputeBackend#convNtkMatrix}), else on the host ({@link PatchFeatures} and
 * {@link ConvKernelMatrix}, the reference). Either way the patches are transformed by the metric on the backend.
 */
final class ConvKernelBlocks implements AutoCloseable {
    private final ComputeBackend be;
    private final PatchGeometry g;
    private final ConvNtk ntk;
    private final double[] metric;
    private final int n;
    /** The training features on the host: made at once on the host path, on first use on the backend path. */
    private PatchFeatures hostTrain;
    /** The transformed training patches on the backend ((n positions) x patchDim), or null on the host path. */
    private final DeviceMatrix deviceTrain;

    private ConvKernelBlocks(ComputeBackend be, PatchGeometry g, ConvNtk ntk, double[] metric, int n,
                             PatchFeatures hostTrain, DeviceMatrix deviceTrain) {
        this.be = be;
        this.g = g;
        this.ntk = ntk;
        this.metric = metric;
        this.n = n;
        this.hostTrain = hostTrain;
        this.deviceTrain = deviceTrain;
    }

    /** Whether the kernel is computed on the backend: it has the kernel and its matrices are not host arrays. */
    static boolean onBackend(ComputeBackend be) {
        return be.hasConvNtk() && !be.hostMemory();
    }

    /**
     * The blocks against training images {@code 0 .. n - 1} of {@code train} (row-major images).
     *
     * @param metric the patch metric M (row-major, symmetric) or null for the identity
     */
    static ConvKernelBlocks of(ComputeBackend be, PatchGeometry g, ConvNtk ntk, double[] train, int n, double[] metric) {
        if (onBackend(be)) {
            return new ConvKernelBlocks(be, g, ntk, metric, n, null, transformed(be, g, train, 0, n, metric));
        }
        return new ConvKernelBlocks(be, g, ntk, metric, n, PatchFeatures.of(be, g, ntk, train, 0, n, metric), null);
    }

    /** K[i, j] = k(x_i, x_j) over the training images, row-major n x n. */
    double[] trainKernel() {
        if (deviceTrain == null) {
            return ConvKernelMatrix.symmetric(ntk, hostTrain);
        }
        try (DeviceMatrix k = be.zeros(n, n, Precision.FLOAT64)) {
            be.convNtkMatrix(ntk.shape(), deviceTrain, deviceTrain, k);
            return be.download(k);
        }
    }

    /** K[i, j] = k(z_i, x_j) for images {@code from .. to - 1} of {@code images}, row-major (to - from) x n. */
    double[] against(double[] images, int from, int to) {
        if (deviceTrain == null) {
            return ConvKernelMatrix.between(ntk, PatchFeatures.of(be, g, ntk, images, from, to, metric), hostTrain);
        }
        try (DeviceMatrix q = transformed(be, g, images, from, to, metric);
             DeviceMatrix k = be.zeros(to - from, n, Precision.FLOAT64)) {
            be.convNtkMatrix(ntk.shape(), q, deviceTrain, k);
            return be.download(k);
        }
    }

    /** The training images' features on the host (the patch AGOP's input). */
    PatchFeatures trainFeatures() {
        if (hostTrain == null) {
            hostTrain = PatchFeatures.ofExpanded(be, ntk, be.download(deviceTrain), n, g.positions(), g.patchDim(), null);
        }
        return hostTrain;
    }

    @Override
    public void close() {
        if (deviceTrain != null) {
            deviceTrain.close();
        }
    }

    /** Images {@code from .. to - 1} patch-expanded and transformed by M on the backend: ((to - from) P) x patchDim. */
    private static DeviceMatrix transformed(ComputeBackend be, PatchGeometry g, double[] images, int from, int to,
                                            double[] metric) {
        int rows = (to - from) * g.positions(), dim = g.patchDim();
        double[] u = PatchExpansion.expandRange(g, images, from, to);
        if (metric == null) {
            return be.upload(u, rows, dim, Precision.FLOAT64);
        }
        try (DeviceMatrix m = be.upload(metric, dim, dim, Precision.FLOAT64)) {
            return PatchFeatures.transform(be, u, rows, dim, m);
        }
    }
}
