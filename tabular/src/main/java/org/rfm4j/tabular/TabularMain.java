// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The tabular benchmark's command ({@code scripts/tabular.sh}, or {@code java -jar tabular/target/rfm4j-tabular.jar}):
 * RFM, Laplace kernel ridge, XGBoost and a random forest on every data set under the protocol of
 * spec/EXPERIMENTS.md section 5; writes report.json, results.csv, table.md and ranks.png. Bad options exit with
 * code 2 and one line on stderr. {@code experiment tabular} in front of the options is accepted, as the core's
 * {@code rfm experiment NAME} commands read.
 */
@Command(name = "rfm-tabular", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Tabular benchmark: RFM vs Laplace KRR, XGBoost and a random forest (spec section 5).")
public final class TabularMain implements Callable<Integer> {
    @Option(names = "--quick", description = "the quick subset (6 small sets, fewer rounds and trees) for tests and CI")
    boolean quick;
    @Option(names = "--data-sets", split = ",", description = "data sets to run (default: all; see --list)")
    List<String> dataSets;
    @Option(names = "--models", split = ",", description = "models to run (default: RFM,KRR,XGBoost,RandomForest)")
    List<String> models;
    @Option(names = "--list", description = "print the data sets with source and licence, then exit")
    boolean list;
    @Option(names = "--data-dir", defaultValue = "data/tabular", description = "converted CSVs (scripts/install-data.sh); default ${DEFAULT-VALUE}")
    Path dataDir;
    @Option(names = "--out", defaultValue = "out/tabular", description = "report folder; default ${DEFAULT-VALUE}")
    Path out;
    @Option(names = "--folds", description = "test folds (default 4)")
    Integer folds;
    @Option(names = "--seed", description = "seed of folds, samples and models (default 0)")
    Long seed;
    @Option(names = "--max-rows", description = "cap on rows per data set, by stratified sampling (default 4000; quick 600)")
    Integer maxRows;
    @Option(names = "--xgb-rounds", description = "XGBoost's round cap (default 300; quick 100)")
    Integer xgbRounds;
    @Option(names = "--trees", description = "random forest trees (default 100; quick 30)")
    Integer trees;
    @Option(names = "--xgb-threads", description = "XGBoost's threads (default 1: on these small sets more threads only add overhead)")
    Integer xgbThreads;
    @Option(names = "--precision", description = "RFM/KRR precision: float32 or float64 (default float64)")
    String precision;
    @Option(names = "--backend", defaultValue = "auto", description = "compute backend for RFM and KRR: auto, cpu or cuda; default ${DEFAULT-VALUE}")
    String backend;
    @Option(names = "--export-splits", description = "also write every fold of --data-sets as CSV here (for the NumPy reference)")
    Path exportSplits;

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code (0 success, 2 user error, 1 internal error). */
    public static int run(String... args) {
        if (args.length >= 2 && args[0].equals("experiment") && args[1].equals("tabular")) {
            args = java.util.Arrays.copyOfRange(args, 2, args.length);
        }
        CommandLine cl = new CommandLine(new TabularMain());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, cmd.getErr()));
        return cl.execute(args);
    }

    static int handle(Exception ex, PrintWriter err) {
        if (ex instanceof RfmException e) {
            err.println("rfm-tabular: error: " + e.getMessage());
            err.flush();
            return e.code() == ErrorCode.INTERNAL ? 1 : 2;
        }
        err.println("rfm-tabular: internal error:");
        ex.printStackTrace(err);
        err.flush();
        return 1;
    }

    @Override
    public Integer call() {
        if (list) {
            for (String n : DataSets.names()) {
                DataSets.Entry e = DataSets.require(n);
                System.out.printf("%-20s %-14s %s; %s%n", n, e.task().name().toLowerCase(java.util.Locale.ROOT),
                        e.source(), e.licence());
            }
            return 0;
        }
        TabularSettings s = settings();
        try (ComputeBackend be = Backends.open(backend)) {
            System.out.println("rfm-tabular: " + s.dataSets().size() + " data sets, models " + s.models() + ", backend "
                    + be.name() + ", " + s.folds() + " folds");
            if (exportSplits != null) {
                SplitExport.write(exportSplits, s);
            }
            TabularResult r = TabularBenchmark.run(s, be, System.out);
            Path json = ReportFiles.write(out, r);
            System.out.printf(java.util.Locale.ROOT, "rfm-tabular: %.0f s; report in %s (results.csv, table.md, ranks.png)%n",
                    r.seconds(), json);
            System.out.println(ReportFiles.markdown(r));
        }
        return 0;
    }

    TabularSettings settings() {
        TabularSettings b = quick ? TabularSettings.quick(dataDir) : TabularSettings.full(dataDir);
        return new TabularSettings(dataSets != null ? dataSets : b.dataSets(), dataDir, folds != null ? folds : b.folds(),
                seed != null ? seed : b.seed(), maxRows != null ? maxRows : b.maxRows(), b.fashionRows(), b.treeRows(),
                b.treeLeafSize(), precision != null ? Precision.parse(precision) : b.precision(),
                xgbRounds != null ? xgbRounds : b.xgbRounds(), trees != null ? trees : b.forestTrees(),
                xgbThreads != null ? xgbThreads : b.threads(),
                models != null ? models : b.models());
    }
}
