// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.lsh;

import java.util.SplittableRandom;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.lsh.BitMatrix;

/**
 * The planted-bias synthetic set: n random points in {0,1}^d whose first {@code informative} coordinates
 * are fair coins and whose other d - informative coordinates are 1 with probability {@code bias} only.
 *
 * <p>Splitting on a biased coordinate peels off few points yet still risks losing a query whose bit there
 * was flipped, so uniform bit sampling wastes most of its levels; the learned splits find the informative
 * coordinates. This is the kind of instance on which the learned forest's worst queries should improve.
 */
public final class PlantedBias {
    private PlantedBias() {
    }

    /**
     * Generates the set.
     *
     * @param n           points, at least 1
     * @param d           coordinates, at least 1
     * @param informative fair coordinates, in [0, d]
     * @param bias        probability of a 1 on the other coordinates, in [0, 1]
     * @param seed        the generator's seed
     */
    public static BitMatrix generate(int n, int d, int informative, double bias, long seed) {
        if (n < 1 || d < 1 || informative < 0 || informative > d || !(bias >= 0 && bias <= 1)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "planted-bias needs n, d >= 1, 0 <= informative <= d,"
                    + " bias in [0, 1]; got n=" + n + ", d=" + d + ", informative=" + informative + ", bias=" + bias);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[][] rows = new boolean[n][d];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                rows[p][i] = rng.nextDouble() < (i < informative ? 0.5 : bias);
            }
        }
        return BitMatrix.of(rows);
    }
}
