// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tree;

import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * How the RFM tree splits and routes, as plain values, validated on construction.
 *
 * @param leafSize    split every node above this many training rows (0: automatic, 20000 on a
 *                    host-memory backend and 60000 on an accelerator, lowered to what one fit can hold)
 * @param splitSample a node's split direction comes from a one-step RFM on this many of its rows
 * @param routing     "auto" (hard or soft, whichever scores better on validation), "hard" or "soft"
 * @param temperature soft routing's temperature (0: chosen on validation among {@link #TEMPERATURES})
 * @param leafWorkers leaves fitted at once (0: as many as memory and cores allow; 1: one after another)
 */
public record TreeSettings(int leafSize, int splitSample, String routing, double temperature, int leafWorkers)
        implements java.io.Serializable {
    /** Default leaf size on a host-memory (CPU) backend. */
    public static final int HOST_LEAF_SIZE = 20000;
    /** Default leaf size on an accelerator (xRFM's 60000 on a 40 GB GPU). */
    public static final int DEVICE_LEAF_SIZE = 60000;
    /** Soft-routing temperatures tried on validation, in units of a split's spread. */
    public static final double[] TEMPERATURES = {0.05, 0.1, 0.2, 0.4};
    /** Smallest leaf size accepted. */
    static final int MIN_LEAF_SIZE = 10;

    public TreeSettings {
        if (leafSize != 0 && leafSize < MIN_LEAF_SIZE) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "leaf size " + leafSize + " is too small: use at least "
                    + MIN_LEAF_SIZE + " (or 0 for automatic)");
        }
        if (splitSample < MIN_LEAF_SIZE) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "split sample " + splitSample
                    + " is too small: use at least " + MIN_LEAF_SIZE + " (default 5000)");
        }
        routing = routing == null ? "" : routing.trim().toLowerCase(Locale.ROOT);
        if (!routing.equals("auto") && !routing.equals("hard") && !routing.equals("soft")) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown routing '" + routing + "': use auto, hard or soft");
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "temperature must be a finite number >= 0, got "
                    + temperature);
        }
        if (leafWorkers < 0) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "leaf workers must be >= 0 (0: automatic), got "
                    + leafWorkers);
        }
    }

    /** The defaults: automatic leaf size, 5000-row split fits, routing chosen on validation, automatic workers. */
    public static TreeSettings defaults() {
        return new TreeSettings(0, 5000, "auto", 0, 0);
    }

    public TreeSettings withLeafSize(int v) {
        return new TreeSettings(v, splitSample, routing, temperature, leafWorkers);
    }

    public TreeSettings withSplitSample(int v) {
        return new TreeSettings(leafSize, v, routing, temperature, leafWorkers);
    }

    public TreeSettings withRouting(String v) {
        return new TreeSettings(leafSize, splitSample, v, temperature, leafWorkers);
    }

    public TreeSettings withTemperature(double v) {
        return new TreeSettings(leafSize, splitSample, routing, v, leafWorkers);
    }

    public TreeSettings withLeafWorkers(int v) {
        return new TreeSettings(leafSize, splitSample, routing, temperature, v);
    }
}
