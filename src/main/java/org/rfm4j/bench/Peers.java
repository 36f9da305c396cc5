// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.io.JsonReader;

/**
 * Runs the Python peers (bench/peers/*.py) as subprocesses and reads their one-line JSON reports.
 *
 * <p>OpenBLAS: this machine may set OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (older OpenBLAS builds
 * crash or compute wrong results on some processors without them). They slow a current OpenBLAS,
 * so for the peer subprocesses only, both are removed together from the environment; the numpy
 * peer reports, through threadpoolctl, which core type OpenBLAS then runs. The JVM itself and the
 * tests keep the environment as it is.
 */
public final class Peers {
    /** Environment variables removed (together) from the peers' environment. */
    public static final List<String> UNSET_FOR_PEERS = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");
    /** glibc malloc settings of the peer subprocesses: freed memory is kept for reuse (see exec). */
    public static final Map<String, String> MALLOC_ENV = Map.of("MALLOC_MMAP_MAX_", "0",
            "MALLOC_TRIM_THRESHOLD_", "68719476736", "MALLOC_TOP_PAD_", "268435456");
    /** How to install the peers, named in every "skipped" note. */
    public static final String INSTALL_HINT = "install them with scripts/install-peers.sh"
            + " (apt-get install python3-numpy python3-torch)";

    private final String python;
    private final Path dir;
    private final boolean numpy;
    private final boolean torch;
    private final boolean torchCuda;
    private final String why;

    private Peers(String python, Path dir, boolean numpy, boolean torch, boolean torchCuda, String why) {
        this.python = python;
        this.dir = dir;
        this.numpy = numpy;
        this.torch = torch;
        this.torchCuda = torchCuda;
        this.why = why;
    }

    /** Probes the interpreter: can it import numpy, torch, and does torch see CUDA. Never throws. */
    public static Peers probe(String python, Path peersDir, boolean wantCuda) {
        Path dir = peersDir != null ? peersDir : locateScripts();
        if (dir == null || !Files.isRegularFile(dir.resolve("rfm_torch.py"))) {
            return new Peers(python, dir, false, false, false, "the peer scripts (bench/peers/rfm_torch.py) were not"
                    + " found: run from the rfm4j checkout or pass --peers-dir");
        }
        Result np = exec(python, List.of("-c", "import numpy"), 120, null);
        if (np.code != 0) {
            return new Peers(python, dir, false, false, false, python + " cannot import numpy (" + np.lastLine()
                    + "): " + INSTALL_HINT + ", or pass --python with an interpreter that has them");
        }
        String code = wantCuda ? "import torch; print(torch.cuda.is_available())" : "import torch; print(False)";
        Result t = exec(python, List.of("-c", code), 300, null);
        if (t.code != 0) {
            return new Peers(python, dir, true, false, false, python + " cannot import torch (" + t.lastLine()
                    + "): " + INSTALL_HINT + ", or pass --python with an interpreter that has it");
        }
        return new Peers(python, dir, true, true, t.out.strip().endsWith("True"), "");
    }

    public boolean hasNumpy() {
        return numpy;
    }

    public boolean hasTorch() {
        return torch;
    }

    public boolean hasTorchCuda() {
        return torchCuda;
    }

    /** Why a peer is unavailable ("" when all are). */
    public String why() {
        return why;
    }

    /** Threads rfm4j's CPU backend uses: the peers get as many. */
    static int threads() {
        return org.rfm4j.cpu.linalg.Parallel.threads();
    }

    /** Runs the PyTorch peer on the data in {@code dataDir}; returns its report. */
    public Map<String, Object> runTorch(Path dataDir, String tag, String solver, String device, String kernel,
                                        double bandwidth, double reg, int iterations, String precision, int repeats,
                                        long timeoutSeconds) {
        return runTorch(dataDir, tag, solver, device, kernel, bandwidth, reg, iterations, precision, 1, repeats,
                timeoutSeconds);
    }

