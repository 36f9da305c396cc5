// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

import java.nio.file.Path;
import java.util.List;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.Precision;

/**
 * What one {@code rfm bench} run measures: the grid (each list is one axis; the grid is their
 * product), the repeats, and the peers.
 *
 * @param ns          training sizes; null = the backend's default list ({@link #CPU_NS} or {@link #GPU_NS})
 * @param ds          input dimensions
 * @param cs          output columns
 * @param kernels     kernel names (laplace, gaussian)
 * @param precisions  float32, float64
 * @param backends    backend names; null = every available one
 * @param repeats     measured runs per point (the median is reported), after one warm-up run
 * @param iterations  AGOP updates per fit (1 = solve, AGOP, solve: every phase timed once or twice)
 * @param nTest       test rows predicted per point (the prediction phase and the test error)
 * @param bandwidth   kernel bandwidth L
 * @param reg         ridge
 * @param seed        data and AGOP sample seed
 * @param out         output folder
 * @param python      interpreter for the peers
 * @param peers       peers to run: torch (Cholesky), torch-lu (LU solve), numpy (BLAS floor)
 * @param peersDir    folder holding rfm_torch.py and numpy_floor.py; null = found from the install
 * @param plots       draw PNG plots
 * @param keepData    keep the .npy files written for the peers
 * @param command     the command line, recorded in the report
 * @param solvers     rfm4j's solvers to measure: direct (one kernel machine), tree (the RFM tree), eigenpro (one
 *                    kernel machine solved by EigenPro)
 * @param leafSize    the tree's leaf size (0: automatic)
 */
public record BenchConfig(List<Integer> ns, List<Integer> ds, List<Integer> cs, List<String> kernels,
                          List<Precision> precisions, List<String> backends, int repeats, int iterations, int nTest,
                          double bandwidth, double reg, long seed, Path out, String python, List<String> peers,
                          Path peersDir, boolean plots, boolean keepData, String command, List<String> solvers,
                          int leafSize) {

    /** Default training sizes on the CPU. */
    public static final List<Integer> CPU_NS = List.of(1000, 2000, 4000, 8000, 16000);
    /** Default training sizes on a GPU (capped by the backend's free memory). */
    public static final List<Integer> GPU_NS = List.of(1000, 2000, 4000, 8000, 16000, 32000, 64000, 100000);
    /** rfm4j's solvers the harness can measure. */
    public static final List<String> SOLVERS = List.of("direct", "tree", "eigenpro");
    /** Every peer the harness knows. */
    public static final List<String> ALL_PEERS = List.of("torch", "torch-lu", "numpy");

    public BenchConfig {
        if (repeats < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--repeats must be >= 1, got " + repeats);
        }
        if (iterations < 0) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--iterations must be >= 0, got " + iterations);
        }
        if (nTest < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--n-test must be >= 1, got " + nTest);
        }
        positive("--n", ns);
        positive("--d", ds);
        positive("--c", cs);
        if (kernels.isEmpty() || precisions.isEmpty() || (backends != null && backends.isEmpty())) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--kernels, --precisions and --backends need at least one value");
        }
        for (String k : kernels) {
            if (!k.equals("laplace") && !k.equals("gaussian")) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "bench kernel '" + k
                        + "' is not supported: use laplace or gaussian (the kernels the PyTorch peer implements)");
            }
        }
        if (solvers.isEmpty() || !SOLVERS.containsAll(solvers)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--solvers " + solvers + ": use direct, tree, eigenpro or several");
        }
        if (leafSize < 0) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--leaf-size must be >= 0 (0: automatic), got " + leafSize);
        }
        for (String p : peers) {
            if (!ALL_PEERS.contains(p)) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown peer '" + p + "': use " + String.join(", ", ALL_PEERS)
                        + " or none");
            }
        }
    }

    private static void positive(String name, List<Integer> values) {
        if (values == null) {
            return;
        }
        if (values.isEmpty()) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, name + " needs at least one value");
        }
        for (int v : values) {
            if (v < 1) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, name + " values must be >= 1, got " + v);
            }
        }
    }

    /** Training sizes for a backend: the given list, or the default of a host (CPU) or accelerator backend. */
    public List<Integer> nsFor(boolean hostMemory) {
        if (ns != null) {
            return ns;
        }
        return hostMemory ? CPU_NS : GPU_NS;
    }
}
