// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rfm4j.experiments.grokking.CirculantExperiment;
import org.rfm4j.spi.ComputeBackend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rfm experiment grokking-circulant`: the options of {@link CirculantExperiment}, and one call. */
@Command(name = "grokking-circulant", mixinStandardHelpOptions = true,
        description = {"Kernel machine with random circulant features M* = [[A, C^T], [C, A]] (M = (M*)^(1/2), one solve)",
                "against M = I, over training fractions. Writes OUT/report.json and OUT/circulant.png."})
public final class GrokkingCirculantCommand implements Callable<Integer> {
    @Option(names = "--task", paramLabel = "OP", description = "add, sub, mul or div (default ${DEFAULT-VALUE}).")
    String task = "add";

    @Option(names = "--p", paramLabel = "P", description = "Modulus (prime for mul and div; default ${DEFAULT-VALUE}).")
    int p = 61;

    @Option(names = "--train-fractions", paramLabel = "R", split = ",",
            description = "Training fractions, comma-separated (default 0.1,0.175,0.25,0.35,0.5).")
    double[] fractions = {0.1, 0.175, 0.25, 0.35, 0.5};

    @Option(names = {"-L", "--bandwidth"}, paramLabel = "L", description = "Gaussian bandwidth L (default ${DEFAULT-VALUE}).")
    double bandwidth = 2.5;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the splits and of C (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    BackendOption backend;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out = Path.of("grokking-circulant-out");

    @Override
    public Integer call() {
        try (ComputeBackend be = backend.open()) {
            CirculantExperiment.run(be, task, p, bandwidth, fractions, seed, out, System.out);
        }
        return 0;
    }
}
