// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The shape of the convolutional neural tangent kernel of ConvRFM ({@link ComputeBackend#convNtkMatrix}; the
 * kernel itself is defined by {@code org.rfm4j.conv.ConvNtk}, the host reference): {@code depth} convolutional
 * layers over a {@code gridRows x gridCols} grid of patch positions, each layer after the first a q x q window sum
 * that shrinks the grid by q - 1 per side, and layer-1 products divided by {@code channels}.
 *
 * @param depth    convolutional layers, at least 1
 * @param q        the further convolutions' window side (the patch side), at least 1
 * @param gridRows rows of patch positions at layer 1
 * @param gridCols columns of patch positions at layer 1
 * @param channels image channels c, at least 1
 */
public record ConvNtkShape(int depth, int q, int gridRows, int gridCols, int channels) {
    /** Checks the shape: every size at least 1, and a grid of at least one position at the last layer. */
    public ConvNtkShape {
        if (depth < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--depth must be at least 1, got " + depth);
        }
        if (q < 1 || gridRows < 1 || gridCols < 1 || channels < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "a convolutional kernel needs q, grid rows, grid columns "
                    + "and channels of at least 1, got q " + q + ", grid " + gridRows + " x " + gridCols + ", " + channels
                    + " channels");
        }
        long lastRows = gridRows - (long) (depth - 1) * (q - 1);
        long lastCols = gridCols - (long) (depth - 1) * (q - 1);
        if (lastRows < 1 || lastCols < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--depth " + depth + " with --q " + q + " shrinks the "
                    + gridRows + " x " + gridCols + " grid of patch positions below one position: lower --depth or --q");
        }
    }

    /** Rows of positions at layer l (0-based). */
    public int rows(int layer) {
        return gridRows - layer * (q - 1);
    }

    /** Columns of positions at layer l (0-based). */
    public int cols(int layer) {
        return gridCols - layer * (q - 1);
    }

    /** Positions at layer l (0-based). */
    public int positions(int layer) {
        return rows(layer) * cols(layer);
    }

    /** Positions at layer 1: the patches per image. */
    public int positions() {
        return positions(0);
    }

    /** The factor of layer-1 products, 1 / c. */
    public double inputScale() {
        return 1.0 / channels;
    }
}
