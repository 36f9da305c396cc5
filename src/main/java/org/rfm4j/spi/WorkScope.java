// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

/**
 * One unit of work (a fit, a prediction) opened by {@link ComputeBackend#workScope}: the backend's
 * choices for it (on the CPU, vector or scalar kernels) hold for the calling thread until it is
 * closed. Closing does not throw.
 */
public interface WorkScope extends AutoCloseable {
    /** A scope that changes nothing. */
    WorkScope NONE = new WorkScope() {
        @Override
        public void close() {
        }
    };

    @Override
    void close();
}
