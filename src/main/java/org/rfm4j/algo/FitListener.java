// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import java.util.Map;

/** Progress of a fit: phases as they start and iterations as they end. Called on the fitting thread. */
public interface FitListener {
    FitListener NONE = new FitListener() {
    };

    /** A phase ("kernel", "solve", "agop", ...) of iteration {@code iter} starts; elapsed since fit start. */
    default void phaseStarted(int iter, String phase, double elapsedSeconds) {
    }

    /** Iteration {@code iter} is done (validation scored, timings final). */
    default void iterationDone(IterationRecord record, double elapsedSeconds) {
    }

    /**
     * An EigenPro epoch of iteration {@code iter} is done: the validation metrics (when there is a
     * validation set), "residual" (the relative residual ||(K + reg I) alpha - Y|| / ||Y||) and the
     * epoch's seconds.
     */
    default void epochDone(int iter, int epoch, Map<String, Double> scores, double seconds, double elapsedSeconds) {
    }

    /** Something the user should know (jitter added, early stop, time limit). */
    default void note(String message) {
    }
}
