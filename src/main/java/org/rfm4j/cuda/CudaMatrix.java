// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * A row-major matrix in GPU memory: a device pointer held as a {@code final long}, its shape and
 * precision, and a closed flag. Closing frees the memory; closing twice is harmless; any use after
 * close throws {@link IllegalStateException}. Closing the owning backend frees every matrix it
 * still holds. No finalizer: close your matrices.
 *
 * <p>A borrowed matrix ({@link CudaBackend#wrapDevicePointer}) views memory the caller allocated:
 * closing it, or its backend, only ends the view and never frees the memory.
 */
public final class CudaMatrix implements DeviceMatrix {
    private final CudaBackend owner;
    private final long pointer;
    private final int rows;
    private final int cols;
    private final Precision precision;
    private final boolean borrowed;
    private volatile boolean closed;

    CudaMatrix(CudaBackend owner, long pointer, int rows, int cols, Precision precision, boolean borrowed) {
        this.owner = owner;
        this.pointer = pointer;
        this.rows = rows;
        this.cols = cols;
        this.precision = precision;
        this.borrowed = borrowed;
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

    CudaBackend owner() {
        return owner;
    }

    /** Whether the memory belongs to the caller (never freed by rfm4j). */
    public boolean borrowed() {
        return borrowed;
    }

    boolean isClosed() {
        return closed;
    }

    /** The device pointer; throws IllegalStateException after close. */
    long pointer() {
        if (closed) {
            throw new IllegalStateException("this CUDA matrix (" + rows + " x " + cols + ") is closed");
        }
        return pointer;
    }

    /** Marks closed without freeing (the owner frees). */
    void markClosed() {
        closed = true;
    }

    /** The raw pointer for freeing, whatever the flag. */
    long rawPointer() {
        return pointer;
    }

    @Override
    public void close() {
        owner.free(this); // checks and flips the flag under the backend's lock
    }

    @Override
    public String toString() {
        return "CudaMatrix[" + rows + " x " + cols + ", " + precision + (borrowed ? ", borrowed" : "")
                + (closed ? ", closed" : "") + "]";
    }

    static native void nFree(long pointer);
}
