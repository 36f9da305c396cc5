package org.rfm4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.spi.Precision;

class RfmRegressorTest {
    static RfmParams.Builder cpu() {
        return RfmParams.builder().backend("cpu");
    }

    @Test
    void lowRankTargetLearnsItsFeatures() {
        TestData train = TestData.make(1200, 20, 0.5, 1, TestData::lowRank);
        TestData val = TestData.make(400, 20, 0.5, 2, TestData::lowRank);
        TestData test = TestData.make(800, 20, 0.5, 3, TestData::lowRank);
        RfmRegressionModel m = new RfmRegressor(cpu().build()).fit(train.x, train.y, val.x, val.y);
        FitReport r = m.report();
        assertEquals(6, r.iterations().size(), "iterations = 5 means 6 solves");
        double first = r.iterations().get(0).validation().get("mse");
        double best = r.iterations().get(r.bestIteration()).validation().get("mse");
        assertTrue(best < 0.6 * first, "RFM must beat plain kernel ridge: " + best + " vs " + first);
        assertEquals(Set.of(0, 1, 5), Set.of(r.topFeatures()[0], r.topFeatures()[1], r.topFeatures()[2]),
                "top features " + Arrays.toString(r.topFeatures()));
        double testMse = TestData.mse(m.predict(test.x), test.y);
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
        RfmRegressionModel m = new RfmRegressor(cpu().build()).fit(xt, yt, xv, yv);
        double rmse = Math.sqrt(TestData.mse(m.predict(xs), ys));
        assertTrue(rmse <= 0.3, "test RMSE " + rmse);
    }

    @Test
    void diagonalAndFullAgreeOnADiagonalProblem() {
        // additive target: the true AGOP is diagonal, dominated by features 2 and 4
        TestData train = TestData.make(800, 8, 1.0, 5, x -> new double[] {Math.sin(2 * x[2]) + 0.5 * x[4] * x[4]});
        TestData val = TestData.make(300, 8, 1.0, 6, x -> new double[] {Math.sin(2 * x[2]) + 0.5 * x[4] * x[4]});
        RfmRegressionModel full = new RfmRegressor(cpu().iterations(2).earlyStopping(false).build())
                .fit(train.x, train.y, val.x, val.y);
        RfmRegressionModel diag = new RfmRegressor(cpu().iterations(2).earlyStopping(false).diagonal(true).build())
                .fit(train.x, train.y, val.x, val.y);
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
        RfmParams.Builder b = cpu().iterations(2).reg(1e-2);
        double[][] p64 = new RfmRegressor(b.precision(Precision.FLOAT64).build()).fit(train.x, train.y).predict(test.x);
        double[][] p32 = new RfmRegressor(b.precision(Precision.FLOAT32).build()).fit(train.x, train.y).predict(test.x);
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
            RfmRegressionModel m = new RfmRegressor(cpu().iterations(2).diagonal(diag).build()).fit(train.x, train.y);
            Path f = dir.resolve("m" + diag + ".rfm");
            RfmModels.save(m, f);
            RfmModel back = RfmModels.load(f);
            assertTrue(back instanceof RfmRegressionModel);
            double[][] a = m.predict(test.x), b = ((RfmRegressionModel) back).predict(test.x);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0.0, "row " + i);
            }
            assertArrayEquals(m.topFeatures(), back.topFeatures());
        }
    }
}
