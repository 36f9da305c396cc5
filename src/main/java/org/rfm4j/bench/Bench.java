// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/** One `rfm bench` run end to end: measure the grid, write bench.json and bench.csv, the plots, the ratio summary. */
public final class Bench {
    private Bench() {
    }

    /** Runs {@code cfg}, writing its files under {@code cfg.out()} and progress and the summary to {@code log}. */
    public static BenchReport run(BenchConfig cfg, PrintStream log) {
        BenchReport report = new BenchRunner(cfg, log).run();
        for (Path p : report.write(cfg.out())) {
            log.println("wrote " + p);
        }
        if (cfg.plots()) {
            for (Path p : BenchPlots.write(report, cfg.out())) {
                log.println("wrote " + p);
            }
        }
        log.println();
        log.print(report.summary());
        return report;
    }
}
