// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.convrfm;

import java.util.Random;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The generated "star" task of the ConvRFM paper's code: 3 x 32 x 32 images of N(0, 0.3^2) noise; a
 * positive (class 1) carries a fixed 7 x 7 star glyph of value 1 on its first two channels (as the
 * reference generator draws it), at an offset drawn uniformly from 0 .. 17 in each direction; negatives
 * are noise only. Half of each set is positive; the order is shuffled. Seeded: the test set comes from
 * the same generator after the training set.
 */
public final class StarTask {
    /** Image side. */
    public static final int SIDE = 32;
    /** Channels. */
    public static final int CHANNELS = 3;
    /** Channels the glyph is drawn on. */
    public static final int GLYPH_CHANNELS = 2;
    /** Noise standard deviation. */
    public static final double NOISE = 0.3;
    /** Largest offset of the glyph (inclusive). */
    public static final int MAX_OFFSET = SIDE - 15;

    /** The glyph: {row, first column, last column} spans, relative to the offset. */
    private static final int[][] GLYPH = {
            {3, 10, 10}, {4, 9, 11}, {5, 7, 13}, {6, 8, 12}, {7, 9, 11}, {8, 8, 12}, {9, 8, 9}, {9, 11, 12}};

    private StarTask() {
    }

    /** Training then test images from one generator seeded by {@code seed}. */
    public static TaskData generate(int nTrain, int nTest, long seed) {
        if (nTrain < 2 || nTest < 2) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the star task needs --n-train and --n-test of at least 2, got "
                    + nTrain + " and " + nTest);
        }
        Random rng = new Random(seed);
        double[][] train = new double[1][];
        int[] trainLabels = draw(rng, nTrain, train);
        double[][] test = new double[1][];
        int[] testLabels = draw(rng, nTest, test);
        return new TaskData("star", CHANNELS, SIDE, SIDE, 2, train[0], trainLabels, test[0], testLabels);
    }

    private static int[] draw(Random rng, int n, double[][] out) {
        int size = CHANNELS * SIDE * SIDE;
        double[] x = new double[n * size];
        int[] labels = new int[n];
        int positives = n / 2;
        for (int i = 0; i < n; i++) {
            labels[i] = i < positives ? 1 : 0;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < size; k++) {
                x[i * size + k] = NOISE * rng.nextGaussian();
            }
            if (labels[i] == 1) {
                drawGlyph(x, i * size, rng.nextInt(MAX_OFFSET + 1), rng.nextInt(MAX_OFFSET + 1));
            }
        }
        out[0] = x;
        return labels;
    }

    /** Sets the glyph's pixels to 1 on the first {@link #GLYPH_CHANNELS} channels of the image at {@code offset}. */
    static void drawGlyph(double[] x, int offset, int dy, int dx) {
        for (int ch = 0; ch < GLYPH_CHANNELS; ch++) {
            for (int[] span : GLYPH) {
                for (int c = span[1]; c <= span[2]; c++) {
                    x[offset + ch * SIDE * SIDE + (span[0] + dy) * SIDE + c + dx] = 1.0;
                }
            }
        }
    }
}
