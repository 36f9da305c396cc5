// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.RfmException;
import org.rfm4j.api.RfmClassificationModel;
import org.rfm4j.api.RfmClassifier;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmModels;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmRegressionModel;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.data.Builtins;
import org.rfm4j.data.Matrix;
import org.rfm4j.data.Splits;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;
import org.rfm4j.tree.TreeSettings;

/**
 * The tree fitted on Spark in local[2] mode against the single-machine tree with the same parameters
 * and seed: the same leaves, routing and predictions (within 1e-9 relative in float64), through the
 * model object, a saved and reloaded file, and the DataFrame predictor.
 */
class RfmSparkTreeTest {
    static final double TOL = 1e-9;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("rfm4j-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static RfmParams params() {
        // leaves of at most 150 rows: 1200 rows split three times, 8 leaves
        return RfmParams.builder().precision(Precision.FLOAT64).iterations(2).seed(7).solver("tree")
                .tree(TreeSettings.defaults().withLeafSize(150).withSplitSample(120)).build();
    }

    static String[] featureNames(int d) {
        String[] f = new String[d];
        for (int a = 0; a < d; a++) {
            f[a] = "x" + a;
        }
        return f;
    }

    static StructType schema(int d, boolean labels) {
        List<StructField> fields = new ArrayList<>();
        for (String f : featureNames(d)) {
            fields.add(DataTypes.createStructField(f, DataTypes.DoubleType, false));
        }
        fields.add(DataTypes.createStructField("y", labels ? DataTypes.StringType : DataTypes.DoubleType, false));
        return DataTypes.createStructType(fields);
    }

