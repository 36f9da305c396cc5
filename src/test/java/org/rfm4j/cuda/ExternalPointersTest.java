// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.Precision;

/** The rules for caller-allocated device memory, on the numbers cudaPointerGetAttributes gives (no GPU needed). */
class ExternalPointersTest {
    private static String refused(Runnable r) {
        RfmException e = assertThrows(RfmException.class, r::run);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        return e.getMessage();
    }

    @Test
    void nullAndMisalignedAddressesAreRefused() {
        assertTrue(refused(() -> ExternalPointers.checkAddress("wrap", 0, Precision.FLOAT32)).contains("null (0)"));
        String m = refused(() -> ExternalPointers.checkAddress("wrap", 0x1002, Precision.FLOAT32));
        assertTrue(m.contains("0x1002") && m.contains("not aligned to the 4-byte elements"), m);
        assertTrue(refused(() -> ExternalPointers.checkAddress("wrap", 0x1004, Precision.FLOAT64)).contains("8-byte"));
        assertDoesNotThrow(() -> ExternalPointers.checkAddress("wrap", 0x1004, Precision.FLOAT32));
        assertDoesNotThrow(() -> ExternalPointers.checkAddress("wrap", 0x1008, Precision.FLOAT64));
    }

    @Test
    void sizesThatOverflowAreRefused() {
        assertEquals(24L, ExternalPointers.bytes("wrap", 0x1000, 2, 3, Precision.FLOAT32));
        String m = refused(() -> ExternalPointers.bytes("wrap", Long.MAX_VALUE - 16, 4, 4, Precision.FLOAT64));
        assertTrue(m.contains("does not fit the address space"), m);
    }

    @Test
    void onlyDeviceOrManagedMemoryOfTheBackendsDeviceIsAccepted() {
        assertDoesNotThrow(() -> ExternalPointers.checkMemory("wrap", 0x1000, ExternalPointers.DEVICE, 0, 0));
        assertDoesNotThrow(() -> ExternalPointers.checkMemory("wrap", 0x1000, ExternalPointers.MANAGED, 1, 1));
        String other = refused(() -> ExternalPointers.checkMemory("wrap", 0x1000, ExternalPointers.DEVICE, 1, 0));
        assertTrue(other.contains("lives on CUDA device 1") && other.contains("computes on device 0")
                && other.contains("-Drfm4j.cuda.device=1"), other);
        assertTrue(refused(() -> ExternalPointers.checkMemory("wrap", 0x1000, ExternalPointers.HOST, -1, 0))
                .contains("page-locked host memory"));
        assertTrue(refused(() -> ExternalPointers.checkMemory("wrap", 0x1000, ExternalPointers.UNREGISTERED, -1, 0))
                .contains("not device memory known to the CUDA runtime"));
        assertTrue(refused(() -> ExternalPointers.checkMemory("wrap", 0x1000, 42, 0, 0)).contains("memory type 42"));
    }
}
