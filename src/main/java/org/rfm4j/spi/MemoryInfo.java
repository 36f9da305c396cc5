// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

/**
 * Memory a backend can use, in bytes: what is free now and the total.
 *
 * @param freeBytes  bytes free now
 * @param totalBytes bytes in all
 */
public record MemoryInfo(long freeBytes, long totalBytes) {
    /** A size for people: GiB with two decimals from 1 GiB up, MiB below. */
    public static String gib(long bytes) {
        if (bytes < (1L << 30)) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
