// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * What the RFM loop needs to run, as plain values: the public API builds it from its parameters
 * (api.RfmParams#trainerSettings), the benchmark and the experiments directly. Validated by whoever
 * builds it.
 *
 * @param kernel            the kernel with its base bandwidth (with adaptive bandwidth: the multiplier)
 * @param reg               ridge added to the kernel diagonal
 * @param iterations        AGOP updates (iterations + 1 solves)
 * @param agopSamples       the AGOP runs over a seeded sample of at most this many training points
 * @param diagonal          learn a diagonal M
 * @param centering         centre the per-sample Jacobians
 * @param power             M = (AGOP / max entry)^power
 * @param adaptiveBandwidth L = bandwidth x the median distance under the current metric
 * @param earlyStopping     stop when the tuning metric is worse than the best by a factor 1.1
 * @param timeLimitSeconds  stop after the iteration that passes this time (0 = no limit)
 * @param precision         of every device matrix
 * @param seed              of the AGOP sample and the bandwidth sample
 * @param eigenPro          solve by EigenPro with these settings, or null for the direct (Cholesky) solve
 */
public record TrainerSettings(Kernel kernel, double reg, int iterations, int agopSamples, boolean diagonal,
                              boolean centering, double power, boolean adaptiveBandwidth, boolean earlyStopping,
                              double timeLimitSeconds, Precision precision, long seed, EigenProSettings eigenPro) {

    /** Settings of a direct (Cholesky) fit. */
    public TrainerSettings(Kernel kernel, double reg, int iterations, int agopSamples, boolean diagonal, boolean centering,
                           double power, boolean adaptiveBandwidth, boolean earlyStopping, double timeLimitSeconds,
                           Precision precision, long seed) {
        this(kernel, reg, iterations, agopSamples, diagonal, centering, power, adaptiveBandwidth, earlyStopping,
                timeLimitSeconds, precision, seed, null);
    }

    /** These settings with the kernel system solved by EigenPro ({@code ep}), or directly (null). */
    public TrainerSettings withEigenPro(EigenProSettings ep) {
        return new TrainerSettings(kernel, reg, iterations, agopSamples, diagonal, centering, power, adaptiveBandwidth,
                earlyStopping, timeLimitSeconds, precision, seed, ep);
    }
}
