// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.LabelEncoder;
import org.rfm4j.algo.MetricScorer;
import org.rfm4j.algo.Metrics;
import org.rfm4j.algo.RawPredictor;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.TreeModels;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;
import org.rfm4j.tree.LeafRecord;
import org.rfm4j.tree.RfmTree;
import org.rfm4j.tree.RfmTreeTrainer;
import org.rfm4j.tree.TreeFit;
import org.rfm4j.tree.TreeListener;
import org.rfm4j.tree.TreePlan;
import org.rfm4j.tree.TreeSettings;

import scala.Tuple2;

/**
 * An RFM tree fitted on Apache Spark. The top of the tree is planned on the driver, on a sample of the
 * rows (all of them up to {@link #driverSampleRows}), with the code of {@link RfmTreeTrainer}: with every
 * row, down to the leaf size; with a sample, down to parts of about splitSample x n / sample rows, so that
 * every split the driver makes still sees a full split sample. Every row is routed to its part on the
 * executors; each part is one Spark task, on the executor's backend ("auto": its GPU when the CUDA backend
 * is usable there, else its CPU), which splits its rows down to the leaf size exactly as the
 * single-machine tree does and fits every leaf. The parts come back to the driver and are stitched into
 * one tree; the routing (hard or soft) is chosen on the validation rows, predicted on the executors; the
 * result is an ordinary rfm4j model that {@link org.rfm4j.api.RfmModels#save} writes and every rfm4j
 * loads. Spark does all the distribution.
 *
 * <pre>{@code
 * RfmModel model = RfmSparkTree.regression(RfmParams.builder().solver("tree").build())
 *         .features("x0", "x1", "x2").labels("y")
 *         .fit(train, validation);
 * RfmModels.save(model, Path.of("model.rfm"));
 * }</pre>
 *
 * <p>Deterministic: the same data in the same order, parameters and seed give the same model on any
 * cluster. With every row on the driver (n at most {@link #driverSampleRows}) it is the single-machine
 * tree's: each task fits its leaf on the leaf's rows in the data set's order, whatever order the shuffle
 * delivers them in. Holds only its settings; configure from one thread, fit from one thread at a time.
 */
public final class RfmSparkTree {
    /** Rows the driver plans the splits on, by default: every row up to this many, else a sample of about this many. */
    public static final int DEFAULT_DRIVER_SAMPLE_ROWS = 200_000;

    private final RfmParams params;
    private final boolean classification;
    private List<String> features = List.of();
    private List<String> labels = List.of();
    private int driverSampleRows = DEFAULT_DRIVER_SAMPLE_ROWS;
    private String backend = Backends.AUTO;
    private TreeListener listener = TreeListener.NONE;

