// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The update rule. SGD: w -= lr (g + wd w). AdamW (decoupled weight decay, as PyTorch's AdamW):
 * w -= lr wd w, then w -= lr m_hat / (sqrt(v_hat) + 1e-8) with betas 0.9 and 0.999.
 */
public enum Optimizer {
    /** Plain minibatch SGD with L2 weight decay added to the gradient. */
    SGD,
    /** Adam with decoupled weight decay. */
    ADAMW;

    /** Parses "sgd" or "adamw". */
    public static Optimizer parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "sgd" -> SGD;
            case "adamw" -> ADAMW;
            default -> throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown optimizer '" + s
                    + "': use sgd or adamw");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
