// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rfm4j.api.ModelExport;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmModels;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `rfm import`: a safetensors model (from `rfm export`, or written in its layout) to an rfm4j model file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Read a model in the safetensors layout of `rfm export` and write an rfm4j model file.")
public final class ImportCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "A .safetensors file.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "The rfm4j model file to write.")
    Path out;

    @Override
    public Integer call() {
        RfmModel m = ModelExport.fromSafetensors(in);
        RfmModels.save(m, out);
        System.out.println("imported " + in + " to " + out);
        return 0;
    }
}
