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
        MapPartitionsFunction<Row, Row> predict = rows -> predictPartition(rows, cols, key, bytes, backendName, c, classes, array);
        return data.mapPartitions(predict, Encoders.row(out));
    }

    private static Iterator<Row> predictPartition(Iterator<Row> rows, Columns cols, String key, Broadcast<byte[]> bytes,
                                                  String backendName, int c, boolean classes, boolean array) {
        RfmModel m = LOADED.get(key, () -> RfmModels.fromBytes(bytes.value(), "the broadcast model " + key));
        List<Row> result = new ArrayList<>();
        long position = 0;
        try (ComputeBackend be = TaskBackends.open(backendName); RfmPredictor p = m.predictor(be)) {
            List<Row> block = new ArrayList<>(BLOCK);
            while (rows.hasNext()) {
                block.clear();
                while (rows.hasNext() && block.size() < BLOCK) {
                    block.add(rows.next());
                }
                int d = m.inputDimension();
                double[] x = new double[block.size() * d];
                for (int i = 0; i < block.size(); i++) {
                    double[] f = cols.features(block.get(i), position + i);
                    if (f.length != d) {
                        throw new RfmException(ErrorCode.INVALID_DATA, "data to predict, row " + (position + i) + ": "
                                + f.length + " features, but the model takes " + d);
                    }
                    System.arraycopy(f, 0, x, i * d, d);
                }
                double[] raw = p.predictRaw(new Matrix(x, block.size(), d));
                String[] labels = classes ? ((RfmClassificationModel) m).labels(raw, block.size()) : null;
                for (int i = 0; i < block.size(); i++) {
                    Row r = block.get(i);
                    Object[] v = new Object[r.length() + 1];
                    for (int j = 0; j < r.length(); j++) {
                        v[j] = r.get(j);
                    }
                    v[r.length()] = classes ? labels[i] : array ? Arrays.copyOfRange(raw, i * c, i * c + c) : (Object) raw[i];
                    result.add(RowFactory.create(v));
                }
                position += block.size();
            }
        }
        return result.iterator();
    }
}
