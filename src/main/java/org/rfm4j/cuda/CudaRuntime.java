// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

/**
 * Process-level native queries: the ABI handshake, driver and device discovery, and loading of
 * cuBLAS/cuSOLVER. Call only after {@link NativeLoader#load()} succeeded (except
 * {@link #nativeAbiVersion()}, which the loader itself uses for the handshake).
 */
final class CudaRuntime {
    /** cudaErrorInsufficientDriver: no driver, or one older than the runtime. */
    static final int CUDA_ERROR_INSUFFICIENT_DRIVER = 35;
    /** cudaErrorNoDevice. */
    static final int CUDA_ERROR_NO_DEVICE = 100;

    private CudaRuntime() {
    }

    static native int nativeAbiVersion();

    /** {driverStatus, driverVersion, runtimeVersion, deviceCountStatus, deviceCount}. */
    static native int[] nativeQueryDevices();

    /** cudaGetErrorName + cudaGetErrorString of a cudaError_t. */
    static native String nativeErrorText(int error);

    static native String nativeDeviceName(int device);

    /** {totalGlobalMem, ccMajor, ccMinor, multiProcessorCount}. */
    static native long[] nativeDeviceNumbers(int device);

    /**
     * Loads cuBLAS and cuSOLVER (once per process); returns which files and versions. Throws
     * RfmException(BACKEND_UNAVAILABLE) listing every path tried when one is not found.
     */
    static native String nativeLoadMathLibraries(String extraDirs);

    /** 1 when the library was compiled against the toolkit's real cuBLAS/cuSOLVER headers. */
    static native int nativeApiChecked();

    /**
     * 1 when the library is rfm4j's emulated CUDA device (native/emu: kernels on host threads, emulated
     * cuBLAS/cuSOLVER), a build for the tests that must never pass for a GPU.
     */
    static native int nativeIsEmulated();

    /** "13.0" from 13000. */
    static String version(int v) {
        return (v / 1000) + "." + ((v % 1000) / 10);
    }
}
