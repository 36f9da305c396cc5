// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Builtins;
import org.rfm4j.data.Dataset;
import org.rfm4j.data.Splits;
import org.rfm4j.io.DataFormats;

import picocli.CommandLine.Option;

/** Where the data of a fit comes from: a built-in generator or files, and how to split it. */
final class DataArgs {
    @Option(names = "--data", required = true, paramLabel = "SPEC",
            description = "Training data: builtin:lowrank, builtin:lowrank:n=8000,d=100, builtin:modular:op=add,p=61,"
                    + " a .csv file (header row; targets chosen with --target), or a .npy file of features (targets in --targets-npy).")
    String data;

    @Option(names = "--target", split = ",", paramLabel = "COL",
            description = "CSV target column(s), by header name or 0-based index (default: the last column).")
    String[] target;

    @Option(names = "--targets-npy", paramLabel = "FILE", description = "Targets for .npy features: (n) or (n, c) array.")
    Path targetsNpy;

    @Option(names = "--val-data", paramLabel = "FILE", description = "Validation file, same format as --data.")
    Path valData;

    @Option(names = "--val-targets-npy", paramLabel = "FILE", description = "Targets for a .npy validation file.")
    Path valTargetsNpy;

    @Option(names = "--test-data", paramLabel = "FILE", description = "Test file, same format as --data.")
    Path testData;

    @Option(names = "--test-targets-npy", paramLabel = "FILE", description = "Targets for a .npy test file.")
    Path testTargetsNpy;

    @Option(names = "--val-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Fraction of a data file held out for validation when no --val-data (default ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Fraction of a data file held out for testing when no --test-data (default ${DEFAULT-VALUE}).")
    double testFraction;

    boolean isBuiltin() {
        return data.startsWith("builtin:");
    }

    /** Loads and splits the data; builtins bring their own splits. */
    Splits load(long seed) {
        if (isBuiltin()) {
            return Builtins.byName(data.substring("builtin:".length()), seed);
        }
        Dataset all = read(Path.of(data), targetsNpy);
        double vf = valData != null ? 0 : valFraction;
        double tf = testData != null ? 0 : testFraction;
        if (!(vf >= 0 && tf >= 0 && vf + tf < 1)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--val-fraction " + valFraction + " and --test-fraction "
                    + testFraction + " must be >= 0 and leave some training data (sum < 1)");
        }
        Splits s = all.split(vf, tf, seed);
        Dataset val = valData != null ? read(valData, valTargetsNpy) : s.validation();
        Dataset test = testData != null ? read(testData, testTargetsNpy) : s.test();
        return new Splits(s.train(), val, test);
    }

    private Dataset read(Path file, Path npyTargets) {
        return DataFormats.readTable(file, target, npyTargets);
    }
}
