// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.BackendProvider;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.MemoryInfo;

/**
 * The "cuda" backend provider. {@link #probe()} loads the native library, asks the driver for a
 * device and loads cuBLAS/cuSOLVER; it never throws, and when the backend cannot run it says
 * exactly why: no library in this build, the library failed to load, no driver or one too old,
 * no device, cuBLAS or cuSOLVER not found (with the paths tried). The answer is computed once per
 * JVM. Properties: {@code rfm4j.cuda.device} (default 0), {@code rfm4j.cuda.libdir} (folders,
 * ':'-separated, searched first for cuBLAS/cuSOLVER; also the environment variable RFM4J_CUDA_LIBDIR).
 *
 * <p>The emulated CUDA device of the tests (native/emu, a library build that runs the kernels on host
 * threads) never passes for a GPU: loaded without {@code -Drfm4j.test.emulatedCuda=true} it makes
 * the backend unavailable, saying so; with it, the backend runs when asked for by name, describes
 * itself as emulated, and "auto" still picks the CPU.
 */
public final class CudaBackendProvider implements BackendProvider {
    /** The name users pass (--backend cuda). */
    public static final String NAME = "cuda";

    /** The oldest compute capability this build has machine code for (sm_75); newer chips use PTX. */
    static final int MIN_CC = 75;
    /** The test property that admits the emulated CUDA device. */
    public static final String EMULATION_PROPERTY = "rfm4j.test.emulatedCuda";

    /** What the probe learnt about the device, for {@link CudaBackend#description()}. */
    record DeviceFacts(int device, String name, long totalMemory, int ccMajor, int ccMinor, int multiprocessors,
                       int driverVersion, int runtimeVersion, String libraryFile, String mathLibraries,
                       boolean apiChecked, boolean emulated) {
        String describe() {
            return (emulated ? "EMULATED for tests, not a GPU: " : "") + name + " (device " + device
                    + ", compute capability " + ccMajor + "." + ccMinor + ", " + multiprocessors + " SMs, "
                    + MemoryInfo.gib(totalMemory) + "), driver CUDA " + CudaRuntime.version(driverVersion)
                    + ", runtime " + CudaRuntime.version(runtimeVersion) + (emulated ? " (emulated)" : " (static)")
                    + ", " + mathLibraries + ", native library " + libraryFile;
        }
    }

    /** What the probe found; emulatedLibrary is the file when the library is the emulated device, else null. */
    private record ProbeResult(Availability availability, DeviceFacts facts, String emulatedLibrary) {
    }

    private static ProbeResult cached;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int autoPriority() {
        return 100;
    }

    @Override
    public Availability probe() {
        ProbeResult r = probeOnce();
        if (r.emulatedLibrary() == null) {
            return r.availability();
        }
        // decided on every call, not cached: a test may set or clear the property
        if (!Boolean.getBoolean(EMULATION_PROPERTY)) {
            return Availability.no("the native library " + r.emulatedLibrary() + " is rfm4j's emulated CUDA "
                    + "device (a test build that runs the kernels on CPU threads), which only the tests use (-D"
                    + EMULATION_PROPERTY + "=true): for a GPU, build the real library with nvcc "
                    + "(scripts/build-native.sh) or use the release jar");
        }
        return r.availability().available() ? Availability.onlyByName(r.availability().detail()) : r.availability();
    }

    @Override
    public ComputeBackend open() {
        ProbeResult r = probeOnce();
        Availability a = probe();
        if (!a.available()) {
            throw new RfmException(ErrorCode.BACKEND_UNAVAILABLE, "the CUDA backend is unavailable: " + a.detail());
        }
        return new CudaBackend(r.facts());
    }

    private static synchronized ProbeResult probeOnce() {
        if (cached == null) {
            try {
                cached = runProbe();
            } catch (Throwable t) { // probe() must never throw
                cached = new ProbeResult(Availability.no("CUDA probe failed unexpectedly: " + t), null, null);
            }
        }
        return cached;
    }

    private static ProbeResult runProbe() {
        NativeLoader.Result lib = NativeLoader.load();
        if (!lib.loaded()) {
            return no(lib.detail(), null);
        }
        String emulated = CudaRuntime.nativeIsEmulated() == 1 ? lib.file() : null;
        int[] q = CudaRuntime.nativeQueryDevices();
        int driverStatus = q[0], driverVersion = q[1], runtimeVersion = q[2], countStatus = q[3], count = q[4];
        String runtime = CudaRuntime.version(runtimeVersion);
        if (countStatus == CudaRuntime.CUDA_ERROR_INSUFFICIENT_DRIVER) {
            if (driverStatus != 0 || driverVersion == 0) {
                return no("no NVIDIA driver: libcuda.so.1 was not found or does not answer "
                        + "(cudaErrorInsufficientDriver; the CUDA runtime in this build is " + runtime + ")", emulated);
            }
            return no("the NVIDIA driver is too old: it supports CUDA " + CudaRuntime.version(driverVersion)
                    + ", this build's runtime needs " + runtime + " (cudaErrorInsufficientDriver): update the driver",
                    emulated);
        }
        if (countStatus == CudaRuntime.CUDA_ERROR_NO_DEVICE || (countStatus == 0 && count == 0)) {
            return no("no CUDA device: the driver (CUDA " + CudaRuntime.version(driverVersion)
                    + ") answers but reports no GPU (cudaErrorNoDevice)", emulated);
        }
        if (countStatus != 0) {
            return no("CUDA device query failed: " + CudaRuntime.nativeErrorText(countStatus), emulated);
        }
        int device = Integer.getInteger("rfm4j.cuda.device", 0);
        if (device < 0 || device >= count) {
            return no("rfm4j.cuda.device=" + device + " but only " + count + " CUDA device(s) exist", emulated);
        }
        String name = CudaRuntime.nativeDeviceName(device);
        long[] nums = CudaRuntime.nativeDeviceNumbers(device);
        int major = (int) nums[1], minor = (int) nums[2];
        if (major * 10 + minor < MIN_CC) {
            return no(name + " has compute capability " + major + "." + minor
                    + ", below 7.5, the oldest this build supports", emulated);
        }
        String math;
        try {
            math = CudaRuntime.nativeLoadMathLibraries(System.getProperty("rfm4j.cuda.libdir", ""));
        } catch (RfmException e) {
            return no(e.getMessage(), emulated);
        }
        DeviceFacts facts = new DeviceFacts(device, name, nums[0], major, minor, (int) nums[3], driverVersion,
                runtimeVersion, lib.file(), math, CudaRuntime.nativeApiChecked() == 1, emulated != null);
        return new ProbeResult(Availability.yes(facts.describe()), facts, emulated);
    }

    private static ProbeResult no(String reason, String emulatedLibrary) {
        return new ProbeResult(Availability.no(reason), null, emulatedLibrary);
    }
}
