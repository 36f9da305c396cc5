// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.jcuda;

/**
 * What the CUDA driver says about the calling thread's context and a device allocation, as raw
 * numbers; {@link JCudaDriverQueries} asks JCuda, the tests answer with fixed values.
 */
interface DriverQueries {
    /** The context current on the calling thread, 0 when none. */
    long currentContext();

    /** The primary context of a device ordinal (retained for the question, then released). */
    long primaryContext(int device);

    /** The context the allocation holding {@code address} was made in. */
    long allocationContext(long address);

    /** The device ordinal of the allocation holding {@code address}. */
    int allocationDevice(long address);

    /** {base, size in bytes} of the allocation holding {@code address}. */
    long[] allocationRange(long address);
}
