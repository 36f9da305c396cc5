// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

/** Agreement of two results measured against the larger scale of the expected one (how backends are compared). */
public final class Normwise {
    private Normwise() {
    }

    /**
     * max_i |expected_i - actual_i| / max_i |expected_i| at most {@code tol} (NaN fails); the message names the worst
     * element.
     */
    public static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1e-300, worst = 0;
        int at = -1;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double e = Math.abs(expected[i] - actual[i]);
            if (!(e <= worst)) { // also catches NaN
                worst = e;
                at = i;
            }
        }
        double rel = worst / scale;
        final int idx = at;
        assertTrue(rel <= tol, () -> String.format(Locale.ROOT,
                "%s: normwise relative error %.3e > %.0e (at %d: expected %.17g, got %.17g)", what, rel, tol, idx,
                expected[idx], actual[idx]));
    }
}
