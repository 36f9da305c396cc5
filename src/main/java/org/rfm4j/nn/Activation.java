// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/** The hidden layers' nonlinearity: ReLU max(h, 0) or quadratic h^2. */
public enum Activation {
    /** max(h, 0); derivative 1 for h &gt; 0, else 0. */
    RELU,
    /** h^2; derivative 2h. */
    QUADRATIC;

    /** sigma(h). */
    public double apply(double h) {
        return this == RELU ? (h > 0 ? h : 0) : h * h;
    }

    /** sigma'(h). */
    public double derivative(double h) {
        return this == RELU ? (h > 0 ? 1 : 0) : 2 * h;
    }

    /** The default gain of the hidden layers' initialisation: sqrt(2) for ReLU, 1 for quadratic. */
    public double initGain() {
        return this == RELU ? Math.sqrt(2) : 1;
    }

    /** Parses "relu" or "quadratic". */
    public static Activation parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "relu" -> RELU;
            case "quadratic", "quad" -> QUADRATIC;
            default -> throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown activation '" + s
                    + "': use relu or quadratic");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
