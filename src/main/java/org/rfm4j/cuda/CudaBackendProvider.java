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
 */
public final class CudaBackendProvider implements BackendProvider {
    /** The oldest compute capability this build has machine code for (sm_75); newer chips use PTX. */
    static final int MIN_CC = 75;

    /** What the probe learnt about the device, for {@link CudaBackend#description()}. */
    record DeviceFacts(int device, String name, long totalMemory, int ccMajor, int ccMinor, int multiprocessors,
                       int driverVersion, int runtimeVersion, String libraryFile, String mathLibraries,
                       boolean apiChecked) {
        String describe() {
            return name + " (device " + device + ", compute capability " + ccMajor + "." + ccMinor + ", "
                    + multiprocessors + " SMs, " + MemoryInfo.gib(totalMemory) + "), driver CUDA "
                    + CudaRuntime.version(driverVersion) + ", runtime " + CudaRuntime.version(runtimeVersion)
                    + " (static), " + mathLibraries + ", native library " + libraryFile;
        }
    }

    private record ProbeResult(Availability availability, DeviceFacts facts) {
    }

    private static ProbeResult cached;

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public Availability probe() {
        return probeOnce().availability();
    }

    @Override
    public ComputeBackend open() {
        ProbeResult r = probeOnce();
        if (!r.availability().available()) {
            throw new RfmException(ErrorCode.BACKEND_UNAVAILABLE,
                    "the CUDA backend is unavailable: " + r.availability().detail());
        }
        return new CudaBackend(r.facts());
    }

    private static synchronized ProbeResult probeOnce() {
        if (cached == null) {
            try {
                cached = runProbe();
            } catch (Throwable t) { // probe() must never throw
                cached = new ProbeResult(Availability.no("CUDA probe failed unexpectedly: " + t), null);
            }
        }
        return cached;
    }

    private static ProbeResult runProbe() {
        NativeLoader.Result lib = NativeLoader.load();
        if (!lib.loaded()) {
            return no(lib.detail());
        }
        int[] q = CudaRuntime.nativeQueryDevices();
        int driverStatus = q[0], driverVersion = q[1], runtimeVersion = q[2], countStatus = q[3], count = q[4];
        String runtime = CudaRuntime.version(runtimeVersion);
        if (countStatus == CudaRuntime.CUDA_ERROR_INSUFFICIENT_DRIVER) {
            if (driverStatus != 0 || driverVersion == 0) {
                return no("no NVIDIA driver: libcuda.so.1 was not found or does not answer "
                        + "(cudaErrorInsufficientDriver; the CUDA runtime in this build is " + runtime + ")");
            }
            return no("the NVIDIA driver is too old: it supports CUDA " + CudaRuntime.version(driverVersion)
                    + ", this build's runtime needs " + runtime + " (cudaErrorInsufficientDriver): update the driver");
        }
        if (countStatus == CudaRuntime.CUDA_ERROR_NO_DEVICE || (countStatus == 0 && count == 0)) {
            return no("no CUDA device: the driver (CUDA " + CudaRuntime.version(driverVersion)
                    + ") answers but reports no GPU (cudaErrorNoDevice)");
        }
        if (countStatus != 0) {
            return no("CUDA device query failed: " + CudaRuntime.nativeErrorText(countStatus));
        }
        int device = Integer.getInteger("rfm4j.cuda.device", 0);
        if (device < 0 || device >= count) {
            return no("rfm4j.cuda.device=" + device + " but only " + count + " CUDA device(s) exist");
        }
        String name = CudaRuntime.nativeDeviceName(device);
        long[] nums = CudaRuntime.nativeDeviceNumbers(device);
        int major = (int) nums[1], minor = (int) nums[2];
        if (major * 10 + minor < MIN_CC) {
            return no(name + " has compute capability " + major + "." + minor
                    + ", below 7.5, the oldest this build supports");
        }
        String math;
        try {
            math = CudaRuntime.nativeLoadMathLibraries(System.getProperty("rfm4j.cuda.libdir", ""));
        } catch (RfmException e) {
            return no(e.getMessage());
        }
        DeviceFacts facts = new DeviceFacts(device, name, nums[0], major, minor, (int) nums[3], driverVersion,
                runtimeVersion, lib.file(), math, CudaRuntime.nativeApiChecked() == 1);
        return new ProbeResult(Availability.yes(facts.describe()), facts);
    }

    private static ProbeResult no(String reason) {
        return new ProbeResult(Availability.no(reason), null);
    }
}
