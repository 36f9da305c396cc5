package org.rfm4j.spi;

/** Memory a backend can use, in bytes: what is free now and the total. */
public record MemoryInfo(long freeBytes, long totalBytes) {
    public static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
