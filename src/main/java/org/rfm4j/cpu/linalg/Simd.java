// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

/**
 * Selects between the Vector API kernels ({@code VecKernels_D/_F}, incubator module
 * {@code jdk.incubator.vector}) and the scalar loops C2 auto-vectorises ({@link Kernels_D},
 * {@link Kernels_F}). The vector path is used when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and system property {@code rfm4j.cpu.vector}
 * is not {@code false}; the vector classes are only loaded after that check, and any
 * {@link LinkageError} (or failure of a small self test) on first use selects the scalar
 * path, so a JVM without the module never fails. The 8-row tiles were tuned on 512-bit SIMD only;
 * with narrower vectors (AVX2) they would spill registers, so there the scalar path is kept unless
 * {@code rfm4j.cpu.vector=true} forces the vector one.
 */
public final class Simd {
    private Simd() {
    }

    /** Whether the vector kernels can run in this JVM (module present, not disabled, self test passed). */
    private static String reason = "";
    public static final boolean AVAILABLE = probe();
    private static volatile boolean enabled = AVAILABLE;

    private static boolean probe() {
        String prop = System.getProperty("rfm4j.cpu.vector", "").trim();
        if ("false".equalsIgnoreCase(prop)) {
            reason = "rfm4j.cpu.vector=false";
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            reason = "jdk.incubator.vector absent: start java with --add-modules jdk.incubator.vector";
            return false;
        }
        try {
            int bits = VecKernels_D.S.vectorBitSize();
            if (bits < 512 && !"true".equalsIgnoreCase(prop)) {
                reason = bits + "-bit SIMD: the vector tiles are tuned for 512-bit (force with -Drfm4j.cpu.vector=true)";
                return false;
            }
            boolean ok = VecKernels_D.selfTest() && VecKernels_F.selfTest();
            reason = ok ? "" : "vector self test failed";
            return ok;
        } catch (LinkageError | RuntimeException e) {
            reason = "vector kernels failed to load: " + e;
            return false;
        }
    }

    /** Whether kernels called now use the vector path. */
    public static boolean enabled() {
        return enabled;
    }

    /**
     * Turns the vector path on or off for later kernel calls (process wide; meant for tests
     * and benchmarks). Turning it on has no effect when it is not {@link #AVAILABLE}.
     */
    public static void setEnabled(boolean on) {
        enabled = on && AVAILABLE;
    }

    /** One-line description of the active path, e.g. for logs and benchmarks. */
    public static String describe() {
        if (enabled) {
            return "vector (jdk.incubator.vector, " + VecKernels_D.describe() + ")";
        }
        return "scalar (" + (AVAILABLE ? "vector path switched off" : reason) + ")";
    }
}
