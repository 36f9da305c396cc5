// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds and loads {@code librfm4j_cuda.so}, once per JVM. The ladder, first hit wins:
 * <ol>
 *   <li>{@code -Drfm4j.native.skip=true}: do not load (the CUDA backend reports itself unavailable);</li>
 *   <li>{@code -Drfm4j.native.dir=DIR}: {@code DIR/librfm4j_cuda.so};</li>
 *   <li>{@code -Drfm4j.native.path=FILE}: that file;</li>
 *   <li>the jar resource {@code /native/linux-x86_64/librfm4j_cuda.so}, extracted to a temporary folder
 *       (deleted on exit);</li>
 *   <li>{@code System.loadLibrary("rfm4j_cuda")} ({@code java.library.path}).</li>
 * </ol>
 * Then a version handshake: the library's ABI number must equal {@link #ABI_VERSION}, so class files
 * and a library from different builds refuse each other instead of crashing. Never throws.
 */
public final class NativeLoader {
    /** Must equal RFM4J_NATIVE_ABI_VERSION in native/include/rfm4j_version.h. */
    public static final int ABI_VERSION = 2;
    public static final String LIBRARY_NAME = "rfm4j_cuda";
    public static final String FILE_NAME = "lib" + LIBRARY_NAME + ".so";
    public static final String RESOURCE = "/native/linux-x86_64/" + FILE_NAME;

    /** How loading ended. */
    public enum Outcome { LOADED, SKIPPED, NOT_FOUND, LOAD_FAILED, VERSION_MISMATCH }

    /** The outcome, a human-readable detail, and the file loaded (null when none). */
    public record Result(Outcome outcome, String detail, String file) {
        public boolean loaded() {
            return outcome == Outcome.LOADED;
        }
    }

    private static Result result;

    private NativeLoader() {
    }

    /** Loads the library if not yet tried, and returns the (cached) result. */
    public static synchronized Result load() {
        if (result == null) {
            try {
                result = tryLoad();
            } catch (Throwable t) { // never let a probe throw
                result = new Result(Outcome.LOAD_FAILED, "unexpected failure loading " + FILE_NAME + ": " + t, null);
            }
        }
        return result;
    }

    private static Result tryLoad() {
        if (Boolean.getBoolean("rfm4j.native.skip")) {
            return new Result(Outcome.SKIPPED, "native loading skipped by -Drfm4j.native.skip=true", null);
        }
        List<String> looked = new ArrayList<>();
        String dir = System.getProperty("rfm4j.native.dir");
        if (dir != null && !dir.isBlank()) {
            Path p = Paths.get(dir, FILE_NAME);
            if (Files.isRegularFile(p)) {
                return loadFile(p.toAbsolutePath().toString(), "rfm4j.native.dir");
            }
            looked.add(p + " (rfm4j.native.dir): no such file");
        }
        String path = System.getProperty("rfm4j.native.path");
        if (path != null && !path.isBlank()) {
            Path p = Paths.get(path);
            if (Files.isRegularFile(p)) {
                return loadFile(p.toAbsolutePath().toString(), "rfm4j.native.path");
            }
            looked.add(p + " (rfm4j.native.path): no such file");
        }
        if (isLinuxX64()) {
            try (InputStream in = NativeLoader.class.getResourceAsStream(RESOURCE)) {
                if (in != null) {
                    Path tmpDir = Files.createTempDirectory("rfm4j-native");
                    Path target = tmpDir.resolve(FILE_NAME);
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().deleteOnExit();
                    tmpDir.toFile().deleteOnExit();
                    return loadFile(target.toString(), "jar resource " + RESOURCE);
                }
                looked.add("jar resource " + RESOURCE + ": not in this build (built without nvcc)");
            } catch (IOException e) {
                looked.add("jar resource " + RESOURCE + ": cannot extract (" + e.getMessage() + ")");
            }
        } else {
            looked.add("jar resource: none for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + " (only linux-x86_64 is built)");
        }
        try {
            System.loadLibrary(LIBRARY_NAME);
            return handshake("java.library.path (" + System.mapLibraryName(LIBRARY_NAME) + ")");
        } catch (UnsatisfiedLinkError e) {
            looked.add("java.library.path: " + e.getMessage());
        } catch (SecurityException e) {
            looked.add("java.library.path: " + e);
        }
        return new Result(Outcome.NOT_FOUND, "no native library in this build: " + String.join("; ", looked), null);
    }

    private static Result loadFile(String file, String how) {
        try {
            System.load(file);
        } catch (UnsatisfiedLinkError | SecurityException e) {
            return new Result(Outcome.LOAD_FAILED, "the native library " + file + " (from " + how
                    + ") failed to load: " + e.getMessage(), file);
        }
        return handshake(file);
    }

    private static Result handshake(String file) {
        int abi;
        try {
            abi = CudaRuntime.nativeAbiVersion();
        } catch (UnsatisfiedLinkError e) {
            return new Result(Outcome.VERSION_MISMATCH, "the native library " + file
                    + " is not an rfm4j CUDA library of this version (" + e.getMessage() + ")", file);
        }
        if (abi != ABI_VERSION) {
            return new Result(Outcome.VERSION_MISMATCH, "the native library " + file + " has ABI version " + abi
                    + " but these classes need " + ABI_VERSION + ": rebuild it (scripts/build-native.sh) or point "
                    + "-Drfm4j.native.dir at a matching build", file);
        }
        return new Result(Outcome.LOADED, "loaded " + file, file);
    }

    static boolean isLinuxX64() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
