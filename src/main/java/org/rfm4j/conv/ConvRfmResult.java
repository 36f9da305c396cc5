// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

import java.util.List;

/**
 * What a ConvRFM fit measured.
 *
 * @param rounds    one row per kernel fit (round 0: the plain kernel)
 * @param lastAgop  the last patch AGOP computed (row-major patchDim^2), null when only the plain kernel ran
 * @param metric    the last patch metric M = AGOP^(1/2) / ||AGOP^(1/2)||_F, null likewise
 */
public record ConvRfmResult(List<Round> rounds, double[] lastAgop, double[] metric) {
    /**
     * One kernel fit.
     *
     * @param iter          0 for the plain kernel
     * @param trainAccuracy accuracy on the training images
     * @param testAccuracy  accuracy on the test images
     * @param testMse       mean over test images of the squared error summed over outputs
     * @param seconds       time of the round (kernel, solve, prediction; the AGOP that follows is in the next round)
     */
    public record Round(int iter, double trainAccuracy, double testAccuracy, double testMse, double seconds) {
    }
}
