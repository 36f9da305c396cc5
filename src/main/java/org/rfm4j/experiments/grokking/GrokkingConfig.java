// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Settings of one grokking run (docs/EXPERIMENTS.md, grokking).
 *
 * @param task          add, sub, mul or div
 * @param p             the modulus (prime for mul and div)
 * @param trainFraction r in (0, 1): floor(r * pairs) training pairs, the rest test
 * @param kernel        gaussian (exp(-||x - z||_M^2 / (2 L^2))) or quadratic (3 (x^T M z)^2)
 * @param bandwidth     L of the gaussian kernel
 * @param iterations    AGOP updates; iterations + 1 models are fitted (M_0 .. M_iterations)
 * @param seed          the split's seed
 */
public record GrokkingConfig(String task, int p, double trainFraction, String kernel, double bandwidth,
                             int iterations, long seed) {

    public static final String[] TASKS = {"add", "sub", "mul", "div"};

    public GrokkingConfig {
        task = task == null ? "" : task.trim().toLowerCase(Locale.ROOT);
        kernel = kernel == null ? "" : kernel.trim().toLowerCase(Locale.ROOT);
        if (!java.util.Arrays.asList(TASKS).contains(task)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown task '" + task + "': use add, sub, mul or div");
        }
        if (p < 3 || p > 400) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "p = " + p
                    + " is out of range: use 3 <= p <= 400 (the paper uses 61)");
        }
        if (CirculantMetrics.multiplicative(task) && !CirculantMetrics.isPrime(p)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "task " + task + " needs a prime p (the discrete-log"
                    + " order and inverses need a field) but p = " + p + ": use a prime such as 61");
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "training fraction " + trainFraction
                    + " is out of range: use 0 < r < 1 (the paper uses 0.5)");
        }
        if (!kernel.equals("gaussian") && !kernel.equals("quadratic")) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown kernel '" + kernel
                    + "': use gaussian or quadratic");
        }
        if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "bandwidth " + bandwidth
                    + " must be a positive finite number (the paper uses 2.5)");
        }
        if (iterations < 0 || iterations > 1000) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "iterations = " + iterations
                    + " is out of range: use 0 to 1000 (the paper uses 30)");
        }
    }

    /** The paper's defaults: add, p = 61, r = 0.5, gaussian L = 2.5, 30 iterations, seed 0. */
    public static GrokkingConfig defaults() {
        return new GrokkingConfig("add", 61, 0.5, "gaussian", 2.5, 30, 0);
    }

    public boolean quadratic() {
        return kernel.equals("quadratic");
    }
}
