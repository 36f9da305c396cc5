// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Settings of a ConvRFM fit.
 *
 * @param q           patch side
 * @param depth       convolutional layers of the kernel
 * @param lambda      ridge, added to K / max(K_train)
 * @param iterations  kernel fits: the plain kernel (M = I) then iterations - 1 fits with a learned M
 * @param samples     training images at which the patch AGOP is taken (the first s)
 * @param samePadding zero-pad the patch expansion (false: valid, the reference construction)
 */
public record ConvRfmParams(int q, int depth, double lambda, int iterations, int samples, boolean samePadding) {
    public ConvRfmParams {
        if (q < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--q must be at least 1, got " + q);
        }
        if (depth < 1 || depth > 8) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--depth must be between 1 and 8, got " + depth);
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--lambda must be a finite number >= 0, got " + lambda);
        }
        if (iterations < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--iterations must be at least 1 (the plain kernel), got "
                    + iterations);
        }
        if (samples < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--samples must be at least 1, got " + samples);
        }
    }
}
