// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.api.ModelExport;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmModels;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `rfm export`: a model file to another format (safetensors, for Python). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a fitted model in another format: safetensors (x_train, alpha, m, s as float64; kernel and parameters as metadata).")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model written by `rfm fit --save`.")
    Path model;

    @Option(names = "--format", defaultValue = "safetensors", paramLabel = "FORMAT", description = "safetensors (default).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it.")
    Path out;

    @Override
    public Integer call() {
        if (!format.equalsIgnoreCase("safetensors")) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--format " + format + ": rfm4j exports safetensors");
        }
        RfmModel m = RfmModels.load(model);
        ModelExport.toSafetensors(m, out);
        System.out.println("exported " + model + " to " + out + " (safetensors, " + m.trainingRows() + " x " + m.inputDimension()
                + " training points, " + m.outputColumns() + " output(s))");
        return 0;
    }
}
