// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.util.concurrent.Callable;

import org.rfm4j.spi.BackendProvider;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.MemoryInfo;

import picocli.CommandLine.Command;

/** `rfm info`: the Java runtime, the machine, and each backend with why it is or is not available. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the Java runtime, cores, memory, and which backends are available (and why not).")
public final class InfoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Runtime rt = Runtime.getRuntime();
        System.out.println("rfm4j " + new RfmCli.Version().getVersion()[0].replace("rfm4j ", ""));
        System.out.println("java:    " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + " (" + System.getProperty("java.home") + ")");
        System.out.println("os:      " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        System.out.println("cores:   " + rt.availableProcessors());
        System.out.println("heap:    max " + MemoryInfo.gib(rt.maxMemory()));
        System.out.println("backends:");
        for (BackendProvider p : Backends.providers()) {
            BackendProvider.Availability a = p.probe();
            String state = !a.available() ? "unavailable" : a.automatic() ? "available" : "available by name only";
            System.out.printf("  %-5s %s: %s%n", p.name(), state, a.detail());
        }
        System.out.println("auto selects: " + Backends.autoChoice());
        return 0;
    }
}
