// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

import java.util.Objects;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * An immutable {@code n x d} matrix of bits, one row per point, packed 64 to a {@code long}.
 *
 * <p>Layout: row {@code p} occupies {@code words = ceil(d / 64)} longs starting at {@code p * words};
 * bit {@code i} of the row is bit {@code i & 63} of long {@code i >>> 6}. Bits past {@code d} are zero.
 */
public final class BitMatrix {
    private final int n;
    private final int d;
    private final int words;
    private final long[] bits;

    private BitMatrix(int n, int d, long[] bits) {
        this.n = n;
        this.d = d;
        this.words = wordsFor(d);
        this.bits = bits;
    }

    /** Number of longs that hold {@code d} bits. */
    public static int wordsFor(int d) {
        return (d + 63) >>> 6;
    }

    /**
     * Binarises row-major values: bit {@code (p, i)} is {@code values[p * d + i] > threshold}.
     *
     * @param values {@code n * d} values, not modified; NaN is an error
     */
    public static BitMatrix threshold(float[] values, int n, int d, double threshold) {
        checkShape(n, d);
        if ((long) n * d != values.length) {
            throw new RfmException(ErrorCode.INVALID_DATA, "expected " + n + " x " + d + " values, got " + values.length);
        }
        int words = wordsFor(d);
        long[] bits = new long[n * words];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                float v = values[p * d + i];
                if (Float.isNaN(v)) {
                    throw new RfmException(ErrorCode.INVALID_DATA, "NaN at row " + p + ", column " + i);
                }
                if (v > threshold) {
                    bits[p * words + (i >>> 6)] |= 1L << i;
                }
            }
        }
        return new BitMatrix(n, d, bits);
    }

    /** Builds a matrix from boolean rows (all of length {@code d}), not modified. */
    public static BitMatrix of(boolean[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        checkShape(n, d);
        int words = wordsFor(d);
        long[] bits = new long[n * words];
        for (int p = 0; p < n; p++) {
            if (rows[p].length != d) {
                throw new RfmException(ErrorCode.INVALID_DATA, "row " + p + " has " + rows[p].length + " bits, expected " + d);
            }
            for (int i = 0; i < d; i++) {
                if (rows[p][i]) {
                    bits[p * words + (i >>> 6)] |= 1L << i;
                }
            }
        }
        return new BitMatrix(n, d, bits);
    }

    private static void checkShape(int n, int d) {
        if (n < 1 || d < 1) {
            throw new RfmException(ErrorCode.INVALID_DATA, "a bit matrix needs at least one row and one column, got "
                    + n + " x " + d);
        }
        if ((long) n * wordsFor(d) > Integer.MAX_VALUE - 16) {
            throw new RfmException(ErrorCode.OUT_OF_MEMORY, n + " x " + d + " bits do not fit one Java array");
        }
    }

    public int rows() {
        return n;
    }

    public int cols() {
        return d;
    }

    /** Longs per row. */
    public int words() {
        return words;
    }

    /** Bit {@code i} of row {@code p}. */
    public boolean get(int p, int i) {
        Objects.checkIndex(p, n);
        Objects.checkIndex(i, d);
        return (bits[p * words + (i >>> 6)] >>> i & 1L) != 0;
    }

    /** A copy of row {@code p}, {@link #words()} longs. */
    public long[] row(int p) {
        Objects.checkIndex(p, n);
        long[] out = new long[words];
        System.arraycopy(bits, p * words, out, 0, words);
        return out;
    }

    /** Hamming distance between row {@code p} and the packed vector {@code q} ({@link #words()} longs). */
    public int hamming(int p, long[] q) {
        return hamming(bits, p * words, q, 0, words);
    }

    /** Hamming distance between rows {@code p} and {@code s}. */
    public int hamming(int p, int s) {
        return hamming(bits, p * words, bits, s * words, words);
    }

    /** {@code sum_k popcount(a[aOff + k] ^ b[bOff + k])} for k in [0, words). */
    public static int hamming(long[] a, int aOff, long[] b, int bOff, int words) {
        int h = 0;
        for (int k = 0; k < words; k++) {
            h += Long.bitCount(a[aOff + k] ^ b[bOff + k]);
        }
        return h;
    }

    /** The packed storage itself, shared, for the algorithms of this package; never modified. */
    long[] raw() {
        return bits;
    }
}
