// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.rfm4j.experiments.inconsistency.InconsistencyExperiment;
import org.rfm4j.spi.ComputeBackend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rfm experiment inconsistency`: the options of {@link InconsistencyExperiment}, and one call. */
@Command(name = "inconsistency", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Kernel ridgeless regression on the 1-D torus: the interpolant's risk stays flat as n grows, tuned ridge's falls.")
public final class InconsistencyCommand implements Callable<Integer> {
    @Option(names = "--n-min", defaultValue = "64", paramLabel = "N", description = "Smallest grid size. Default: ${DEFAULT-VALUE}.")
    int nMin;

    @Option(names = "--n-max", defaultValue = "16384", paramLabel = "N",
            description = "Largest grid size (doubling from --n-min). Default: ${DEFAULT-VALUE}.")
    int nMax;

    @Option(names = "--sigma", defaultValue = "0.5", paramLabel = "S", description = "Noise standard deviation. Default: ${DEFAULT-VALUE}.")
    double sigma;

    @Option(names = "--kernels", defaultValue = "laplace,gaussian", split = ",", paramLabel = "K",
            description = "laplace and/or gaussian. Default: ${DEFAULT-VALUE}.")
    List<String> kernels;

    @Option(names = "--mc-n", defaultValue = "64,256", split = ",", paramLabel = "N",
            description = "Grid sizes also simulated by dense solves on the backend (empty: none). Default: ${DEFAULT-VALUE}.")
    List<Integer> monteCarloN;

    @Option(names = "--mc-draws", defaultValue = "2000", paramLabel = "D", description = "Noise draws per simulation. Default: ${DEFAULT-VALUE}.")
    int draws;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seeds the noise. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    BackendOption backend;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (report.json, risk.png).")
    Path out;

    @Override
    public Integer call() {
        List<Integer> ns = new ArrayList<>();
        for (long n = nMin; n <= nMax; n *= 2) {
            ns.add((int) n);
        }
        InconsistencyExperiment.Config config = new InconsistencyExperiment.Config(ns, sigma, kernels, monteCarloN, draws, seed);
        try (ComputeBackend be = backend.open()) {
            InconsistencyExperiment.run(be, config, out, System.out);
        }
        return 0;
    }
}
