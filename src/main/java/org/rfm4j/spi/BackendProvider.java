// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

/**
 * Knows whether one backend can run here, and makes it. Providers are registered as Java services
 * (META-INF/services/org.rfm4j.spi.BackendProvider) and found by {@link Backends}; constructing one
 * must be cheap and touch no native code (probing may).
 */
public interface BackendProvider {
    /** The backend's name, as users type it ("cpu", "cuda"). */
    String name();

    /**
     * Preference of "auto": the available, automatic provider of highest priority is opened. 0 marks
     * the fallback that always runs (the CPU); an accelerator uses a larger number.
     */
    int autoPriority();

    /** Whether the backend can run here, and why not when it cannot. Must never throw. */
    Availability probe();

    /** Opens the backend; throws {@link org.rfm4j.RfmException} (BACKEND_UNAVAILABLE) when it cannot. */
    ComputeBackend open();

    /**
     * The answer of {@link #probe()}: usable or not, with a one-line detail either way, and whether
     * "auto" may pick it (a backend that runs only when named, such as the emulated CUDA device of the
     * tests, is available but never automatic).
     *
     * @param available whether the backend can run here
     * @param detail    one line: what runs, or why it cannot
     * @param automatic whether "auto" may pick it
     */
    record Availability(boolean available, String detail, boolean automatic) {
        /** Usable, and "auto" may pick it. */
        public static Availability yes(String detail) {
            return new Availability(true, detail, true);
        }

        /** Usable when asked for by name, never picked by "auto". */
        public static Availability onlyByName(String detail) {
            return new Availability(true, detail, false);
        }

        /** Not usable here, for {@code reason}. */
        public static Availability no(String reason) {
            return new Availability(false, reason, false);
        }
    }
}
