// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.api.RfmClassificationModel;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmModels;
import org.rfm4j.api.RfmPredictor;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/**
 * Predictions of any rfm4j model (a tree fitted on Spark, or any model loaded from a file) over a
 * DataFrame: the model is broadcast once as its checksummed file bytes, each executor JVM loads it once,
 * and every partition is predicted in blocks on the executor's backend. The result is the input with one
 * column added: a double (one regression output), an array of doubles (several), or the class label.
 */
public final class RfmSparkPredictor {
    /** Rows predicted together. */
    static final int BLOCK = 4096;
    private static final LatestCache<RfmModel> LOADED = new LatestCache<>();

    private final RfmModel model;
    private final List<String> features;
    private String output = "prediction";
    private String backend = Backends.AUTO;
    private boolean raw;
    private int blockRows = BLOCK;

    /** Predicts with {@code model} from the given feature columns (as {@link RfmSparkTree#features}). */
    public RfmSparkPredictor(RfmModel model, String... featureColumns) {
        if (model == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the model is null: fit or load one first");
        }
        this.model = model;
        this.features = List.of(featureColumns);
    }

    /** The name of the added column (default "prediction"). */
    public RfmSparkPredictor outputColumn(String name) {
        if (name == null || name.isBlank()) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the output column name is empty");
        }
        this.output = name;
        return this;
    }

    /** The backend each task opens: "auto" (default), "cpu" or "cuda". */
    public RfmSparkPredictor backend(String name) {
        this.backend = Backends.requireKnown(name);
        return this;
    }

    /** Rows predicted together (default 4096): fewer use less memory per task, more amortise each call. */
    public RfmSparkPredictor blockRows(int rows) {
        if (rows < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "blockRows must be >= 1, got " + rows);
        }
        this.blockRows = rows;
        return this;
    }

    /** Adds the raw outputs f(x) as an array of doubles (class scores, for metrics) instead of the prediction. */
    public RfmSparkPredictor rawOutput(boolean on) {
        this.raw = on;
        return this;
    }

    /** The data with the prediction column added. */
    public Dataset<Row> transform(Dataset<Row> data) {
        StructType schema = data.schema();
        if (Arrays.asList(schema.fieldNames()).contains(output)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the data already has a column '" + output
                    + "': choose another with outputColumn(...)");
        }
        Columns cols = Columns.of(schema, features, List.of(), false, "data to predict");
        boolean classes = !raw && model instanceof RfmClassificationModel;
        boolean array = raw || model.outputColumns() > 1;
        int c = model.outputColumns();
        if (!features.isEmpty() && features.size() > 1 && features.size() != model.inputDimension()) {
            throw new RfmException(ErrorCode.INVALID_DATA, features.size() + " feature columns but the model takes "
                    + model.inputDimension() + " features");
        }
        DataType type = classes ? DataTypes.StringType
                : array ? DataTypes.createArrayType(DataTypes.DoubleType, false) : DataTypes.DoubleType;
        StructType out = schema.add(output, type, false);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        String key = UUID.randomUUID().toString();
        Broadcast<byte[]> bytes = jsc.broadcast(RfmModels.toBytes(model));
        String backendName = backend;
        int blockSize = blockRows;
        MapPartitionsFunction<Row, Row> predict = rows -> predictPartition(rows, cols, key, bytes, backendName, c, classes,
                array, blockSize);
        return data.mapPartitions(predict, Encoders.row(out));
    }

    private static Iterator<Row> predictPartition(Iterator<Row> rows, Columns cols, String key, Broadcast<byte[]> bytes,
                                                  String backendName, int c, boolean classes, boolean array,
                                                  int blockSize) {
        RfmModel m = LOADED.get(key, () -> RfmModels.fromBytes(bytes.value(), "the broadcast model " + key));
        return new PredictedRows(rows, m, cols, backendName, c, classes, array, blockSize);
    }

    /**
     * A partition's rows with their predictions, a block at a time (never the whole partition in memory);
     * the backend opens with the first block and closes after the last, or when the task ends early.
     */
    private static final class PredictedRows implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final RfmModel model;
        private final Columns cols;
        private final String backendName;
        private final int c;
        private final boolean classes;
        private final boolean array;
        private final int blockSize;
        private ComputeBackend backend;
        private RfmPredictor predictor;
        private Iterator<Row> block = java.util.Collections.emptyIterator();
        private long position;

        PredictedRows(Iterator<Row> rows, RfmModel model, Columns cols, String backendName, int c, boolean classes,
                      boolean array, int blockSize) {
            this.rows = rows;
            this.model = model;
            this.cols = cols;
            this.backendName = backendName;
            this.c = c;
            this.classes = classes;
            this.array = array;
            this.blockSize = blockSize;
        }

        @Override
        public boolean hasNext() {
            if (!block.hasNext() && rows.hasNext()) {
                block = next(blockSize).iterator();
            }
            if (!block.hasNext()) {
                close();
                return false;
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return block.next();
        }

        private List<Row> next(int size) {
            if (predictor == null) {
                backend = TaskBackends.open(backendName);
                predictor = model.predictor(backend);
                org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
                if (tc != null) {
                    tc.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> close());
                }
            }
            List<Row> in = new ArrayList<>(size);
            while (rows.hasNext() && in.size() < size) {
                in.add(rows.next());
            }
            int d = model.inputDimension();
            double[] x = new double[in.size() * d];
            for (int i = 0; i < in.size(); i++) {
                double[] f = cols.features(in.get(i), position + i);
                if (f.length != d) {
                    throw new RfmException(ErrorCode.INVALID_DATA, "data to predict, row " + (position + i) + ": "
                            + f.length + " features, but the model takes " + d);
                }
                System.arraycopy(f, 0, x, i * d, d);
            }
            double[] raw = predictor.predictRaw(new Matrix(x, in.size(), d));
            String[] labels = classes ? ((RfmClassificationModel) model).labels(raw, in.size()) : null;
            List<Row> out = new ArrayList<>(in.size());
            for (int i = 0; i < in.size(); i++) {
                Row r = in.get(i);
                Object[] v = new Object[r.length() + 1];
                for (int j = 0; j < r.length(); j++) {
                    v[j] = r.get(j);
                }
                v[r.length()] = classes ? labels[i] : array ? Arrays.copyOfRange(raw, i * c, i * c + c) : (Object) raw[i];
                out.add(RowFactory.create(v));
            }
            position += in.size();
            return out;
        }

        private void close() {
            if (predictor != null) {
                predictor.close();
                predictor = null;
            }
            if (backend != null) {
                backend.close();
                backend = null;
            }
        }
    }
}
