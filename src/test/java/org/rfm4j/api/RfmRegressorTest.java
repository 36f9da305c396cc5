// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.io.ModelFile;
import org.rfm4j.spi.Precision;
import org.rfm4j.testing.OnCpu;

class RfmRegressorTest extends OnCpu {

    @Test
    void lowRankTargetLearnsItsFeatures() {
        TestData train = TestData.make(1200, 20, 0.5, 1, TestData::lowRank);
        TestData val = TestData.make(400, 20, 0.5, 2, TestData::lowRank);
        TestData test = TestData.make(800, 20, 0.5, 3, TestData::lowRank);
        RfmRegressionModel m = new RfmRegressor(RfmParams.builder().build()).fit(cpu, train.x, train.y, val.x, val.y);
        assertEquals(20, m.inputDimension());
        assertEquals(1, m.outputColumns());
        assertEquals(1200, m.trainingRows());
        FitReport r = m.report();
        assertEquals(6, r.iterations().size(), "iterations = 5 means 6 solves");
        double first = r.iterations().get(0).validation().get("mse");
        double best = r.iterations().get(r.bestIteration()).validation().get("mse");
        assertTrue(best < 0.6 * first, "RFM must beat plain kernel ridge: " + best + " vs " + first);
        assertEquals(Set.of(0, 1, 5), Set.of(r.topFeatures()[0], r.topFeatures()[1], r.topFeatures()[2]),
                "top features " + Arrays.toString(r.topFeatures()));
        double testMse = TestData.mse(m.predict(cpu, test.x), test.y);
        assertTrue(testMse < 0.008, "test mse " + testMse);
    }

    /** xRFM's own gate: n = 2000, d = 10, two binary targets, test RMSE <= 0.3. */
    @Test
    void xrfmRegressionGate() {
        TestData all = TestData.make(2000, 10, 1.0, 0,
                x -> new double[] {x[0] > 0 ? 1 : 0, x[1] < 0.5 ? 1 : 0});
        double[][] xt = Arrays.copyOfRange(all.x, 0, 1280), yt = Arrays.copyOfRange(all.y, 0, 1280);
        double[][] xv = Arrays.copyOfRange(all.x, 1280, 1600), yv = Arrays.copyOfRange(all.y, 1280, 1600);
        double[][] xs = Arrays.copyOfRange(all.x, 1600, 2000), ys = Arrays.copyOfRange(all.y, 1600, 2000);
        RfmRegressionModel m = new RfmRegressor(RfmParams.builder().build()).fit(cpu, xt, yt, xv, yv);
        double rmse = Math.sqrt(TestData.mse(m.predict(cpu, xs), ys));
        assertTrue(rmse <= 0.3, "test RMSE " + rmse);
    }

    @Test
    void diagonalAndFullAgreeOnADiagonalProblem() {
        // additive target: the true AGOP is diagonal, dominated by features 2 and 4
        TestData train = TestData.make(800, 8, 1.0, 5, x -> new double[] {Math.sin(2 * x[2]) + 0.5 * x[4] * x[4]});
        TestData val = TestData.make(300, 8, 1.0, 6, x -> new double[] {Math.sin(2 * x[2]) + 0.5 * x[4] * x[4]});
        RfmRegressionModel full = new RfmRegressor(RfmParams.builder().iterations(2).earlyStopping(false).build())
                .fit(cpu, train.x, train.y, val.x, val.y);
        RfmRegressionModel diag = new RfmRegressor(RfmParams.builder().iterations(2).earlyStopping(false).diagonal(true).build())
                .fit(cpu, train.x, train.y, val.x, val.y);
        assertEquals(Set.of(2, 4), Set.of(full.topFeatures()[0], full.topFeatures()[1]));
        assertEquals(Set.of(2, 4), Set.of(diag.topFeatures()[0], diag.topFeatures()[1]));
        double[] mf = full.featureMatrix(), md = diag.featureMatrix();
        assertEquals(8, md.length);
        for (int a = 0; a < 8; a++) {
            // both normalised by their largest entry, which is on the diagonal
            assertEquals(mf[a * 8 + a], md[a], 0.15, "diagonal entry " + a);
        }
    }

