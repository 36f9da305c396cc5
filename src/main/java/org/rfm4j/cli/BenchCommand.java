// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rfm4j.bench.Bench;
import org.rfm4j.bench.BenchConfig;
import org.rfm4j.bench.ColdStart;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.Precision;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `rfm bench`: times fit and predict per phase over a grid of n, d, c, kernel, precision and
 * backend, runs the PyTorch and NumPy peers on the same data, and writes bench.json, bench.csv and
 * PNG plots. See docs/BENCHMARKS.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark rfm4j per phase (kernel matrix, solve, AGOP, prediction) against a PyTorch"
                + " implementation of the same algorithm and the NumPy/OpenBLAS floor, on identical data.",
                "Writes DIR/bench.json, DIR/bench.csv and PNG plots; prints rfm4j/peer time ratios."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--n", split = ",", paramLabel = "N",
            description = "Training sizes (default 1000,2000,4000,8000,16000 on the CPU; up to 100000 on a GPU, capped by its memory).")
    List<Integer> ns;

    @Option(names = "--d", split = ",", paramLabel = "D", description = "Input dimensions (default 20,100,1000).")
    List<Integer> ds;

    @Option(names = "--c", split = ",", paramLabel = "C", description = "Output columns (default 1,10).")
    List<Integer> cs;

    @Option(names = "--kernels", split = ",", paramLabel = "KERNEL", description = "laplace, gaussian (default both).")
    List<String> kernels;

    @Option(names = "--precisions", split = ",", paramLabel = "PRECISION", description = "float32, float64 (default both).")
    List<String> precisions;

    @Option(names = "--backends", split = ",", paramLabel = "BACKEND", description = "Backends to measure, by the names `rfm info` lists (default: every available one).")
    List<String> backends;

    @Option(names = "--repeats", defaultValue = "3", description = "Measured runs per point after one warm-up; the median is reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--iterations", defaultValue = "1", description = "AGOP updates per fit: 1 = solve, AGOP, solve (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--n-test", defaultValue = "2000", description = "Test rows predicted per point (default ${DEFAULT-VALUE}).")
    int nTest;

    @Option(names = "--bandwidth", defaultValue = "10", description = "Kernel bandwidth L (default ${DEFAULT-VALUE}).")
    double bandwidth;

    @Option(names = "--reg", defaultValue = "1e-3", description = "Ridge (default ${DEFAULT-VALUE}).")
    double reg;

    @Option(names = "--seed", defaultValue = "0", description = "Data and AGOP sample seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--quick", description = "A small grid (n=1000,2000; d=100; c=1; laplace; float32,float64; 2 repeats; peers torch and numpy)"
            + " that finishes in about two minutes here, peers included. Explicit list options still apply.")
    boolean quick;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "PYTHON",
            description = "Interpreter for the peers, with numpy and torch (default ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--peers", split = ",", paramLabel = "PEER",
            description = "torch, torch-lu, numpy, or none (default all three).")
    List<String> peers;

    @Option(names = "--peers-dir", paramLabel = "DIR", description = "Folder of rfm_torch.py and numpy_floor.py (default: bench/peers of this checkout).")
    Path peersDir;

    @Option(names = "--no-plots", description = "Skip the PNG plots.")
    boolean noPlots;

    @Option(names = "--keep-data", description = "Keep the .npy files written for the peers (under DIR/data).")
    boolean keepData;

    @Option(names = "--solvers", split = ",", paramLabel = "SOLVER", description = "rfm4j's solvers: direct, tree,"
            + " eigenpro (default direct; the tree's rows are impl rfm4j-tree, fitted without a validation set, hard"
            + " routing; EigenPro's are rfm4j-eigenpro, default settings).")
    List<String> solvers;

    @Option(names = "--leaf-size", defaultValue = "0", paramLabel = "N", description = "The tree's leaf size (default 0:"
            + " automatic).")
    int leafSize;

    @Spec
    CommandSpec spec; // for the command line recorded in bench.json

    @Option(names = "--cold", split = ",", paramLabel = "N", description = "Also measure cold starts at these"
            + " small n (e.g. 300,1000,2000): each fit in a fresh JVM, its first fit + predict (cold) against later ones"
            + " (warm) and against the PyTorch peer's first and later fits in a fresh Python; writes cold.json. With"
            + " --cold and no --n only the cold rows run (d, c, kernels, precisions from the grid options).")
    List<Integer> cold;

    @Override
    public Integer call() {
        BenchConfig cfg = config();
        if (cold != null) {
            for (int n : cold) {
                if (n < 2) {
                    throw new org.rfm4j.RfmException(org.rfm4j.ErrorCode.INVALID_ARGUMENT, "--cold " + n
                            + ": each n must be at least 2");
                }
            }
        }
        if (cold == null || ns != null) {
            Bench.run(cfg, System.out);
        }
        if (cold != null) {
            new ColdStart(cfg, cold, System.out).run();
        }
        return 0;
    }

    private List<String> solverList() {
        List<String> out = new ArrayList<>();
        for (String s : solvers != null ? solvers : List.of("direct")) {
            out.add(s.trim().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    BenchConfig config() {
        List<Integer> n = ns, d = ds, c = cs;
        List<String> k = kernels, p = precisions;
        int reps = repeats;
        if (quick) {
            n = n != null ? n : List.of(1000, 2000);
            d = d != null ? d : List.of(100);
            c = c != null ? c : List.of(1);
            k = k != null ? k : List.of("laplace");
            p = p != null ? p : List.of("float32", "float64");
            reps = Math.min(reps, 2);
        }
        d = d != null ? d : List.of(20, 100, 1000);
        c = c != null ? c : List.of(1, 10);
        k = k != null ? k : List.of("laplace", "gaussian");
        p = p != null ? p : List.of("float32", "float64");
        List<String> kl = new ArrayList<>();
        for (String s : k) {
            kl.add(s.trim().toLowerCase(Locale.ROOT));
        }
        List<Precision> pl = new ArrayList<>();
        for (String s : p) {
            pl.add(Precision.parse(s));
        }
        List<String> bl = null;
        if (backends != null) {
            bl = new ArrayList<>();
            for (String s : backends) {
                bl.add(Backends.provider(s).name()); // a registered backend ("auto" is not one to measure)
            }
        }
        List<String> peerList = new ArrayList<>();
        List<String> peerDefault = quick ? List.of("torch", "numpy") : BenchConfig.ALL_PEERS;
        for (String s : peers != null ? peers : peerDefault) {
            String v = s.trim().toLowerCase(Locale.ROOT);
            if (!v.equals("none")) {
                peerList.add(v);
            }
        }
        String command = "rfm " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        return new BenchConfig(n, d, c, kl, pl, bl, reps, iterations, nTest, bandwidth, reg, seed, out, python,
                peerList, peersDir, !noPlots, keepData, command, solverList(), leafSize);
    }
}
