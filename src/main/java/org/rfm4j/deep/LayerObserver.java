// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.deep;

import org.rfm4j.data.Matrix;

/**
 * Sees each layer's representation during {@link DeepRfm#fit}: for measuring neural collapse per layer.
 * The matrix (n x d) is the observer's to keep (a fresh host copy).
 */
@FunctionalInterface
public interface LayerObserver {
    /** Where in a layer the representation was taken. */
    enum Stage {
        /**
         * The layer's input with every row scaled to unit norm (the standardised data for layer 0, else the
         * previous layer's output): what the layer's kernel ridge and AGOP see.
         */
        INPUT,
        /** After the projection x M^(1/2) of the unit-norm input (equal to INPUT in the control, M = I). */
        PROJECTED,
        /** After the random feature map: the layer's output, not normalised. */
        ACTIVATED
    }

    LayerObserver NONE = (layer, stage, x) -> { };

    void representation(int layer, Stage stage, Matrix x);
}
