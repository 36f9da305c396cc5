// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * How EigenPro solves (K + reg I) alpha = Y, as plain values, validated on construction.
 *
 * @param subsample the Nystrom subsample s that gives the preconditioner (at most n)
 * @param topQ      eigen-directions preconditioned (0: chosen from the spectrum, at most {@link #MAX_Q})
 * @param batchSize rows per step (0: automatic: all n rows with Nesterov's momentum where the flattened
 *                  spectrum allows, else EigenPro 2's rule, at most {@link #MAX_BATCH})
 * @param maxEpochs passes over the training rows, at most (the solve stops earlier once the relative
 *                  residual ||(K + reg I) alpha - Y|| / ||Y|| is below 1e-3)
 * @param patience  stop after this many epochs that lower the relative residual by less than 1%
 */
public record EigenProSettings(int subsample, int topQ, int batchSize, int maxEpochs, int patience)
        implements java.io.Serializable {
    /** Most eigen-directions the preconditioner takes. */
    public static final int MAX_Q = 150;
    /** Largest automatic batch. */
    public static final int MAX_BATCH = 4096;

    public EigenProSettings {
        if (subsample < 2) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the EigenPro subsample must be at least 2 rows, got "
                    + subsample + " (default 10000)");
        }
        if (topQ < 0 || topQ > MAX_Q) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "EigenPro's top q must be between 0 (automatic) and "
                    + MAX_Q + ", got " + topQ);
        }
        if (batchSize < 0) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the EigenPro batch size must be >= 0 (0: automatic), got "
                    + batchSize);
        }
        if (maxEpochs < 1 || patience < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "EigenPro needs at least one epoch and a patience of at"
                    + " least one epoch, got " + maxEpochs + " and " + patience);
        }
    }

    /** Subsample 10000 (or n), automatic q and batch, at most 20 epochs, patience 3. */
    public static EigenProSettings defaults() {
        return new EigenProSettings(10000, 0, 0, 20, 3);
    }
}