    /** As above with {@code warmup} unmeasured fits first (0: the first, cold fit is in the report's "runs"). */
    public Map<String, Object> runTorch(Path dataDir, String tag, String solver, String device, String kernel,
                                        double bandwidth, double reg, int iterations, String precision, int warmup,
                                        int repeats, long timeoutSeconds) {
        List<String> args = List.of(dir.resolve("rfm_torch.py").toString(), "--dir", dataDir.toString(),
                "--kernel", kernel, "--bandwidth", Double.toString(bandwidth), "--reg", Double.toString(reg),
                "--iterations", Integer.toString(iterations), "--precision", precision, "--solver", solver,
                "--device", device, "--warmup", Integer.toString(warmup), "--repeats", Integer.toString(repeats),
                "--tag", tag, "--threads", Integer.toString(threads()));
        return report(exec(python, args, timeoutSeconds, dataDir.resolve(tag + ".log")), tag, dataDir);
    }

    /** Runs the NumPy floor at (n, d); returns its report. */
    public Map<String, Object> runNumpy(Path dataDir, int n, int d, String precision, int repeats, long timeoutSeconds) {
        List<String> args = List.of(dir.resolve("numpy_floor.py").toString(), "--n", Integer.toString(n),
                "--d", Integer.toString(d), "--precision", precision, "--repeats", Integer.toString(repeats));
        return report(exec(python, args, timeoutSeconds, dataDir.resolve("numpy.log")), "numpy", dataDir);
    }

    private static Map<String, Object> report(Result r, String what, Path dataDir) {
        if (r.code != 0) {
            throw new RfmException(ErrorCode.INTERNAL, "peer " + what + " failed (exit " + r.code + "): " + r.lastLine()
                    + " (full log in " + dataDir.resolve(what + ".log") + ")");
        }
        String[] lines = r.out.strip().split("\n");
        return JsonReader.parseObject(lines[lines.length - 1]);
    }

    /** Output and exit status of a finished subprocess (code -1: did not start; 124: timed out). */
    record Result(int code, String out, String err) {
        String lastLine() {
            String s = (err.isBlank() ? out : err).strip();
            int nl = s.lastIndexOf('\n');
            return JsonReader.abbreviate(nl >= 0 ? s.substring(nl + 1) : s);
        }
    }

    static Result exec(String python, List<String> args, long timeoutSeconds, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(python);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        for (String v : UNSET_FOR_PEERS) {
            pb.environment().remove(v);
        }
        // glibc hands every block over 32 MB back to the OS on free, so each n x n temporary is page-faulted
        // in anew; page faults are slow here (128 MB of zeros took 0.23 s) and made the torch peer up to 8x
        // slower than its compute. The JVM keeps its heap, so to compare compute, not the allocator, the
        // peers keep freed memory too: no mmap'd blocks, no trimming.
        for (Map.Entry<String, String> e : MALLOC_ENV.entrySet()) {
            pb.environment().putIfAbsent(e.getKey(), e.getValue());
        }
        // the same thread count as rfm4j's CPU backend (torch's OpenMP default here is 1)
        pb.environment().putIfAbsent("OMP_NUM_THREADS", Integer.toString(threads()));
        Path errFile = null;
        try {
            errFile = log != null ? log : Files.createTempFile("rfm-peer", ".log");
            pb.redirectError(errFile.toFile());
            Process p = pb.start();
            byte[] out;
            // stdout is one JSON line: read it fully (the process ends after printing it)
            Thread reader;
            final byte[][] holder = new byte[1][];
            reader = new Thread(() -> {
                try {
                    holder[0] = p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    holder[0] = new byte[0];
                }
            }, "peer-stdout");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Result(124, "", "timed out after " + timeoutSeconds + " s");
            }
            reader.join(10_000);
            out = holder[0] == null ? new byte[0] : holder[0];
            String err = Files.readString(errFile, StandardCharsets.UTF_8);
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err);
        } catch (IOException e) {
            return new Result(-1, "", "cannot run " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        } finally {
            if (log == null && errFile != null) {
                try {
                    Files.deleteIfExists(errFile);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** bench/peers next to the checkout: from the working folder, or from where these classes were loaded. */
    static Path locateScripts() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Paths.get("bench", "peers"));
        try {
            Path code = Paths.get(Peers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/classes or target/rfm4j.jar -> the checkout root is two levels up
            for (Path p = code; p != null; p = p.getParent()) {
                candidates.add(p.resolve("bench").resolve("peers"));
            }
        } catch (Exception ignored) {
            // no code source (unusual class loader): the working folder is the only candidate
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve("rfm_torch.py"))) {
                return c.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
