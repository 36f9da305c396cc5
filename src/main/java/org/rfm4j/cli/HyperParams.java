// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import org.rfm4j.algo.EigenProSettings;
import org.rfm4j.api.RfmParams;
import org.rfm4j.spi.Precision;
import org.rfm4j.tree.TreeSettings;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** RFM hyperparameters as options, and the backend; defaults are those of {@link RfmParams}. */
public final class HyperParams {
    private static final RfmParams D = RfmParams.builder().build();

    @Option(names = "--kernel", paramLabel = "NAME", description = "laplace, exponential, gaussian, lpq, product_laplace (default laplace).")
    String kernel = D.kernel();

    @Option(names = {"-L", "--bandwidth"}, paramLabel = "L", description = "Kernel bandwidth L (default 10; with --adaptive-bandwidth a multiplier).")
    double bandwidth = D.bandwidth();

    @Option(names = "--p", paramLabel = "P", description = "Norm power of the lpq kernel, in (0, 2] (default 2).")
    double p = D.p();

    @Option(names = "--q", paramLabel = "Q", description = "Kernel exponent q in (0, 2] for exponential, lpq, product_laplace (default 1).")
    double q = D.q();

    @Option(names = "--reg", paramLabel = "R", description = "Ridge added to the kernel diagonal (default 1e-3).")
    double reg = D.reg();

    @Option(names = "--iterations", paramLabel = "T", description = "AGOP iterations (default 5: 6 solves, 5 AGOPs).")
    int iterations = D.iterations();

    @Option(names = "--agop-samples", paramLabel = "N", description = "Training points sampled for the AGOP (default 20000).")
    int agopSamples = D.agopSamples();

    @Option(names = "--diag", description = "Learn a diagonal M.")
    boolean diag;

    @Option(names = "--centering", description = "Centre the Jacobians before the AGOP.")
    boolean centering;

    @Option(names = "--power", paramLabel = "E", description = "M = (AGOP / max)^E (default 1; 0.5 as in the grokking paper).")
    double power = D.power();

    @Option(names = "--adaptive-bandwidth", description = "L = bandwidth x median pairwise distance under the current M.")
    boolean adaptiveBandwidth;

    @Option(names = "--metric", paramLabel = "NAME", description = "Tuning metric (default mse for regression, accuracy for classification).")
    String metric;

    @Option(names = "--no-early-stopping", description = "Run every iteration even when validation gets worse.")
    boolean noEarlyStopping;

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Stop after the iteration that passes this time (0 = none).")
    double timeLimit;

    @Option(names = "--solver", paramLabel = "NAME", description = "direct (Cholesky), eigenpro (iterations without"
            + " an n x n matrix), tree, or auto: direct when the n x n kernel matrix fits the backend's memory, else the"
            + " tree (default ${DEFAULT-VALUE}).")
    String solver = D.solver();

    @Option(names = "--eigenpro-subsample", paramLabel = "S", description = "EigenPro: the Nystrom subsample that"
            + " gives the preconditioner (default ${DEFAULT-VALUE}, at most n).")
    int eigenProSubsample = D.eigenPro().subsample();

    @Option(names = "--eigenpro-q", paramLabel = "Q", description = "EigenPro: eigen-directions preconditioned"
            + " (default 0: chosen from the spectrum).")
    int eigenProQ = D.eigenPro().topQ();

    @Option(names = "--eigenpro-batch", paramLabel = "B", description = "EigenPro: rows per step (default 0: all rows"
            + " with momentum where the flattened spectrum allows, else EigenPro 2's rule).")
    int eigenProBatch = D.eigenPro().batchSize();

    @Option(names = "--eigenpro-epochs", paramLabel = "E", description = "EigenPro: epochs at most per solve; it stops"
            + " earlier at a relative residual of 1e-3 (default ${DEFAULT-VALUE}).")
    int eigenProEpochs = D.eigenPro().maxEpochs();

    @Option(names = "--eigenpro-patience", paramLabel = "P", description = "EigenPro: stop after P epochs that lower"
            + " the residual by less than 1% (default ${DEFAULT-VALUE}).")
    int eigenProPatience = D.eigenPro().patience();

    @Option(names = "--leaf-size", paramLabel = "N", description = "Tree: split nodes above N rows (default 0: automatic,"
            + " 20000 on the CPU, 60000 on a GPU, fewer when memory is short).")
    int leafSize = D.tree().leafSize();

    @Option(names = "--split-sample", paramLabel = "N", description = "Tree: rows of the one-step RFM that picks a"
            + " split direction (default ${DEFAULT-VALUE}).")
    int splitSample = D.tree().splitSample();

    @Option(names = "--routing", paramLabel = "MODE", description = "Tree: hard, soft, or auto (the better on"
            + " validation; default ${DEFAULT-VALUE}).")
    String routing = D.tree().routing();

    @Option(names = "--temperature", paramLabel = "T", description = "Tree: soft routing's temperature (default 0:"
            + " chosen on validation).")
    double temperature = D.tree().temperature();

    @Option(names = "--leaf-workers", paramLabel = "K", description = "Tree: leaves fitted at once (default 0: as"
            + " many as memory and cores allow; 1: one after another).")
    int leafWorkers = D.tree().leafWorkers();

    @Mixin
    BackendOption backend;

    @Option(names = "--precision", paramLabel = "P", description = "float32 or float64 (default ${DEFAULT-VALUE}).")
    String precision = D.precision().toString();

    @Option(names = "--seed", paramLabel = "S", description = "Seed for splits, the AGOP sample and generators (default 0).")
    long seed;

    /** The --backend option's name ("auto" by default). */
    public String backendName() {
        return backend.name();
    }

    public RfmParams toParams() {
        return RfmParams.builder().kernel(kernel).bandwidth(bandwidth).p(p).q(q).reg(reg).iterations(iterations)
                .agopSamples(agopSamples).diagonal(diag).centering(centering).power(power)
                .adaptiveBandwidth(adaptiveBandwidth).tuningMetric(metric).earlyStopping(!noEarlyStopping)
                .timeLimitSeconds(timeLimit).precision(Precision.parse(precision)).seed(seed).solver(solver)
                .tree(new TreeSettings(leafSize, splitSample, routing, temperature, leafWorkers))
                .eigenPro(new EigenProSettings(eigenProSubsample, eigenProQ, eigenProBatch, eigenProEpochs,
                        eigenProPatience)).build();
    }
}
