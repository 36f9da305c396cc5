// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * A CPU-resident matrix: a row-major {@code double[]} (float64) or {@code float[]} (float32) on the heap.
 * Package-private storage so that only the CPU backend reads it.
 */
final class CpuMatrix implements DeviceMatrix {
    private final CpuBackend owner;
    private final int rows;
    private final int cols;
    private final Precision precision;
    final double[] d;
    final float[] f;
    private boolean closed;

    CpuMatrix(CpuBackend owner, int rows, int cols, Precision precision) {
        this.owner = owner;
        this.rows = rows;
        this.cols = cols;
        this.precision = precision;
        int size = Math.multiplyExact(rows, cols);
        this.d = precision == Precision.FLOAT64 ? new double[size] : null;
        this.f = precision == Precision.FLOAT32 ? new float[size] : null;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    /** The backend that made this matrix: the only one that may compute on it. */
    CpuBackend owner() {
        return owner;
    }

    boolean isClosed() {
        return closed;
    }

    boolean isDouble() {
        return d != null;
    }

    double get(int i) {
        return d != null ? d[i] : f[i];
    }

    void set(int i, double v) {
        if (d != null) {
            d[i] = v;
        } else {
            f[i] = (float) v;
        }
    }

    /** The values as doubles: the backing array itself for float64 (do not modify), a copy for float32. */
    double[] asDoubles() {
        if (d != null) {
            return d;
        }
        double[] out = new double[f.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** Writes {@code len} doubles into this matrix starting at element {@code offset}, rounding to the precision. */
    void store(double[] src, int srcOff, int offset, int len) {
        if (d != null) {
            System.arraycopy(src, srcOff, d, offset, len);
        } else {
            for (int i = 0; i < len; i++) {
                f[offset + i] = (float) src[srcOff + i];
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "CpuMatrix[" + rows + " x " + cols + ", " + precision + "]";
    }
}
