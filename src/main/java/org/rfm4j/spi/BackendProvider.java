package org.rfm4j.spi;

/**
 * Knows whether one backend can run here, and makes it. Providers are found by name in
 * {@link Backends}; the CUDA provider is looked up reflectively so that nothing on the CPU path
 * touches native code.
 */
public interface BackendProvider {
    /** "cpu" or "cuda". */
    String name();

    /** Whether the backend can run here, and why not when it cannot. Must never throw. */
    Availability probe();

    /** Opens the backend; throws {@link org.rfm4j.RfmException} (BACKEND_UNAVAILABLE) when it cannot. */
    ComputeBackend open();

    /**
     * The answer of {@link #probe()}: usable or not, with a one-line detail either way, and whether
     * "auto" may pick it (a backend that runs only when named, such as the emulated CUDA device of the
     * tests, is available but never automatic).
     */
    record Availability(boolean available, String detail, boolean automatic) {
        public static Availability yes(String detail) {
            return new Availability(true, detail, true);
        }

        /** Usable when asked for by name, never picked by "auto". */
        public static Availability onlyByName(String detail) {
            return new Availability(true, detail, false);
        }

        public static Availability no(String reason) {
            return new Availability(false, reason, false);
        }
    }
}
