// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import org.rfm4j.spi.OperandChecks;
import org.rfm4j.spi.Precision;

/**
 * The rules for device memory the caller allocated ({@link CudaBackend#wrapDevicePointer}): a non-null
 * address aligned to the element size, a size that fits a {@code long}, and memory the CUDA runtime
 * knows as device (or managed) memory on this backend's device. Pure decisions on numbers, so they are
 * tested without a GPU; the backend feeds them what cudaPointerGetAttributes answered.
 */
final class ExternalPointers {
    /** cudaMemoryType values (driver_types.h). */
    static final int UNREGISTERED = 0;
    static final int HOST = 1;
    static final int DEVICE = 2;
    static final int MANAGED = 3;

    private ExternalPointers() {
    }

    /** Bytes of rows x cols elements; refuses a size a long cannot hold or an address range that wraps. */
    static long bytes(String op, long address, int rows, int cols, Precision precision) {
        long bytes;
        try {
            bytes = Math.multiplyExact(Math.multiplyExact((long) rows, (long) cols), (long) precision.bytes());
            Math.addExact(address, bytes);
        } catch (ArithmeticException e) {
            throw OperandChecks.invalid(op + ": " + rows + " x " + cols + " " + precision + " at " + hex(address)
                    + " does not fit the address space: check the shape");
        }
        return bytes;
    }

    /** A non-null address aligned to the elements of the precision. */
    static void checkAddress(String op, long address, Precision precision) {
        if (address == 0) {
            throw OperandChecks.invalid(op + ": the device pointer is null (0): pass a buffer allocated with "
                    + "cuMemAlloc or cudaMalloc");
        }
        if (Long.remainderUnsigned(address, precision.bytes()) != 0) {
            throw OperandChecks.invalid(op + ": the address " + hex(address) + " is not aligned to the "
                    + precision.bytes() + "-byte elements of " + precision + ": pass the start of a "
                    + precision.name().toLowerCase(java.util.Locale.ROOT) + " array, or say the precision it holds");
        }
    }

    /** Device or managed memory on the backend's device, from cudaPointerGetAttributes' answer. */
    static void checkMemory(String op, long address, int memoryType, int pointerDevice, int backendDevice) {
        switch (memoryType) {
            case DEVICE, MANAGED -> {
                if (pointerDevice != backendDevice) {
                    throw OperandChecks.invalid(op + ": the buffer at " + hex(address) + " lives on CUDA device " + pointerDevice
                            + ", but this backend computes on device " + backendDevice + ": open the backend on device "
                            + pointerDevice + " (-Drfm4j.cuda.device=" + pointerDevice + ") or copy the data to device "
                            + backendDevice);
                }
            }
            case HOST -> throw OperandChecks.invalid(op + ": " + hex(address) + " is page-locked host memory "
                    + "(cuMemAllocHost, cuMemHostRegister), not device memory: copy it into a device buffer first");
            case UNREGISTERED -> throw OperandChecks.invalid(op + ": " + hex(address) + " is not device memory known "
                    + "to the CUDA runtime (host memory, memory already freed, or another process's): pass a device "
                    + "buffer allocated with cuMemAlloc or cudaMalloc in this process");
            default -> throw OperandChecks.invalid(op + ": " + hex(address) + " has CUDA memory type " + memoryType
                    + ", which rfm4j does not know: pass a buffer allocated with cuMemAlloc or cudaMalloc");
        }
    }

    static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }
}
