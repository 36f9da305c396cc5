// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

/**
 * A dense row-major matrix that lives where its backend computes (the Java heap for
 * the CPU backend, GPU memory for CUDA). Algorithms hold these as opaque handles and
 * pass them back to the backend that made them; only {@link ComputeBackend#download}
 * brings values to the host. Closing frees the storage (closing twice is harmless); passing a
 * closed matrix to its backend is refused with {@code INVALID_ARGUMENT} ({@link OperandChecks}).
 */
public interface DeviceMatrix extends AutoCloseable {
    /** Number of rows. */
    int rows();

    /** Number of columns. */
    int cols();

    /** The precision the elements are stored and computed in. */
    Precision precision();

    /** Number of elements, as a long (rows * cols may exceed int range). */
    default long size() {
        return (long) rows() * cols();
    }

    @Override
    void close();
}
