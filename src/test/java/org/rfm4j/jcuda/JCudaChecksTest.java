// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.jcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;

/**
 * The JCuda adapter's checks without a GPU: addresses read from CUdeviceptr values, and every refusal of
 * {@link JCudaRfm#wrap} before it reaches the device (shape, precision, context, device, allocation size)
 * is an RfmException that says what to do. The driver's answers are fixed by {@link FakeDriver}.
 */
class JCudaChecksTest {
    private static final long ADDRESS = 0x7f00_0000_1000L;

    private static CUdeviceptr at(long address) {
        return new CUdeviceptr().withByteOffset(address);
    }

    private static String refused(ErrorCode code, Runnable r) {
        RfmException e = assertThrows(RfmException.class, r::run);
        assertEquals(code, e.code(), e.getMessage());
        return e.getMessage();
    }

    private static long check(CUdeviceptr p, int rows, int cols, Precision pr, FakeDriver driver) {
        return JCudaRfm.checkBuffer(p, rows, cols, pr, driver, 0);
    }

    @Test
    void theAddressIsTheNativePointerPlusEveryByteOffset() {
        assertEquals(0L, DevicePointers.address(new CUdeviceptr()));
        assertEquals(ADDRESS, DevicePointers.address(at(ADDRESS)));
        assertEquals(ADDRESS + 48, DevicePointers.address(at(ADDRESS).withByteOffset(16).withByteOffset(32)));
        assertEquals(ADDRESS, check(at(ADDRESS), 3, 4, Precision.FLOAT32, new FakeDriver()));
    }

    @Test
    void nullBuffersShapesAndPrecisionsAreRefused() {
        FakeDriver ok = new FakeDriver();
        assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> check(null, 1, 1, Precision.FLOAT32, ok))
                .contains("CUdeviceptr is null"));
        assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> check(new CUdeviceptr(), 1, 1, Precision.FLOAT32, ok))
                .contains("null (0)"));
        assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> check(at(ADDRESS), -1, 3, Precision.FLOAT32, ok))
                .contains("negative shape -1 x 3"));
        assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> check(at(ADDRESS), 2, 3, null, ok))
                .contains("precision is null"));
        assertTrue(refused(ErrorCode.INVALID_ARGUMENT,
                () -> check(at(ADDRESS), Integer.MAX_VALUE, Integer.MAX_VALUE, Precision.FLOAT64, ok))
                .contains("larger than any buffer"));
    }

    @Test
    void theCallerMustBeInTheDevicesPrimaryContext() {
        FakeDriver none = new FakeDriver();
        none.current = 0;
        assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> check(at(ADDRESS), 2, 2, Precision.FLOAT32, none))
                .contains("no CUDA context is current"));
        FakeDriver created = new FakeDriver();
        created.current = 9; // a context from cuCtxCreate
        String m = refused(ErrorCode.INVALID_ARGUMENT, () -> check(at(ADDRESS), 2, 2, Precision.FLOAT32, created));
        assertTrue(m.contains("not device 0's primary context") && m.contains("cuCtxSetCurrent"), m);
        FakeDriver elsewhere = new FakeDriver();
        elsewhere.allocationContext = 9;
        assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> check(at(ADDRESS), 2, 2, Precision.FLOAT32, elsewhere))
                .contains("allocated in another CUDA context"));
    }

    @Test
    void aBufferOnAnotherDeviceIsRefused() {
        FakeDriver other = new FakeDriver();
        other.allocationDevice = 1;
        String m = refused(ErrorCode.INVALID_ARGUMENT, () -> check(at(ADDRESS), 2, 2, Precision.FLOAT32, other));
        assertTrue(m.contains("lives on CUDA device 1") && m.contains("-Drfm4j.cuda.device=1"), m);
    }

    @Test
    void anAllocationSmallerThanTheMatrixIsRefused() {
        FakeDriver small = new FakeDriver();
        small.size = 4 * 5;
        assertEquals(ADDRESS, check(at(ADDRESS), 1, 5, Precision.FLOAT32, small));
        String m = refused(ErrorCode.INVALID_ARGUMENT, () -> check(at(ADDRESS), 2, 5, Precision.FLOAT32, small));
        assertTrue(m.contains("holds 20 bytes") && m.contains("needs 40"), m);
        assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> check(at(ADDRESS), 1, 5, Precision.FLOAT64, small))
                .contains("needs 40"));
        FakeDriver offset = new FakeDriver(); // a view 16 bytes into a 32-byte allocation
        offset.base = ADDRESS;
        offset.size = 32;
        assertEquals(ADDRESS + 16, check(at(ADDRESS).withByteOffset(16), 1, 4, Precision.FLOAT32, offset));
        assertTrue(refused(ErrorCode.INVALID_ARGUMENT,
                () -> check(at(ADDRESS).withByteOffset(16), 1, 5, Precision.FLOAT32, offset)).contains("holds 16 bytes"));
    }

    @Test
    void onlyTheCudaBackendIsAccepted() {
        try (ComputeBackend cpu = Backends.open("cpu")) {
            String m = refused(ErrorCode.INVALID_ARGUMENT, () -> JCudaRfm.on(cpu, new FakeDriver()));
            assertTrue(m.contains("this one is cpu") && m.contains("Backends.open(\"cuda\")"), m);
        }
        assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> JCudaRfm.on(null)).contains("the backend is null"));
    }
}
