// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The shape of a patch expansion: images of {@code channels x height x width} (row-major, channel
 * first), patches of {@code q x q} taken at stride 1. With valid padding a patch is taken wherever it
 * fits, giving {@code (height - q + 1) x (width - q + 1)} positions; with same padding the image is
 * padded by zeros ({@code q / 2} on each side) and every pixel has a patch. A patch is a vector of
 * length {@code channels q^2} indexed {@code ch q^2 + dy q + dx}.
 *
 * @param channels    c, at least 1
 * @param height      image rows
 * @param width       image columns
 * @param q           patch side, odd or even, at most min(height, width)
 * @param samePadding pad by zeros so that every pixel has a patch (false: valid)
 */
public record PatchGeometry(int channels, int height, int width, int q, boolean samePadding) {
    public PatchGeometry {
        if (channels < 1 || height < 1 || width < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "images need at least one channel, row and column, got "
                    + channels + " x " + height + " x " + width);
        }
        if (q < 1 || q > Math.min(height, width)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--q must be between 1 and the image side "
                    + Math.min(height, width) + ", got " + q);
        }
    }

    /** Values per image, c h w. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Rows of patch positions. */
    public int outHeight() {
        return samePadding ? height : height - q + 1;
    }

    /** Columns of patch positions. */
    public int outWidth() {
        return samePadding ? width : width - q + 1;
    }

    /** Patch positions per image. */
    public int positions() {
        return outHeight() * outWidth();
    }

    /** Length of one patch, c q^2. */
    public int patchDim() {
        return channels * q * q;
    }
}