    @Test
    void float32AndFloat64AgreeOnPredictions() {
        TestData train = TestData.make(600, 10, 0.5, 8, TestData::lowRank);
        TestData test = TestData.make(200, 10, 0.5, 9, TestData::lowRank);
        RfmParams.Builder b = RfmParams.builder().iterations(2).reg(1e-2);
        double[][] p64 = new RfmRegressor(b.precision(Precision.FLOAT64).build()).fit(cpu, train.x, train.y, null, null).predict(cpu, test.x);
        double[][] p32 = new RfmRegressor(b.precision(Precision.FLOAT32).build()).fit(cpu, train.x, train.y, null, null).predict(cpu, test.x);
        double num = 0, den = 0;
        for (int i = 0; i < p64.length; i++) {
            num += Math.pow(p64[i][0] - p32[i][0], 2);
            den += p64[i][0] * p64[i][0];
        }
        assertTrue(Math.sqrt(num / den) <= 1e-3, "relative difference " + Math.sqrt(num / den));
    }

    @Test
    void saveLoadRoundTripGivesIdenticalPredictions(@TempDir Path dir) {
        TestData train = TestData.make(300, 6, 1.0, 4, x -> new double[] {x[0] * x[1], x[2]});
        TestData test = TestData.make(50, 6, 1.0, 5, x -> new double[] {x[0] * x[1], x[2]});
        for (boolean diag : new boolean[] {false, true}) {
            RfmRegressionModel m = new RfmRegressor(RfmParams.builder().iterations(2).diagonal(diag).build()).fit(cpu, train.x, train.y, null, null);
            Path f = dir.resolve("m" + diag + ".rfm");
            RfmModels.save(m, f);
            RfmModel back = RfmModels.load(f);
            assertTrue(back instanceof RfmRegressionModel);
            double[][] a = m.predict(cpu, test.x), b = ((RfmRegressionModel) back).predict(cpu, test.x);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0.0, "row " + i);
            }
            assertArrayEquals(m.topFeatures(), back.topFeatures());
        }
    }

    /** Files written before the backend left the parameters hold params.backend: they still load. */
    @Test
    void modelFilesWithTheOldBackendEntryStillLoad(@TempDir Path dir) {
        TestData train = TestData.make(200, 5, 1.0, 6, x -> new double[] {x[0] * x[1]});
        RfmRegressionModel m = new RfmRegressor(RfmParams.builder().iterations(1).build())
                .fit(cpu, train.x, train.y, null, null);
        Path current = dir.resolve("current.rfm"), old = dir.resolve("old.rfm");
        RfmModels.save(m, current);
        ModelFile.Contents f = ModelFile.read(current);
        ModelFile.Builder b = ModelFile.builder();
        for (String name : f.names()) {
            int[] shape = f.shape(name);
            switch (f.type(name)) {
                case UTF8 -> b.putString(name, f.getString(name));
                case I32 -> b.putInts(name, f.getInts(name), shape);
                case I64 -> b.putLongs(name, f.getLongs(name), shape);
                default -> b.put(name, f.getDoubles(name), shape);
            }
        }
        b.putString("params.backend", "cuda").write(old);
        RfmModel back = RfmModels.load(old);
        double[][] a = m.predict(cpu, train.x), c = ((RfmRegressionModel) back).predict(cpu, train.x);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], c[i], 0.0, "row " + i);
        }
    }

    /** A predictor keeps the training points on the backend: many calls, the same numbers as predict. */
    @Test
    void aPredictorServesManyCallsAndRefusesUseAfterClose() {
        TestData train = TestData.make(300, 6, 1.0, 7, x -> new double[] {x[0] * x[1], x[2]});
        TestData test = TestData.make(40, 6, 1.0, 8, x -> new double[] {x[0] * x[1], x[2]});
        RfmRegressionModel m = new RfmRegressor(RfmParams.builder().iterations(2).build())
                .fit(cpu, train.x, train.y, null, null);
        double[][] once = m.predict(cpu, test.x);
        RfmPredictor p = m.predictor(cpu);
        for (int call = 0; call < 3; call++) {
            double[][] again = p.predictRaw(test.x);
            for (int i = 0; i < once.length; i++) {
                assertArrayEquals(once[i], again[i], 0.0, "call " + call + ", row " + i);
            }
        }
        p.close();
        p.close(); // harmless
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> p.predictRaw(test.x));
    }
}
