// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.convrfm;

import java.util.List;
import java.util.Random;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.experiments.ImageSubsets;
import org.rfm4j.io.ImageSet;

/**
 * Image tasks from an {@link ImageSet}: class-balanced draws with pixels in [0, 1], either as they are
 * or pasted at a random place into a larger frame of N(0, sigma^2) noise (the noisy-MNIST task of the
 * ConvRFM paper: 28 x 28 digits in a 42 x 42 frame, sigma 0.5).
 */
public final class NoisyImages {
    /** Frame side of the noisy task. */
    public static final int FRAME = 42;
    /** Noise standard deviation of the frame. */
    public static final double NOISE = 0.5;

    private NoisyImages() {
    }

    /** Balanced train and test draws, each image pasted into a FRAME x FRAME noise frame at a random place. */
    public static TaskData framed(String name, ImageSet images, int nTrain, int nTest, long seed) {
        if (images.rows() > FRAME || images.cols() > FRAME) {
            throw new RfmException(ErrorCode.INVALID_DATA, "images of " + images.rows() + " x " + images.cols()
                    + " do not fit the " + FRAME + " x " + FRAME + " frame");
        }
        return draw(name, images, nTrain, nTest, seed, true);
    }

    /** Balanced train and test draws of the images as they are. */
    public static TaskData plain(String name, ImageSet images, int nTrain, int nTest, long seed) {
        return draw(name, images, nTrain, nTest, seed, false);
    }

    private static TaskData draw(String name, ImageSet images, int nTrain, int nTest, long seed, boolean frame) {
        int k = 0;
        for (int l : images.labels()) {
            k = Math.max(k, l + 1);
        }
        if (nTrain < k || nTest < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--n-train must be at least the " + k
                    + " classes and --n-test at least 1, got " + nTrain + " and " + nTest);
        }
        List<List<Integer>> byClass = ImageSubsets.indicesByClass(images, k);
        Random rng = new Random(seed);
        for (List<Integer> list : byClass) {
            java.util.Collections.shuffle(list, rng);
        }
        int[][] idx = ImageSubsets.balancedIndices(byClass, nTrain, nTest, "--n-train");
        int[] trainIdx = idx[0];
        int[] testIdx = idx[1];
        shuffle(trainIdx, rng);
        shuffle(testIdx, rng);
        int side = frame ? FRAME : -1;
        int h = frame ? side : images.rows();
        int w = frame ? side : images.cols();
        double[] train = pixels(images, trainIdx, frame, h, w, rng);
        double[] test = pixels(images, testIdx, frame, h, w, rng);
        return new TaskData(name, 1, h, w, k, train, labels(images, trainIdx), test, labels(images, testIdx));
    }

    private static double[] pixels(ImageSet images, int[] idx, boolean frame, int h, int w, Random rng) {
        int r = images.rows(), c = images.cols();
        double[] x = new double[idx.length * h * w];
        for (int i = 0; i < idx.length; i++) {
            double[] img = images.normalized(idx[i]);
            int base = i * h * w;
            if (!frame) {
                System.arraycopy(img, 0, x, base, img.length);
                continue;
            }
            for (int k = 0; k < h * w; k++) {
                x[base + k] = NOISE * rng.nextGaussian();
            }
            int y0 = rng.nextInt(h - r + 1), x0 = rng.nextInt(w - c + 1);
            for (int y = 0; y < r; y++) {
                System.arraycopy(img, y * c, x, base + (y0 + y) * w + x0, c);
            }
        }
        return x;
    }

    private static int[] labels(ImageSet images, int[] idx) {
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            l[i] = images.labels()[idx[i]];
        }
        return l;
    }

    private static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
