// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

/**
 * An unsigned-byte array read from an idx file: its shape and its values in row-major order.
 *
 * @param dims the shape; {@code dims[0]} is the item count (possibly cut to a limit by the reader)
 * @param data the values, {@code data.length == product(dims)}; read them as {@code data[k] & 0xff}
 */
public record IdxArray(int[] dims, byte[] data) {

    /** Number of items, {@code dims[0]}. */
    public int count() {
        return dims[0];
    }

}
