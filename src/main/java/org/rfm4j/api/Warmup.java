// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/**
 * Hides the JVM's warm-up from a first small fit. In a fresh JVM the CPU backend's loops run interpreted
 * until the JIT has compiled them, which makes the first fit of a few hundred rows several times slower
 * than the next one (docs/BENCHMARKS.md). {@link #startInBackground()}, called early (before reading the
 * data, say), runs the backend's kernels on tiny inputs on one core meanwhile, so the real fit starts on
 * compiled code. It changes no result. The command line does this for {@code fit} and {@code predict};
 * system property {@code rfm4j.warmup=false} turns it off.
 */
public final class Warmup {
    private Warmup() {
    }

    /** Whether {@link #startInBackground()} starts anything (system property {@code rfm4j.warmup}, default on). */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("rfm4j.warmup", "").trim());
    }

    /**
     * Starts the warm-up on a low-priority daemon thread and returns it (join it to wait), or returns null
     * when {@link #enabled()} is false.
     */
    public static Thread startInBackground() {
        if (!enabled()) {
            return null;
        }
        Thread t = new Thread(Warmup::run, "rfm4j-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Warms up the CPU backend on the calling thread. Never throws: a warm-up that fails changes nothing. */
    public static void run() {
        try (ComputeBackend be = Backends.open("cpu")) {
            be.warmUp();
        } catch (RuntimeException | LinkageError e) {
            // nothing warmed; the fit will compile its code itself
        }
    }
}
