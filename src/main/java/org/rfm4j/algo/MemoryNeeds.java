// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import org.rfm4j.spi.MemoryInfo;
import org.rfm4j.spi.Precision;

/**
 * What a direct fit needs in a backend's memory: the n x n kernel matrix (factored in place) plus the
 * n-row operands (X, X S, alpha, host copies), with a margin for what the backend's own libraries
 * take. The one rule that decides between the direct solve and the tree, and that refuses a direct
 * fit that cannot run.
 */
public final class MemoryNeeds {
    /** Part of the free memory a plan may use. */
    static final double USABLE = 0.9;

    private MemoryNeeds() {
    }

    /** Bytes a direct fit of n rows, d features and c outputs needs at its peak. */
    public static long directFitBytes(long n, int d, int c, Precision precision) {
        return n * n * precision.bytes() + 4L * n * (d + c) * Double.BYTES;
    }

    /** Whether a direct fit of n rows fits in {@code memory}'s free bytes. */
    public static boolean directFits(long n, int d, int c, Precision precision, MemoryInfo memory) {
        return directFitBytes(n, d, c, precision) <= USABLE * memory.freeBytes();
    }

    /** The most rows a direct fit can take in {@code freeBytes} (0 when not even one). */
    public static int largestDirectRows(long freeBytes, int d, int c, Precision precision) {
        double budget = USABLE * freeBytes;
        long lo = 0, hi = 1L << 24; // 16.7 million rows: far beyond any memory, and no overflow below
        while (lo < hi) { // the largest n with directFitBytes(n) <= budget
            long mid = (lo + hi + 1) >>> 1;
            if (directFitBytes(mid, d, c, precision) <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return (int) lo;
    }
}
