// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

/**
 * Patch expansion: every patch position of an image replaced by its {@code q x q x c} patch, so that a
 * convolution of size q and stride q on the expanded image is a per-position linear map of the patches.
 * The expanded image is stored as a {@code positions x patchDim} row-major block (see
 * {@link PatchGeometry} for the layout).
 */
public final class PatchExpansion {
    private PatchExpansion() {
    }

    /**
     * Writes the patches of the image {@code images[offset .. offset + c h w)} into
     * {@code out[outOffset .. outOffset + positions patchDim)}; pixels outside the image (same padding) are 0.
     */
    public static void expand(PatchGeometry g, double[] images, int offset, double[] out, int outOffset) {
        int q = g.q();
        int h = g.height();
        int w = g.width();
        int pad = g.samePadding() ? q / 2 : 0;
        int oh = g.outHeight();
        int ow = g.outWidth();
        int d = g.patchDim();
        for (int py = 0; py < oh; py++) {
            for (int px = 0; px < ow; px++) {
                int base = outOffset + (py * ow + px) * d;
                int k = 0;
                for (int ch = 0; ch < g.channels(); ch++) {
                    int plane = offset + ch * h * w;
                    for (int dy = 0; dy < q; dy++) {
                        int y = py + dy - pad;
                        for (int dx = 0; dx < q; dx++, k++) {
                            int x = px + dx - pad;
                            out[base + k] = y >= 0 && y < h && x >= 0 && x < w ? images[plane + y * w + x] : 0.0;
                        }
                    }
                }
            }
        }
    }

    /** The patches of images {@code from .. to} of a row-major image block, as one array. */
    public static double[] expandRange(PatchGeometry g, double[] images, int from, int to) {
        int block = g.positions() * g.patchDim();
        double[] out = new double[(to - from) * block];
        for (int i = from; i < to; i++) {
            expand(g, images, i * g.imageSize(), out, (i - from) * block);
        }
        return out;
    }
}
