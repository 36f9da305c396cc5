// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.jcuda;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The driver-level rules for a caller's buffer, decided on what {@link DriverQueries} answers: a context
 * is current on the calling thread and it is the primary context of the backend's device (the CUDA
 * runtime, and so rfm4j's engine, computes there); the buffer was allocated on that device in that
 * context; the allocation holds the whole matrix from the given address on.
 */
final class ContextRules {
    private ContextRules() {
    }

    /** Refuses with an RfmException that says what to change; {@code bytes} is the matrix's size. */
    static void check(String what, DriverQueries driver, long address, long bytes, int device) {
        long current = driver.currentContext();
        if (current == 0) {
            throw invalid(what + ": no CUDA context is current on this thread: make device " + device + "'s primary "
                    + "context current (cuDevicePrimaryCtxRetain, then cuCtxSetCurrent) before calling rfm4j");
        }
        long primary = driver.primaryContext(device);
        if (current != primary) {
            throw invalid(what + ": the current CUDA context is not device " + device + "'s primary context; rfm4j "
                    + "computes in the primary context (the CUDA runtime's): use cuDevicePrimaryCtxRetain and "
                    + "cuCtxSetCurrent instead of cuCtxCreate, and allocate there");
        }
        int owner = driver.allocationDevice(address);
        if (owner != device) {
            throw invalid(what + ": the buffer lives on CUDA device " + owner + ", but the backend computes on device "
                    + device + ": open the backend on device " + owner + " (-Drfm4j.cuda.device=" + owner
                    + ") or copy the data to device " + device);
        }
        if (driver.allocationContext(address) != primary) {
            throw invalid(what + ": the buffer was allocated in another CUDA context than device " + device
                    + "'s primary context, where rfm4j computes: allocate it with the primary context current");
        }
        long[] range = driver.allocationRange(address);
        long room = range[0] + range[1] - address;
        if (address < range[0] || room < bytes) {
            throw invalid(what + ": from 0x" + Long.toHexString(address) + " the allocation holds " + Math.max(0, room)
                    + " bytes, but the matrix needs " + bytes + ": give the buffer's real shape and precision, or "
                    + "allocate a larger one");
        }
    }

    private static RfmException invalid(String message) {
        return new RfmException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
