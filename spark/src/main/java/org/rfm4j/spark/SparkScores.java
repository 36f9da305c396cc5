// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.rfm4j.algo.LabelEncoder;
import org.rfm4j.algo.MetricScorer;
import org.rfm4j.algo.Metrics;
import org.rfm4j.api.RfmClassificationModel;
import org.rfm4j.api.RfmModel;
import org.rfm4j.data.Matrix;

/** A model's metrics on a DataFrame: raw outputs computed on the executors, scored on the driver. */
final class SparkScores {
    private SparkScores() {
    }

    static Map<String, Double> score(RfmModel model, Dataset<Row> data, List<String> features, List<String> labels) {
        boolean classes = model instanceof RfmClassificationModel;
        String col = "__rfm4j_raw";
        List<Row> rows = new RfmSparkPredictor(model, features.toArray(new String[0])).outputColumn(col).rawOutput(true)
                .transform(data).select(col, labels.toArray(new String[0])).collectAsList();
        int n = rows.size(), c = model.outputColumns();
        double[] raw = new double[n * c];
        double[] y = new double[n * c];
        String[] names = classes ? new String[n] : null;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            List<Double> out = r.getList(0);
            for (int j = 0; j < c; j++) {
                raw[i * c + j] = out.get(j);
                if (!classes) {
                    y[i * c + j] = ((Number) r.get(1 + j)).doubleValue();
                }
            }
            if (classes) {
                names[i] = String.valueOf(r.get(1));
            }
        }
        if (classes) {
            y = new LabelEncoder(((RfmClassificationModel) model).classes()).encode(names);
        }
        List<String> metrics = classes ? Metrics.CLASSIFICATION : Metrics.REGRESSION;
        return new MetricScorer(metrics, metrics.get(0), new Matrix(y, n, c)).score(raw, n);
    }
}
