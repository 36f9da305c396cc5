// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

/** Changes the gradients after each backward pass, before the optimizer step (an intervention). */
@FunctionalInterface
public interface GradientHook {
    /** Rewrites {@code grads} (one row-major array per layer) in place. */
    void apply(double[][] grads);
}
