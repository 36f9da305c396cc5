// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.data.Dataset;
import org.rfm4j.io.CsvReader;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/** The Java tour of README.md ("Java API"), statement for statement, on small data: it must compile and run. */
class ReadmeApiTest {

    @Test
    void theReadmeJavaTourRunsAsWritten(@TempDir Path dir) throws Exception {
        TestData train = TestData.make(300, 8, 0.5, 1, TestData::lowRank);
        TestData val = TestData.make(100, 8, 0.5, 2, TestData::lowRank);
        TestData tst = TestData.make(100, 8, 0.5, 3, TestData::lowRank);
        double[][] xTrain = train.x, yTrain = train.y, xVal = val.x, yVal = val.y, xTest = tst.x, yTest = tst.y;
        double[][] xBatch = java.util.Arrays.copyOf(xTest, 10);
        double[][] x = xTrain;
        String[] labels = new String[x.length];
        for (int i = 0; i < x.length; i++) {
            labels[i] = x[i][0] > 0 ? "up" : "down";
        }
        Path modelFile = dir.resolve("model.rfm");
        StringBuilder csv = new StringBuilder("rooms,age,price\n");
        for (int i = 0; i < 60; i++) {
            csv.append(1 + i % 5).append(',').append(i % 7).append(',').append(100 + 20 * (i % 5) - i % 7).append('\n');
        }
        Files.writeString(dir.resolve("houses.csv"), csv);
        String cwd = dir.toString(); // the README's relative path, resolved in the test's folder

        // ---- README.md, "Java API" (model.rfm under the test's folder) ----
        RfmParams params = RfmParams.builder()
                .kernel("laplace").bandwidth(10).reg(1e-3).iterations(5)  // the defaults (docs/ALGORITHM.md)
                .build();
        double[][] yHat;
        Map<String, Double> test;
        double[][] batch;
        try (ComputeBackend gpuOrCpu = Backends.open("auto")) {
            RfmRegressionModel model = new RfmRegressor(params).fit(gpuOrCpu, xTrain, yTrain, xVal, yVal);
            yHat = model.predict(gpuOrCpu, xTest);
            test = model.score(gpuOrCpu, xTest, yTest);
            try (RfmPredictor serving = model.predictor(gpuOrCpu)) {
                batch = serving.predictRaw(xBatch);
            }
            RfmModels.save(model, modelFile);
        }
        RfmRegressionModel quick = new RfmRegressor(params).fit(xTrain, yTrain);
        int[] top = quick.topFeatures();
        FitReport report = quick.report();

        RfmClassificationModel clf = new RfmClassifier(params).fit(x, labels);
        String[] predicted = clf.predict(xTest);
        double[][] proba = clf.predictProba(xTest);

        Dataset houses = new CsvReader().targets("price").read(Path.of(cwd, "houses.csv"));
        RfmRegressionModel named = new RfmRegressor(params).fit(houses);
        List<String> columns = named.featureNames();
        // ---- end of the README's code ----

        assertEquals(xTest.length, yHat.length);
        assertTrue(test.get("mse") < 0.02, "test " + test);
        assertEquals(10, batch.length);
        assertEquals(yHat[3][0], batch[3][0], 1e-12, "the predictor and predict agree");
        assertEquals(yHat[3][0], RfmModels.load(modelFile).predictRaw(new double[][] {xTest[3]})[0][0], 1e-12);
        assertEquals(8, top.length);
        assertTrue(report.iterations().size() >= 1);
        assertEquals(xTest.length, predicted.length);
        assertEquals(1.0, proba[0][0] + proba[0][1], 1e-12);
        assertEquals(List.of("rooms", "age"), columns);
    }
}
