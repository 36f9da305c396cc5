// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Whether the CUDA backend must run in this test JVM: on a machine with an NVIDIA GPU, and on the
 * emulated device when the tests ask for it. There, a CUDA backend that reports itself unavailable is
 * a failure, never a skip: a suite whose every CUDA case was skipped must not pass for a GPU run.
 */
public final class GpuMachine {
    private static Boolean gpu;

    private GpuMachine() {
    }

    /** /dev/nvidia0 or /dev/nvidiactl exists, or nvidia-smi lists a GPU. */
    public static synchronized boolean gpuPresent() {
        if (gpu == null) {
            gpu = Files.exists(Paths.get("/dev/nvidia0")) || Files.exists(Paths.get("/dev/nvidiactl")) || smiListsGpu();
        }
        return gpu;
    }

    /** Why the CUDA backend must be available here, or null when it may be missing. */
    public static String cudaRequiredBecause() {
        if (Boolean.getBoolean(CudaBackendProvider.EMULATION_PROPERTY)) {
            return "the emulated CUDA device was requested (-D" + CudaBackendProvider.EMULATION_PROPERTY + "=true)";
        }
        if (gpuPresent()) {
            return "this machine has an NVIDIA GPU";
        }
        return null;
    }

    private static boolean smiListsGpu() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0 && out.contains("GPU");
        } catch (Exception e) { // no nvidia-smi: no GPU
            return false;
        }
    }
}
