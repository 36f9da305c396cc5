// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;

/**
 * The learned metric's coordinates: U = X S for a full S (d x d), U = X diag(s) for a diagonal one.
 * The trainer, the fitted predictor and the experiments all transform through here.
 */
public final class MetricTransform {
    private MetricTransform() {
    }

    /** A new matrix U = X S (or X diag(s)); the caller closes it. */
    public static DeviceMatrix apply(ComputeBackend be, DeviceMatrix x, double[] s, boolean diagonal) {
        DeviceMatrix u = be.zeros(x.rows(), x.cols(), x.precision());
        try {
            if (diagonal) {
                be.scaleColumns(x, s, u);
            } else {
                try (DeviceMatrix sm = be.upload(s, x.cols(), x.cols(), x.precision())) {
                    be.gemm(false, false, 1, x, sm, 0, u);
                }
            }
            return u;
        } catch (RuntimeException e) {
            u.close();
            throw e;
        }
    }
}