    private RfmSparkTree(RfmParams params, boolean classification) {
        if (params == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "params are null: use RfmParams.builder().build()");
        }
        this.params = params;
        this.classification = classification;
    }

    /** Regression on one or more numeric target columns. */
    public static RfmSparkTree regression(RfmParams params) {
        return new RfmSparkTree(params, false);
    }

    /** Classification on one label column (any type; its string form names the class). */
    public static RfmSparkTree classification(RfmParams params) {
        return new RfmSparkTree(params, true);
    }

    /** The feature columns: numeric columns, or one column of numeric arrays or ML vectors. */
    public RfmSparkTree features(String... columns) {
        this.features = List.of(columns);
        return this;
    }

    /** The target columns (regression) or the one label column (classification). */
    public RfmSparkTree labels(String... columns) {
        this.labels = List.of(columns);
        return this;
    }

    /** How many rows the driver plans the splits on (it collects them: mind spark.driver.memory). */
    public RfmSparkTree driverSampleRows(int rows) {
        if (rows < 2) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "driverSampleRows must be >= 2, got " + rows);
        }
        this.driverSampleRows = rows;
        return this;
    }

    /** The backend each leaf task opens on its executor: "auto" (default), "cpu" or "cuda". */
    public RfmSparkTree backend(String name) {
        this.backend = Backends.requireKnown(name); // an unknown name fails here, not in a task
        return this;
    }

    /** Progress on the driver: the splits as they are planned, then the leaves and the routing. */
    public RfmSparkTree listener(TreeListener l) {
        this.listener = l == null ? TreeListener.NONE : l;
        return this;
    }

    /** Fits without validation rows (each leaf keeps its last iteration; routing as the parameters say). */
    public RfmModel fit(Dataset<Row> train) {
        return fit(train, null);
    }

    /** Fits; each leaf keeps its best iteration on the validation rows routed to it (validation may be null). */
    public RfmModel fit(Dataset<Row> train, Dataset<Row> validation) {
        if (train == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the training data is null");
        }
        if (labels.isEmpty()) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "no label column given: call labels(...)");
        }
        long t0 = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(train.sparkSession().sparkContext());
        Columns cols = Columns.of(train.schema(), features, labels, classification, "training data");
        Columns vcols = validation == null ? null
                : Columns.of(validation.schema(), features, labels, classification, "validation data");
        JavaRDD<SparkPoint> tr = points(train, cols, false);
        JavaRDD<SparkPoint> va = validation == null ? null : points(validation, vcols, true);
        try {
            return fit(jsc, tr, va, t0);
        } finally {
            tr.unpersist(false);
            if (va != null) {
                va.unpersist(false);
            }
        }
    }

    private RfmModel fit(JavaSparkContext jsc, JavaRDD<SparkPoint> tr, JavaRDD<SparkPoint> va, long t0) {
        long n = tr.count();
        if (n == 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the training data is empty");
        }
        if (n > Integer.MAX_VALUE) {
            throw new RfmException(ErrorCode.INVALID_DATA, n + " training rows: at most " + Integer.MAX_VALUE);
        }
        int d = oneWidth(tr, "training data");
        long nv = va == null ? 0 : va.count();
        if (va != null && nv == 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the validation data is empty: pass null for none");
        }
        if (va != null && oneWidth(va, "validation data") != d) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the validation rows have a different number of features "
                    + "than the training rows (" + d + ")");
        }
        String[] classes = classification ? classes(tr, va) : null;
        int c = classification ? new LabelEncoder(classes).targetColumns() : labels.size();
        List<String> metrics = classification ? Metrics.CLASSIFICATION : Metrics.REGRESSION;
        String tuning = params.tuningMetric() != null ? params.tuningMetric() : metrics.get(0);
        Metrics.requireKnown(tuning);

        // the top of the tree, planned on the driver: down to the leaf size when it holds every row, else
        // down to parts whose sample still gives a full split sample, each part then split exactly by its task
        List<SparkPoint> sample = new ArrayList<>(n <= driverSampleRows ? tr.collect()
                : tr.sample(false, Math.min(1.0, (double) driverSampleRows / n), params.seed()).collect());
        sample.sort(Comparator.comparingLong(p -> p.index));
        int leafSize = params.tree().leafSize() > 0 ? params.tree().leafSize() : TreeSettings.HOST_LEAF_SIZE;
        int splitRows = Math.min(leafSize, params.tree().splitSample());
        boolean all = sample.size() == n;
        long partRows = all ? leafSize : Math.max(leafSize, (long) Math.ceil((double) splitRows * n / sample.size()));
        int stopRows = all ? leafSize : (int) Math.max(1, Math.round((double) partRows * sample.size() / n));
        RfmTreeTrainer trainer;
        TreePlan top;
        try (ComputeBackend be = Backends.open(Backends.AUTO)) {
            trainer = new RfmTreeTrainer(be, params.trainerSettings(), params.tree(), listener);
            top = trainer.plan(Points.features(sample), Points.targets(sample, classes, c), stopRows, leafSize);
        }
        int parts = top.leafCount();
        int workers = Math.min(parts, jsc.defaultParallelism());
        synchronized (listener) {
            listener.planned(leafSize, workers, parts + " part(s) planned on "
                    + (all ? "all " + n + " rows (each part one leaf)"
                    : "a sample of " + sample.size() + " of " + n + " rows (parts of about " + partRows
                    + " rows, each split to leaves of at most " + leafSize + " by its task)")
                    + ", fitted as " + parts + " Spark tasks");
        }

        // route every row to its part; each part is split to leaves and fitted as one task
        Router router = new Router(top);
        Broadcast<Router> routes = jsc.broadcast(router);
        JavaRDD<SparkPoint> rows = va == null ? tr : tr.union(va);
        List<SubtreeOutcome> outcomes = new ArrayList<>(rows
                .mapToPair(p -> new Tuple2<>(routes.value().leaf(p.x), p))
                .partitionBy(new LeafPartitioner(parts))
                .mapPartitionsWithIndex(new SubtreeTask(params, backend, classes, c, leafSize, metrics, tuning), false)
                .collect());
        routes.destroy();
        outcomes.sort(Comparator.comparingInt(o -> o.part));
        for (int k = 0; k < outcomes.size(); k++) {
            if (outcomes.get(k).part != k) {
                throw new IllegalStateException("part " + k + " came back as " + outcomes.get(k).part);
            }
        }
        for (SubtreeOutcome o : outcomes) {
            o.notes.forEach(trainer::note);
        }
        StitchedTree stitched = new StitchedTree(router, outcomes);
        Router splits = stitched.router();
        int leaves = splits.leaves;
        List<SingleRfm> fitted = new ArrayList<>();
        List<LeafRecord> records = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (int k = 0; k < leaves; k++) {
            LeafOutcome o = stitched.leaves.get(k);
            fitted.add(TreeModels.leafFromBytes(o.model, "leaf " + k + " from " + o.executor));
            LeafRecord r = o.record(k);
            records.add(r);
            bytes.add(o.model);
            synchronized (listener) {
                listener.leafDone(r, k + 1, leaves, seconds(t0));
            }
        }
        RfmTree hard = new RfmTree(d, c, splits.left, splits.right, splits.leafOf, splits.direction, splits.threshold,
                splits.spread, fitted, 0);

        // choose the routing on the validation rows, predicted where they are
        TreeFit fit;
        if (va == null) {
            fit = trainer.finish(hard, records, leafSize, workers, null, null);
        } else {
            MetricScorer scorer = new MetricScorer(metrics, tuning, Points.targets(orderedTargets(va, (int) nv), classes, c));
            String key = UUID.randomUUID().toString();
            Broadcast<TreeShipment> tree = jsc.broadcast(new TreeShipment(key, splits, bytes, c));
            try {
                fit = trainer.finish(hard, records, leafSize, workers,
                        t -> predictValidation(va, tree, t, (int) nv, c, params.precision(), backend), scorer);
            } finally {
                tree.destroy();
            }
        }
        String where = "Spark (" + jsc.master() + "): " + parts + " tasks, " + leaves + " leaves, on " + backend;
        return classification ? TreeModels.classification(params, fit, (int) n, where, classes)
                : TreeModels.regression(params, fit, (int) n, where);
    }

    /** The rows as points with their positions in the data set; kept in memory (or on disk) for the passes of the fit. */
    private static JavaRDD<SparkPoint> points(Dataset<Row> data, Columns cols, boolean validation) {
        JavaRDD<SparkPoint> p = data.javaRDD().zipWithIndex().map(t -> {
            Row row = t._1();
            long i = t._2();
            return cols.classification()
                    ? new SparkPoint(i, validation, cols.features(row, i), null, cols.label(row, i))
                    : new SparkPoint(i, validation, cols.features(row, i), cols.targets(row, i), null);
        });
        return p.persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static int oneWidth(JavaRDD<SparkPoint> points, String what) {
        List<Integer> widths = points.map(p -> p.x.length).distinct().collect();
        if (widths.size() != 1 || widths.get(0) < 1) {
            throw new RfmException(ErrorCode.INVALID_DATA, what + ": rows have " + widths
                    + " features: every row needs the same number, at least 1");
        }
        return widths.get(0);
    }

    /** The classes of the training labels, in rfm4j's order; a validation label not among them fails. */
    private static String[] classes(JavaRDD<SparkPoint> tr, JavaRDD<SparkPoint> va) {
        List<String> seen = tr.map(p -> p.label).distinct().collect();
        String[] classes = LabelEncoder.fit(seen.toArray(new String[0])).classes();
        if (va != null) {
            List<String> known = Arrays.asList(classes);
            List<String> unseen = va.map(p -> p.label).distinct().filter(l -> !known.contains(l)).take(6);
            if (!unseen.isEmpty()) {
                throw new RfmException(ErrorCode.INVALID_DATA, "the validation data has label(s) "
                        + (unseen.size() > 5 ? unseen.subList(0, 5) + " and more" : unseen)
                        + " that no training row has: every class needs training rows");
            }
        }
        return classes;
    }

    /** The validation targets in data-set order (the order of the predictions scored against them). */
    private static List<SparkPoint> orderedTargets(JavaRDD<SparkPoint> va, int nv) {
        SparkPoint[] ordered = new SparkPoint[nv];
        for (SparkPoint p : va.map(p -> new SparkPoint(p.index, true, null, p.y, p.label)).collect()) {
            ordered[(int) p.index] = p;
        }
        return Arrays.asList(ordered);
    }

    /** Raw predictions of every validation row at temperature t, computed on the executors, in data-set order. */
    private static double[] predictValidation(JavaRDD<SparkPoint> va, Broadcast<TreeShipment> tree, double t, int nv,
                                              int c, Precision precision, String backendName) {
        List<Tuple2<long[], double[]>> parts = va.mapPartitions((Iterator<SparkPoint> it) -> {
            List<SparkPoint> pts = new ArrayList<>();
            it.forEachRemaining(pts::add);
            if (pts.isEmpty()) {
                return List.<Tuple2<long[], double[]>>of().iterator();
            }
            long[] index = new long[pts.size()];
            for (int i = 0; i < index.length; i++) {
                index[i] = pts.get(i).index;
            }
            Matrix q = Points.features(pts);
            try (ComputeBackend be = TaskBackends.open(backendName);
                 RawPredictor p = tree.value().tree().withTemperature(t).open(be, precision)) {
                return List.of(new Tuple2<>(index, p.predict(q))).iterator();
            }
        }).collect();
        double[] raw = new double[nv * c];
        for (Tuple2<long[], double[]> part : parts) {
            long[] index = part._1();
            for (int i = 0; i < index.length; i++) {
                System.arraycopy(part._2(), i * c, raw, (int) index[i] * c, c);
            }
        }
        return raw;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }

    /** What the settings are, for logs. */
    @Override
    public String toString() {
        return "RfmSparkTree" + Map.of("task", classification ? "classification" : "regression", "features", features,
                "labels", labels, "driverSampleRows", driverSampleRows, "backend", backend);
    }
}
