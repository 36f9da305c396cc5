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

    /**
     * Units of work (see {@link #scope}) below this many flops run on the scalar kernels: the vector
     * kernels cost about 1.5 s of JIT warm-up once per JVM (until C2 compiles them they run boxed), which
     * a small fit never earns back. Property {@code rfm4j.cpu.vectorMinFlops}; docs/BENCHMARKS.md has
     * the measurements behind the default.
     */
    public static final double VECTOR_MIN_FLOPS = LinalgParams.flopsProperty("rfm4j.cpu.vectorMinFlops", 5e10);

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

    /**
     * The path fixed for the calling thread by {@link #scope} (null: none, the process-wide setting
     * applies). {@link Parallel} hands it to the workers it starts, so one unit of work runs on one path
     * while other threads' work runs on theirs.
     */
    private static final ThreadLocal<Boolean> SCOPED = new ThreadLocal<>();
    /** A scope that changes nothing. */
    static final Scope NO_SCOPE = new Scope() {
        @Override
        public void close() {
        }
    };
    private static final Scope CLEAR_SCOPE = new Scope() {
        @Override
        public void close() {
            SCOPED.remove();
        }
    };

    /** Whether kernels called now, on this thread, use the vector path. */
    public static boolean enabled() {
        Boolean s = SCOPED.get();
        return s != null ? s : enabled;
    }

    /** A setting (kernel path, thread cap) fixed for one unit of work on one thread; closing it restores the previous one. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Fixes the path for the calling thread (and the kernel workers it starts) until the returned scope
     * is closed: vector when {@code vector} and the vector path is {@link #AVAILABLE} and enabled, scalar
     * otherwise. Inside an open scope this changes nothing (the outer unit of work keeps its path, so
     * one fit never mixes the two and never runs code cold on the path it did not warm).
     */
    public static Scope scope(boolean vector) {
        if (SCOPED.get() != null) {
            return NO_SCOPE;
        }
        SCOPED.set(vector && enabled);
        return CLEAR_SCOPE;
    }

    /**
     * The path for a unit of work of {@code flops} flops: vector when it is large enough to repay the
     * vector kernels' warm-up ({@link #VECTOR_MIN_FLOPS}). A function of the size alone, never of what the
     * JVM ran before, so the same unit always rounds the same way.
     */
    public static boolean worthVector(double flops) {
        return !(flops < VECTOR_MIN_FLOPS);
    }

    /** The calling thread's scoped path, for {@link Parallel} to hand to its workers. */
    static Boolean scoped() {
        return SCOPED.get();
    }

    /** Sets (or with null clears) a worker thread's scoped path; {@link Parallel} only. */
    static void adopt(Boolean path) {
        if (path == null) {
            SCOPED.remove();
        } else {
            SCOPED.set(path);
        }
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
