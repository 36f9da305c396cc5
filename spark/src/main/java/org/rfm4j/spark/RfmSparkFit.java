// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.rfm4j.RfmException;
import org.rfm4j.api.RfmClassificationModel;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmModels;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.TreeReport;
import org.rfm4j.cli.HyperParams;
import org.rfm4j.tree.LeafRecord;
import org.rfm4j.tree.TreeListener;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * spark-submit entry point: fits an RFM tree on CSV or Parquet data, prints the validation and test
 * metrics, and saves the model file (loadable by every rfm4j: `rfm predict --model ...`).
 */
@Command(name = "rfm4j-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit an RFM tree on Spark: splits planned on the driver, one leaf per task.")
public final class RfmSparkFit implements Callable<Integer> {
    @Option(names = "--train", required = true, paramLabel = "PATH", description = "Training rows: CSV with a header, or Parquet.")
    String train;

    @Option(names = "--validation", paramLabel = "PATH", description = "Validation rows (picks each leaf's iteration and the routing).")
    String validation;

    @Option(names = "--test", paramLabel = "PATH", description = "Test rows, scored after the fit.")
    String test;

    @Option(names = "--label", required = true, split = ",", paramLabel = "COL",
            description = "Target column(s) (regression) or the label column (classification).")
    List<String> label;

    @Option(names = "--features", split = ",", paramLabel = "COL",
            description = "Feature columns (default: every numeric column that is not a label).")
    List<String> features;

    @Option(names = "--task", paramLabel = "TASK", description = "regression or classification (default ${DEFAULT-VALUE}).")
    String task = "regression";

    @Option(names = "--driver-sample-rows", paramLabel = "N",
            description = "Rows the driver plans the splits on (default ${DEFAULT-VALUE}; all rows up to this many).")
    int driverSampleRows = RfmSparkTree.DEFAULT_DRIVER_SAMPLE_ROWS;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to save the model.")
    Path out;

    @Mixin
    HyperParams hyper;

    public static void main(String[] args) {
        int code = new CommandLine(new RfmSparkFit()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            Throwable t = e;
            while (t.getCause() != null && !(t instanceof RfmException)) {
                t = t.getCause();
            }
            System.err.println("rfm4j-spark: " + t.getMessage());
            return 1;
        }).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() {
        boolean classes = task.equals("classification");
        if (!classes && !task.equals("regression")) {
            throw new RfmException(org.rfm4j.ErrorCode.INVALID_ARGUMENT, "--task must be regression or classification");
        }
        RfmParams params = hyper.toParams().toBuilder().solver("tree").build();
        SparkSession spark = SparkSession.builder().appName("rfm4j-spark").getOrCreate();
        try {
            Dataset<Row> tr = read(spark, train, classes);
            Dataset<Row> va = validation == null ? null : read(spark, validation, classes);
            List<String> f = features != null ? features : numericColumns(tr, label);
            System.out.println("rfm4j-spark: " + f.size() + " features, label " + label + ", master " + spark.sparkContext().master()
                    + ", " + spark.sparkContext().defaultParallelism() + " cores");
            long t0 = System.nanoTime();
            RfmSparkTree est = (classes ? RfmSparkTree.classification(params) : RfmSparkTree.regression(params))
                    .features(f.toArray(new String[0])).labels(label.toArray(new String[0]))
                    .driverSampleRows(driverSampleRows).backend(hyper.backendName()).listener(new Progress());
            RfmModel model = est.fit(tr, va);
            double fitSeconds = (System.nanoTime() - t0) * 1e-9;
            TreeReport r = model.report().tree();
            System.out.printf("rfm4j-spark: fit in %.1f s: %d leaves (depth %d, leaf size %d), routing %s%n", fitSeconds,
                    r.leaves().size(), r.depth(), r.leafSize(), r.routing());
            if (!r.validation().isEmpty()) {
                System.out.println("rfm4j-spark: validation " + r.validation());
            }
            if (test != null) {
                long t1 = System.nanoTime();
                Map<String, Double> m = SparkScores.score(model, read(spark, test, classes), f, label);
                System.out.printf("rfm4j-spark: test %s (predicted in %.1f s)%n", m, (System.nanoTime() - t1) * 1e-9);
            }
            if (out != null) {
                RfmModels.save(model, out);
                System.out.println("rfm4j-spark: saved " + out + (model instanceof RfmClassificationModel
                        ? " (classes " + Arrays.toString(((RfmClassificationModel) model).classes()) + ")" : ""));
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    /**
     * CSV or Parquet, by the path's name. A CSV file's header names the columns; every column is read as
     * a double (a value that is not a number fails the fit with its row), except a classification label,
     * read as text. No schema inference: it would read the whole file once more.
     */
    Dataset<Row> read(SparkSession spark, String path, boolean classes) {
        if (!(path.endsWith(".csv") || path.endsWith(".csv.gz"))) {
            return spark.read().parquet(path);
        }
        List<StructField> fields = new ArrayList<>();
        for (String name : spark.read().option("header", "true").csv(path).schema().fieldNames()) {
            boolean text = classes && label.contains(name);
            fields.add(DataTypes.createStructField(name, text ? DataTypes.StringType : DataTypes.DoubleType, true));
        }
        return spark.read().option("header", "true").option("mode", "FAILFAST").schema(DataTypes.createStructType(fields))
                .csv(path);
    }

    static List<String> numericColumns(Dataset<Row> df, List<String> labels) {
        List<String> f = new ArrayList<>();
        for (StructField s : df.schema().fields()) {
            if (!labels.contains(s.name()) && (s.dataType() instanceof NumericType)) {
                f.add(s.name());
            }
        }
        return f;
    }

    /** Prints the driver's progress. */
    private static final class Progress implements TreeListener {
        @Override
        public void planned(int leafSize, int workers, String summary) {
            System.out.println("rfm4j-spark: " + summary);
        }

        @Override
        public void split(int node, int level, int rows, int left, int right, double seconds, double total) {
            System.out.printf("rfm4j-spark: split node %d (level %d): %d rows -> %d + %d (%.1f s)%n", node, level, rows,
                    left, right, seconds);
        }

        @Override
        public void leafDone(LeafRecord leaf, int done, int total, double seconds) {
            if (done == total || done % Math.max(1, total / 10) == 0) {
                System.out.printf("rfm4j-spark: %d of %d leaves back (%.1f s)%n", done, total, seconds);
            }
        }

        @Override
        public void routed(String routing, Map<String, Double> scores) {
            System.out.println("rfm4j-spark: routing " + routing + (scores.isEmpty() ? "" : " " + scores));
        }

        @Override
        public void note(String message) {
            System.out.println("rfm4j-spark: note: " + message);
        }
    }
}
