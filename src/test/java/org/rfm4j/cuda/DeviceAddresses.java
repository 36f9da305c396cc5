// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import org.rfm4j.spi.DeviceMatrix;

/**
 * For tests outside this package that stand in for a CUDA application: the raw device address of a
 * matrix the CUDA backend allocated (what cuMemAlloc would have returned), and the emulated device's
 * controls they need.
 */
public final class DeviceAddresses {
    private DeviceAddresses() {
    }

    /** The device address of a CUDA matrix. */
    public static long of(DeviceMatrix m) {
        return ((CudaMatrix) m).pointer();
    }

    /** Skips the calling test unless the CUDA backend runs on the emulated device. */
    public static void requireEmulatedDevice() {
        EmulatedDevice.require();
    }

    /** Live allocations on the emulated device. */
    public static long liveAllocations() {
        return EmulatedDevice.nLiveAllocations();
    }
}
