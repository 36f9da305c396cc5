// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.convrfm;

import java.util.List;
import java.util.Random;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The generated "star" task of the ConvRFM paper's code: 3 x 32 x 32 images of N(0, 0.3^2) noise; a
 * positive (class 1) carries a fixed 7 x 7 star glyph of value 1 on its first two channels (as the
 * reference generator draws it), at an offset drawn uniformly from 0 .. 17 in each direction; negatives
 * are noise only. Two splits ({@link #SPLITS}), both seeded by one {@code java.util.Random}:
 * <ul>
 * <li>{@code balanced}: half of each set is positive, the order shuffled; the test set comes from the same
 * generator after the training set.</li>
 * <li>{@code reference}: the way the paper's code most likely splits (its {@code get_star} is not public;
 * 2050 = 2 x 1050 - 50): one pool of m positives then m negatives, m = ceil((nTrain + nTest) / 2) (1050
 * for 50 / 2050; for an odd total the last pooled image is left unused), shuffled with the same generator;
 * the first nTrain are the training set, the next nTest the test set. The training set is then not exactly
 * half positive.</li>
 * </ul>
 * Each image is drawn the same way in both: its noise, then for a positive the glyph's two offsets.
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

    /** The splits, as {@code --star-split} lists them. */
    public static final List<String> SPLITS = List.of("balanced", "reference");

    /** The glyph: {row, first column, last column} spans, relative to the offset. */
    private static final int[][] GLYPH = {
            {3, 10, 10}, {4, 9, 11}, {5, 7, 13}, {6, 8, 12}, {7, 9, 11}, {8, 8, 12}, {9, 8, 9}, {9, 11, 12}};

    private StarTask() {
    }

    /** The balanced split: training then test images from one generator seeded by {@code seed}. */
    public static TaskData generate(int nTrain, int nTest, long seed) {
        return generate(nTrain, nTest, seed, "balanced");
    }

    /** Training and test images of {@code split} (one of {@link #SPLITS}) from one generator seeded by {@code seed}. */
    public static TaskData generate(int nTrain, int nTest, long seed, String split) {
        checkSplit(split);
        if (nTrain < 2 || nTest < 2) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the star task needs --n-train and --n-test of at least 2, got "
                    + nTrain + " and " + nTest);
        }
        Random rng = new Random(seed);
        if ("reference".equals(split)) {
            return referenceSplit(rng, nTrain, nTest);
        }
        double[][] train = new double[1][];
        int[] trainLabels = draw(rng, nTrain, train);
        double[][] test = new double[1][];
        int[] testLabels = draw(rng, nTest, test);
        return new TaskData("star", CHANNELS, SIDE, SIDE, 2, train[0], trainLabels, test[0], testLabels);
    }

    /** Throws a user error naming the allowed values unless {@code split} is one of {@link #SPLITS}. */
    public static void checkSplit(String split) {
        if (!SPLITS.contains(split)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown --star-split '" + split + "': use balanced or reference");
        }
    }

    private static TaskData referenceSplit(Random rng, int nTrain, int nTest) {
        int size = CHANNELS * SIDE * SIDE;
        int perClass = (nTrain + nTest + 1) / 2;
        int pool = 2 * perClass;
        double[] x = new double[pool * size];
        for (int i = 0; i < pool; i++) {
            drawImage(rng, x, i * size, i < perClass);
        }
        int[] order = new int[pool];
        for (int i = 0; i < pool; i++) {
            order[i] = i;
        }
        for (int i = pool - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] train = new double[nTrain * size];
        int[] trainLabels = new int[nTrain];
        double[] test = new double[nTest * size];
        int[] testLabels = new int[nTest];
        for (int i = 0; i < nTrain + nTest; i++) {
            int src = order[i];
            int label = src < perClass ? 1 : 0;
            if (i < nTrain) {
                System.arraycopy(x, src * size, train, i * size, size);
                trainLabels[i] = label;
            } else {
                System.arraycopy(x, src * size, test, (i - nTrain) * size, size);
                testLabels[i - nTrain] = label;
            }
        }
        return new TaskData("star", CHANNELS, SIDE, SIDE, 2, train, trainLabels, test, testLabels);
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
            drawImage(rng, x, i * size, labels[i] == 1);
        }
        out[0] = x;
        return labels;
    }

    /** One image at {@code offset}: its noise, then for a positive the glyph at two random offsets. */
    private static void drawImage(Random rng, double[] x, int offset, boolean positive) {
        for (int k = 0; k < CHANNELS * SIDE * SIDE; k++) {
            x[offset + k] = NOISE * rng.nextGaussian();
        }
        if (positive) {
            drawGlyph(x, offset, rng.nextInt(MAX_OFFSET + 1), rng.nextInt(MAX_OFFSET + 1));
        }
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
