// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

/**
 * The NFA intervention: every layer's gradient is scaled to unit Frobenius norm, then the target layer's
 * is multiplied by C and every other layer's divided by C (a zero gradient stays zero).
 */
public final class GradientScaling implements GradientHook {
    private final int target;
    private final double c;

    /** Boosts layer {@code target} (0-based) by {@code c} against the others. */
    public GradientScaling(int target, double c) {
        this.target = target;
        this.c = c;
    }

    @Override
    public void apply(double[][] grads) {
        for (int l = 0; l < grads.length; l++) {
            double s = 0;
            for (double g : grads[l]) {
                s += g * g;
            }
            if (s == 0) {
                continue;
            }
            double f = (l == target ? c : 1 / c) / Math.sqrt(s);
            for (int i = 0; i < grads[l].length; i++) {
                grads[l][i] *= f;
            }
        }
    }
}
