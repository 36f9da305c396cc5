// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.jcuda;

/**
 * Fixed driver answers for tests (no libcuda here): by default a thread in device 0's primary context
 * (handle 7) and every buffer a whole allocation of {@code size} bytes from its address in that context.
 */
final class FakeDriver implements DriverQueries {
    long current = 7;
    long primary = 7;
    long allocationContext = 7;
    int allocationDevice = 0;
    long base = -1; // -1: the allocation starts at the address asked about
    long size = Long.MAX_VALUE / 4;

    @Override
    public long currentContext() {
        return current;
    }

    @Override
    public long primaryContext(int device) {
        return primary;
    }

    @Override
    public long allocationContext(long address) {
        return allocationContext;
    }

    @Override
    public int allocationDevice(long address) {
        return allocationDevice;
    }

    @Override
    public long[] allocationRange(long address) {
        return new long[] {base == -1 ? address : base, size};
    }
}
