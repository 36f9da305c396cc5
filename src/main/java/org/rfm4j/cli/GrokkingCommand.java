// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.experiments.grokking.GrokkingConfig;
import org.rfm4j.experiments.grokking.GrokkingExperiment;
import org.rfm4j.experiments.grokking.GrokkingRfm;
import org.rfm4j.spi.ComputeBackend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rfm experiment grokking`: the options of {@link GrokkingExperiment}, and one call. */
@Command(name = "grokking", mixinStandardHelpOptions = true,
        description = {"RFM with the centred AGOP grokks modular arithmetic (seed paper 'Emergence in non-neural models').",
                "Prints one line per iteration; writes OUT/report.json and OUT/grokking.png."})
public final class GrokkingCommand implements Callable<Integer> {
    @Option(names = "--task", paramLabel = "OP", description = "add, sub, mul or div (default ${DEFAULT-VALUE}).")
    String task = "add";

    @Option(names = "--p", paramLabel = "P", description = "Modulus (prime for mul and div; default ${DEFAULT-VALUE}).")
    int p = 61;

    @Option(names = "--train-fraction", paramLabel = "R", description = "Training fraction r (default ${DEFAULT-VALUE}).")
    double trainFraction = 0.5;

    @Option(names = "--kernel", paramLabel = "NAME", description = "gaussian or quadratic (default ${DEFAULT-VALUE}).")
    String kernel = "gaussian";

    @Option(names = {"-L", "--bandwidth"}, paramLabel = "L", description = "Gaussian bandwidth L (default ${DEFAULT-VALUE}).")
    double bandwidth = 2.5;

    @Option(names = "--iterations", paramLabel = "T", description = "AGOP iterations: T + 1 fits (default ${DEFAULT-VALUE}).")
    int iterations = 30;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the train/test split (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    BackendOption backend;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out = Path.of("grokking-out");

    @Option(names = "--normalisation", paramLabel = "N", description = "Scaling of the centred AGOP before the square"
            + " root: none (M = G^(1/2), the default) or max (M = (G / max G)^(1/2)).")
    String normalisation = "none";

    @Option(names = "--agop", paramLabel = "PATH", description = "AGOP computation: auto (onehot on the CPU backend, spi"
            + " elsewhere), spi (the backend's dense AGOP) or onehot (uses the one-hot sparsity).")
    String agop = "auto";

    @Override
    public Integer call() {
        GrokkingConfig cfg = new GrokkingConfig(task, p, trainFraction, kernel, bandwidth, iterations, seed);
        GrokkingRfm.Normalisation norm = parse(GrokkingRfm.Normalisation.class, normalisation, "--normalisation",
                "none or max");
        GrokkingRfm.AgopPath path = agop.equalsIgnoreCase("auto") ? null
                : parse(GrokkingRfm.AgopPath.class, agop, "--agop", "auto, spi or onehot");
        try (ComputeBackend be = backend.open()) {
            GrokkingExperiment.run(be, cfg, norm, path, out, System.out);
        }
        return 0;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String option, String allowed) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, option + " '" + value + "' is unknown: use " + allowed);
        }
    }
}
