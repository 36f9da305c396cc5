// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.convrfm;

import org.rfm4j.conv.PatchGeometry;

/**
 * Images for a ConvRFM run: row-major blocks of {@code channels x height x width} images, one-hot
 * training targets and test classes.
 *
 * @param name        the task's name in reports
 * @param channels    c
 * @param height      image rows
 * @param width       image columns
 * @param classes     outputs
 * @param train       training images, row-major
 * @param trainLabels training classes
 * @param test        test images, row-major
 * @param testLabels  test classes
 */
public record TaskData(String name, int channels, int height, int width, int classes, double[] train, int[] trainLabels,
                       double[] test, int[] testLabels) {
    /** Training images. */
    public int nTrain() {
        return trainLabels.length;
    }

    /** Test images. */
    public int nTest() {
        return testLabels.length;
    }

    /** The patch geometry for side q. */
    public PatchGeometry geometry(int q, boolean samePadding) {
        return new PatchGeometry(channels, height, width, q, samePadding);
    }

    /** One-hot targets of the training images, row-major n x classes. */
    public double[] oneHot() {
        double[] y = new double[nTrain() * classes];
        for (int i = 0; i < nTrain(); i++) {
            y[i * classes + trainLabels[i]] = 1;
        }
        return y;
    }
}
