// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import org.junit.jupiter.api.Assumptions;
import org.rfm4j.spi.Backends;

/**
 * The test controls of rfm4j's emulated CUDA device (native/emu; scripts/cuda-emu-test.sh runs the CUDA
 * tests on it). Its natives exist only in the emulated build of librfm4j_cuda.so; {@link #require()}
 * skips a test anywhere else (the normal build, a real GPU), with the reason.
 */
final class EmulatedDevice {
    /** cublasStatus_t and cusolverStatus_t values the tests inject. */
    static final int CUBLAS_STATUS_ALLOC_FAILED = 3;
    static final int CUBLAS_STATUS_EXECUTION_FAILED = 13;
    static final int CUSOLVER_STATUS_ALLOC_FAILED = 2;
    static final int CUSOLVER_STATUS_EXECUTION_FAILED = 6;
    static final int CUSOLVER_STATUS_INTERNAL_ERROR = 7;

    private EmulatedDevice() {
    }

    /** Whether this JVM runs on the emulated device (its library is loaded and the test property set). */
    static boolean active() {
        NativeLoader.Result lib = NativeLoader.load();
        return lib.loaded() && CudaRuntime.nativeIsEmulated() == 1
                && Boolean.getBoolean(CudaBackendProvider.EMULATION_PROPERTY)
                && Backends.provider("cuda").probe().available();
    }

    /** Skips the calling test unless the CUDA backend runs on the emulated device. */
    static void require() {
        Assumptions.assumeTrue(active(), () -> "not on the emulated CUDA device (scripts/cuda-emu-test.sh runs it): "
                + Backends.provider("cuda").probe().detail());
    }

    /** The call of `function` after `skip` more calls fails once with `status`. */
    static native void nInjectFailure(String function, int status, int skip);

    static native void nClearFailures();

    /** Calls of an emulated entry point, or launches of a kernel by its RFM4J_LAUNCH name. */
    static native long nCalls(String function);

    static native long nLiveAllocations();

    static native long nLiveBytes();

    static native void nSetMemoryBudget(long bytes);

    static native long nMemoryBudget();
}