    @Test
    void regressionTreeEqualsTheSingleMachineTree(@TempDir Path dir) {
        Splits s = Builtins.lowrank(1200, 300, 200, 8, 11);
        Matrix x = s.train().features(), y = s.train().targets(), xv = s.validation().features(), yv = s.validation().targets();
        Matrix xt = s.test().features();
        RfmRegressionModel single;
        double[] expected;
        try (ComputeBackend cpu = Backends.open("cpu")) {
            single = new RfmRegressor(params()).fit(cpu, x, y, xv, yv, null);
            expected = single.predictRaw(cpu, xt);
        }
        RfmModel spark = RfmSparkTree.regression(params()).features(featureNames(8)).labels("y").backend("cpu")
                .fit(ordered(x, y.data(), null), ordered(xv, yv.data(), null));
        System.out.println("Spark tree: " + spark.report().tree().leaves().size() + " leaves, routing "
                + spark.report().tree().routing() + "; single machine: " + single.report().tree().routing());
        assertTrue(spark.report().tree().leaves().size() >= 8, "leaves: " + spark.report().tree().leaves().size());
        assertEquals(single.report().tree().leaves().size(), spark.report().tree().leaves().size());
        assertEquals(single.report().tree().routing(), spark.report().tree().routing());
        double[] got;
        try (ComputeBackend cpu = Backends.open("cpu")) {
            got = spark.predictRaw(cpu, xt);
        }
        assertClose(expected, got, "predictions of the Spark tree");

        Path file = dir.resolve("spark-tree.rfm");
        RfmModels.save(spark, file);
        RfmModel loaded = RfmModels.load(file);
        try (ComputeBackend cpu = Backends.open("cpu")) {
            assertClose(expected, loaded.predictRaw(cpu, xt), "predictions of the saved and loaded Spark tree");
        }
        Dataset<Row> predicted = new RfmSparkPredictor(spark, featureNames(8)).backend("cpu").blockRows(7)
                .transform(ordered(xt, new double[xt.rows()], null));
        List<Row> rows = predicted.collectAsList();
        assertEquals(xt.rows(), rows.size());
        double[] viaFrame = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            viaFrame[i] = rows.get(i).getDouble(rows.get(i).fieldIndex("prediction"));
        }
        assertClose(expected, viaFrame, "predictions through the DataFrame predictor");
    }

    @Test
    void classificationTreeEqualsTheSingleMachineTree() {
        Splits s = Builtins.lowrank(1200, 300, 200, 8, 5);
        Matrix x = s.train().features(), xv = s.validation().features(), xt = s.test().features();
        String[] labels = classes(s.train().targets()), vlabels = classes(s.validation().targets());
        RfmClassificationModel single;
        double[] expected;
        try (ComputeBackend cpu = Backends.open("cpu")) {
            single = new RfmClassifier(params()).fit(cpu, x, labels, xv, vlabels, null);
            expected = single.predictRaw(cpu, xt);
        }
        RfmModel spark = RfmSparkTree.classification(params()).features(featureNames(8)).labels("y").backend("cpu")
                .fit(ordered(x, null, labels), ordered(xv, null, vlabels));
        assertTrue(spark instanceof RfmClassificationModel);
        assertEquals(List.of(single.classes()), List.of(((RfmClassificationModel) spark).classes()));
        try (ComputeBackend cpu = Backends.open("cpu")) {
            assertClose(expected, spark.predictRaw(cpu, xt), "class scores of the Spark tree");
        }
        List<Row> rows = new RfmSparkPredictor(spark, featureNames(8)).backend("cpu")
                .transform(ordered(xt, null, classes(s.test().targets()))).collectAsList();
        String[] want = single.labels(expected, xt.rows());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(want[i], rows.get(i).getString(rows.get(i).fieldIndex("prediction")), "row " + i);
        }
    }

    @Test
    void onASampleTheDriverPlansPartsAndTheTasksSplitThemToLeaves() {
        Splits s = Builtins.lowrank(2400, 300, 400, 8, 13);
        Matrix x = s.train().features(), y = s.train().targets(), xv = s.validation().features(), yv = s.validation().targets();
        Matrix xt = s.test().features(), yt = s.test().targets();
        RfmParams p = params();
        RfmRegressionModel single;
        try (ComputeBackend cpu = Backends.open("cpu")) {
            single = new RfmRegressor(p).fit(cpu, x, y, xv, yv, null);
        }
        // 600 of 2400 rows on the driver: parts of about 120 x 4 = 480 rows, each split by its task to leaves of 150
        RfmModel spark = RfmSparkTree.regression(p).features(featureNames(8)).labels("y").backend("cpu")
                .driverSampleRows(600).fit(ordered(x, y.data(), null), ordered(xv, yv.data(), null));
        List<org.rfm4j.tree.LeafRecord> leaves = spark.report().tree().leaves();
        assertTrue(leaves.size() >= 16, "leaves: " + leaves.size());
        int rows = 0;
        for (org.rfm4j.tree.LeafRecord r : leaves) {
            assertTrue(r.rows() <= 150 && r.rows() > 0, "a leaf of " + r.rows() + " rows");
            rows += r.rows();
        }
        assertEquals(2400, rows, "every training row in one leaf");
        assertTrue(spark.report().notes().stream().noneMatch(n -> n.contains("zero")), spark.report().notes().toString());
        try (ComputeBackend cpu = Backends.open("cpu")) {
            double mseSingle = single.score(cpu, xt, yt).get("mse"), mseSpark = ((RfmRegressionModel) spark).score(cpu, xt, yt).get("mse");
            System.out.printf("sampled plan: test MSE %.6g against the single machine's %.6g%n", mseSpark, mseSingle);
            assertTrue(mseSpark < 1.25 * mseSingle, "test MSE " + mseSpark + " against " + mseSingle);
        }
    }

    @Test
    void anArrayColumnOfFeaturesFitsAsNumericColumnsDo() {
        Splits s = Builtins.lowrank(300, 60, 50, 8, 3);
        Matrix x = s.train().features(), xt = s.test().features();
        double[] y = s.train().targets().data();
        RfmModel columns = RfmSparkTree.regression(params()).features(featureNames(8)).labels("y").backend("cpu")
                .fit(ordered(x, y, null));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.rows(); i++) {
            double[] f = new double[x.cols()];
            System.arraycopy(x.data(), i * x.cols(), f, 0, f.length);
            rows.add(RowFactory.create(f, y[i]));
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
                DataTypes.createStructField("y", DataTypes.DoubleType, false)));
        RfmModel array = RfmSparkTree.regression(params()).features("features").labels("y").backend("cpu")
                .fit(spark.createDataFrame(rows, schema));
        assertEquals(2, array.report().tree().leaves().size());
        try (ComputeBackend cpu = Backends.open("cpu")) {
            assertClose(columns.predictRaw(cpu, xt), array.predictRaw(cpu, xt), "features from an array column");
        }
    }

    @Test
    void badInputFailsWithAMessage() {
        Splits s = Builtins.lowrank(100, 20, 10, 8, 1);
        Dataset<Row> df = ordered(s.train().features(), s.train().targets().data(), null);
        RfmException e = assertThrows(RfmException.class,
                () -> RfmSparkTree.regression(params()).features("x0", "nope").labels("y").fit(df));
        assertTrue(e.getMessage().contains("no column 'nope'"), e.getMessage());
        e = assertThrows(RfmException.class, () -> RfmSparkTree.regression(params()).features(featureNames(8)).fit(df));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
        Matrix bad = new Matrix(s.train().features().data().clone(), 100, 8);
        bad.data()[17] = Double.NaN;
        Exception nan = assertThrows(Exception.class, () -> RfmSparkTree.regression(params()).features(featureNames(8))
                .labels("y").fit(ordered(bad, s.train().targets().data(), null)));
        assertTrue(String.valueOf(messages(nan)).contains("row 2: column 'x1' is NaN"), messages(nan));
        Dataset<Row> empty = df.limit(0);
        e = assertThrows(RfmException.class, () -> RfmSparkTree.regression(params()).features(featureNames(8))
                .labels("y").fit(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    /** The messages of an exception and its causes (Spark wraps a task's exception). */
    static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append(" | ");
        }
        return b.toString();
    }

    /**
     * A frame of the matrix's rows in order (Spark slices a local list into partitions in order, so a
     * row's position in the frame is its row in the matrix; the leaf tasks still receive them from two
     * partitions through the shuffle).
     */
    static Dataset<Row> ordered(Matrix x, double[] y, String[] labels) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.rows(); i++) {
            Object[] v = new Object[x.cols() + 1];
            for (int a = 0; a < x.cols(); a++) {
                v[a] = x.get(i, a);
            }
            v[x.cols()] = labels == null ? (Object) (y == null ? 0.0 : y[i]) : labels[i];
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, schema(x.cols(), labels != null));
    }

    /** Three classes from the low-rank target's terciles. */
    static String[] classes(Matrix y) {
        String[] c = new String[y.rows()];
        for (int i = 0; i < c.length; i++) {
            double v = y.get(i, 0);
            c[i] = v < -0.3 ? "low" : v > 0.3 ? "high" : "mid";
        }
        return c;
    }

    static void assertClose(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what + ": lengths");
        double scale = 1e-300, diff = 0;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            diff = Math.max(diff, Math.abs(want[i] - got[i]));
        }
        System.out.printf("%s: max |difference| %.3g, relative %.3g%n", what, diff, diff / scale);
        assertTrue(diff <= TOL * scale, what + ": max difference " + diff + " against scale " + scale);
    }
}
