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

    /** The answer of {@link #probe()}: usable or not, with a one-line detail either way. */
    record Availability(boolean available, String detail) {
        public static Availability yes(String detail) {
            return new Availability(true, detail);
        }

        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
