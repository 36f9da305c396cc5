// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import picocli.CommandLine.Command;

/** `rfm experiment NAME`: the research systems of the seed papers, each a subcommand. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Run a research experiment from the seed papers (see README, Experiments).",
        subcommands = {
                LshExperimentCommand.class,
                GrokkingCommand.class, GrokkingCirculantCommand.class, DeepRfmCommand.class,
                InconsistencyCommand.class, NfaCommand.class, GrokkingNetworkCommand.class,
                ConvRfmCommand.class
        })
public final class ExperimentCommand {
}
