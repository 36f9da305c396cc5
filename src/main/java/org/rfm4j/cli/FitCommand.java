// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.api.RfmParams;
import org.rfm4j.data.Dataset;
import org.rfm4j.data.Splits;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `rfm fit`: fit an RFM on a dataset, print the per-iteration table, score the test set, save. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a Recursive Feature Machine and report validation and test metrics.")
public final class FitCommand implements Callable<Integer> {
    @ArgGroup(exclusive = false, multiplicity = "1", heading = "Data%n")
    DataArgs data;

    @Option(names = "--task", defaultValue = "auto", paramLabel = "TASK",
            description = "regression, classification, or auto (classification for text labels and builtin:modular).")
    String task;

    @Mixin
    HyperParams hyper;

    @Option(names = "--save", paramLabel = "MODEL", description = "Write the fitted model here (atomically).")
    Path save;

    @Option(names = "--report-json", paramLabel = "PATH", description = "Write the fit report as JSON here.")
    Path reportJson;

    @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
    boolean quiet;

    @Override
    public Integer call() {
        RfmParams params = hyper.toParams();
        Splits splits = data.load(params.seed());
        FitJob.run(params, hyper.backend, splits, isClassification(splits.train()), quiet, save, reportJson);
        return 0;
    }

    private boolean isClassification(Dataset train) {
        switch (task.toLowerCase(Locale.ROOT)) {
            case "classification": return true;
            case "regression": return false;
            case "auto":
                if (data.isBuiltin() && data.data.substring(8).startsWith("modular")) {
                    return true;
                }
                return train.y() == null && train.labels() != null;
            default:
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown --task '" + task
                        + "': use regression, classification or auto");
        }
    }
}
