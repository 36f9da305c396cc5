// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.algo.EigenProSettings;
import org.rfm4j.algo.FitListener;
import org.rfm4j.data.Matrix;
import org.rfm4j.testing.OnCpu;

/** The EigenPro solver through the estimators: the direct fit's test error, progress per epoch, save/load. */
class RfmEigenProTest extends OnCpu {
    static final TestData TRAIN = TestData.make(1500, 10, 0.5, 11, TestData::lowRank);
    static final TestData VAL = TestData.make(400, 10, 0.5, 12, TestData::lowRank);
    static final TestData TEST = TestData.make(1000, 10, 0.5, 13, TestData::lowRank);

    static RfmParams.Builder params(String solver) {
        return RfmParams.builder().iterations(3).bandwidth(5).solver(solver);
    }

    static double testMse(RfmRegressionModel m) {
        double[][] p = m.predict(cpu, TEST.x);
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double e = p[i][0] - TEST.y[i][0];
            s += e * e;
        }
        return s / p.length;
    }

    static Matrix matrix(double[][] a) {
        int n = a.length, d = a[0].length;
        double[] f = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, f, i * d, d);
        }
        return new Matrix(f, n, d);
    }

    @Test
    void eigenProReachesTheDirectFitsTestErrorWithProgressPerEpoch() {
        RfmRegressionModel direct = new RfmRegressor(params("direct").build()).fit(cpu, TRAIN.x, TRAIN.y, VAL.x, VAL.y);
        List<String> epochs = new ArrayList<>();
        FitListener listener = new FitListener() {
            @Override
            public void epochDone(int iter, int epoch, Map<String, Double> scores, double seconds, double elapsed) {
                assertTrue(scores.containsKey("mse") && scores.containsKey("residual"), scores.toString());
                epochs.add(iter + "." + epoch);
            }
        };
        RfmRegressionModel ep = new RfmRegressor(params("eigenpro").build()).fit(cpu, matrix(TRAIN.x), matrix(TRAIN.y),
                matrix(VAL.x), matrix(VAL.y), listener);
        assertEquals("eigenpro", ep.report().solver());
        assertTrue(epochs.contains("0.1") && epochs.stream().anyMatch(e -> e.startsWith("3.")), epochs.toString());
        double a = testMse(direct), b = testMse(ep);
        assertTrue(Math.abs(b - a) <= 0.02 * a, "test MSE direct " + a + ", EigenPro " + b);
    }

    @Test
    void tinyAndConstantProblemsStillFit() {
        double[][] x = {{0, 1}, {1, 0}, {2, 2}};
        RfmRegressionModel m = new RfmRegressor(params("eigenpro").build()).fit(cpu, x, new double[][] {{1}, {2}, {3}});
        for (double[] p : m.predict(cpu, x)) {
            assertTrue(Double.isFinite(p[0]));
        }
        RfmRegressionModel zero = new RfmRegressor(params("eigenpro").build()).fit(cpu, TRAIN.x,
                new double[TRAIN.x.length][1]);
        for (double[] p : zero.predict(cpu, TEST.x)) {
            assertEquals(0.0, p[0], 0.0, "y = 0 gives alpha = 0");
        }
    }

    @Test
    void theSettingsSaveAndLoadWithTheModel(@TempDir Path dir) {
        EigenProSettings s = new EigenProSettings(700, 12, 256, 6, 2);
        RfmRegressionModel m = new RfmRegressor(params("eigenpro").eigenPro(s).build()).fit(cpu, TRAIN.x, TRAIN.y);
        assertTrue(m.report().notes().stream().anyMatch(n -> n.contains("s = 700, q = 12") && n.contains("batch 256")),
                m.report().notes().toString());
        Path file = dir.resolve("ep.rfm");
        RfmModels.save(m, file);
        RfmModel back = RfmModels.load(file);
        assertEquals(m.params(), back.params());
        assertEquals(s, back.params().eigenPro());
        assertEquals("eigenpro", back.report().solver());
        assertTrue(java.util.Arrays.deepEquals(m.predict(cpu, TEST.x), ((RfmRegressionModel) back).predict(cpu, TEST.x)));
    }
}
