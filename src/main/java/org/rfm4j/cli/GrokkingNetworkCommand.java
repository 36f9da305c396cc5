// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rfm4j.experiments.grokking.GrokkingNetworkExperiment;
import org.rfm4j.nn.Activation;
import org.rfm4j.nn.NetworkParams;
import org.rfm4j.nn.Optimizer;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rfm experiment grokking-network`: the options of {@link GrokkingNetworkExperiment}, and one call. */
@Command(name = "grokking-network", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A two-layer network grokking modular arithmetic: accuracy and corr(W1^T W1, sqrt(AGOP)) per epoch.")
public final class GrokkingNetworkCommand implements Callable<Integer> {
    @Option(names = "--task", defaultValue = "add", paramLabel = "OP", description = "add, sub, mul or div. Default: ${DEFAULT-VALUE}.")
    String task;

    @Option(names = "--p", defaultValue = "61", paramLabel = "P", description = "Modulus. Default: ${DEFAULT-VALUE}.")
    int p;

    @Option(names = "--train-fraction", defaultValue = "0.5", paramLabel = "R", description = "Training fraction. Default: ${DEFAULT-VALUE}.")
    double trainFraction;

    @Option(names = "--width", defaultValue = "1024", paramLabel = "W", description = "Hidden units. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--activation", defaultValue = "quadratic", paramLabel = "A", description = "quadratic or relu. Default: ${DEFAULT-VALUE}.")
    String activation;

    @Option(names = "--optimizer", defaultValue = "adamw", paramLabel = "O", description = "adamw or sgd. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "LR", description = "Learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "1.0", paramLabel = "WD", description = "Weight decay. Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "B", description = "Minibatch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--init-scale", defaultValue = "1", paramLabel = "S",
            description = "Initial weights' scale (N(0, S^2/fan_in)). Default: ${DEFAULT-VALUE}.")
    double initScale;

    @Option(names = "--epochs", defaultValue = "40", paramLabel = "E", description = "Epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed (split, init, batches). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--precision", defaultValue = "float32", paramLabel = "P", description = "float32 or float64. Default: ${DEFAULT-VALUE}.")
    String precision;

    @Mixin
    BackendOption backend;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (report.json, grokking_network.png).")
    Path out;

    @Override
    public Integer call() {
        NetworkParams params = new NetworkParams(1, width, Activation.parse(activation), Optimizer.parse(optimizer), lr,
                weightDecay, batch, initScale, seed, Precision.parse(precision));
        GrokkingNetworkExperiment.Config config = new GrokkingNetworkExperiment.Config(task, p, trainFraction, epochs, params);
        try (ComputeBackend be = backend.open()) {
            GrokkingNetworkExperiment.run(be, config, out, System.out);
        }
        return 0;
    }
}
