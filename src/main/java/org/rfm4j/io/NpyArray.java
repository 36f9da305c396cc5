// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.util.Arrays;

/**
 * An array read from a .npy file, converted to double. {@code shape} has 1 or 2 entries;
 * {@code data} is in C (row-major) order; {@code dtype} is the file's descr, e.g. {@code "<f8"}.
 *
 * @param shape the shape, 1 or 2 entries
 * @param data  the values as doubles, row-major
 * @param dtype the file's descr, e.g. {@code "<f8"}
 */
public record NpyArray(int[] shape, double[] data, String dtype) {

    /** Number of rows: shape[0]. */
    public int rows() {
        return shape[0];
    }

    /** Number of columns: shape[1] for a 2-D array, 1 for a 1-D array. */
    public int cols() {
        return shape.length == 1 ? 1 : shape[1];
    }

    /** True when the file held integers (the values are exact in {@link #data} up to 2^53). */
    public boolean isInteger() {
        return dtype.length() >= 2 && (dtype.charAt(1) == 'i' || dtype.charAt(1) == 'u');
    }

    @Override
    public String toString() {
        return "NpyArray[shape=" + Arrays.toString(shape) + ", dtype=" + dtype + "]";
    }
}
