// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.rfm4j.api.RfmModels;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmRegressionModel;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/**
 * rfm4j as a library: fit an RFM on a small regression task, score it, save it, load it back and
 * check the loaded model predicts the same. Exits 1 if anything is off.
 */
public final class Quickstart {
    public static void main(String[] args) throws Exception {
        // y = x0 * x1 + 0.5 x2 on 1,200 points in 8 dimensions: only three features matter
        Random rnd = new Random(0);
        int n = 1200, d = 8;
        double[][] x = new double[n][d], y = new double[n][1];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                x[i][a] = rnd.nextGaussian();
            }
            y[i][0] = x[i][0] * x[i][1] + 0.5 * x[i][2];
        }
        double[][] xTrain = Arrays.copyOfRange(x, 0, 800), yTrain = Arrays.copyOfRange(y, 0, 800);
        double[][] xVal = Arrays.copyOfRange(x, 800, 1000), yVal = Arrays.copyOfRange(y, 800, 1000);
        double[][] xTest = Arrays.copyOfRange(x, 1000, n), yTest = Arrays.copyOfRange(y, 1000, n);

        RfmParams params = RfmParams.builder().iterations(3).seed(0).build();
        try (ComputeBackend be = Backends.open(Backends.AUTO)) {
            System.out.println("backend: " + be.description());
            RfmRegressionModel model = new RfmRegressor(params).fit(be, xTrain, yTrain, xVal, yVal);
            Map<String, Double> test = model.score(be, xTest, yTest);
            System.out.println("test " + test + ", top features " + Arrays.toString(model.topFeatures()));

            Path file = Files.createTempDirectory("rfm4j-quickstart").resolve("model.rfm");
            RfmModels.save(model, file);
            RfmRegressionModel loaded = (RfmRegressionModel) RfmModels.load(file);
            double[][] a = model.predict(be, xTest), b = loaded.predict(be, xTest);
            boolean same = Arrays.deepEquals(a, b);
            System.out.println("saved " + Files.size(file) + " bytes to " + file + "; loaded model predicts "
                    + (same ? "the same" : "DIFFERENTLY"));

            double variance = 0;
            for (double[] row : yTest) {
                variance += row[0] * row[0] / yTest.length;
            }
            boolean learned = test.get("mse") < 0.2 * variance;
            int[] top = model.topFeatures();
            boolean found = Arrays.stream(top, 0, 3).sorted().boxed().toList().equals(java.util.List.of(0, 1, 2));
            if (!same || !learned || !found) {
                System.out.println("quickstart FAILED (same " + same + ", learned " + learned + ", features " + found + ")");
                System.exit(1);
            }
            System.out.println("quickstart OK");
        }
    }
}
