// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.util.Iterator;

import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

import picocli.CommandLine.Option;

/** The --backend option every computing command shares: a name from the backend registry, "auto" by default. */
public final class BackendOption {
    /** The registry's names, for the option's help and shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Backends.names().iterator();
        }
    }

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = Backends.AUTO, completionCandidates = Names.class,
            description = "Compute backend: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: a GPU when one is "
                    + "usable, else the CPU; `rfm info` says which).")
    String name;

    /** The backend's name as given ("auto" by default). */
    public String name() {
        return name;
    }

    /** Opens the chosen backend (the caller closes it). */
    public ComputeBackend open() {
        return Backends.open(name);
    }
}
