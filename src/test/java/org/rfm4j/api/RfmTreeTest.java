// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.cpu.linalg.Parallel;
import org.rfm4j.io.ModelFile;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.MemoryInfo;
import org.rfm4j.testing.OnCpu;
import org.rfm4j.tree.RfmTree;
import org.rfm4j.tree.TreeSettings;

/** The RFM tree through the estimators: exactness with one leaf, routing, save/load, leaf workers, the auto solver. */
class RfmTreeTest extends OnCpu {
    static final TestData TRAIN = TestData.make(1200, 8, 0.5, 1, TestData::lowRank);
    static final TestData VAL = TestData.make(300, 8, 0.5, 2, TestData::lowRank);
    static final TestData TEST = TestData.make(400, 8, 0.5, 3, TestData::lowRank);

    static RfmParams.Builder params() {
        return RfmParams.builder().iterations(3).bandwidth(5);
    }

    static RfmRegressionModel tree(TreeSettings t) {
        return new RfmRegressor(params().solver("tree").tree(t).build()).fit(cpu, TRAIN.x, TRAIN.y, VAL.x, VAL.y);
    }

    @Test
    void aTreeWithOneLeafIsThePlainRfmExactly() {
        RfmRegressionModel direct = new RfmRegressor(params().solver("direct").build()).fit(cpu, TRAIN.x, TRAIN.y,
                VAL.x, VAL.y);
        RfmRegressionModel one = tree(TreeSettings.defaults().withLeafSize(TRAIN.x.length));
        assertEquals(1, ((RfmTree) one.fitted()).leafCount());
        assertEquals("tree", one.report().solver());
        assertEquals(0, one.report().tree().depth());
        SingleRfm leaf = ((RfmTree) one.fitted()).leaves().get(0);
        SingleRfm plain = (SingleRfm) direct.fitted();
        assertArrayEquals(plain.solution().m(), leaf.solution().m(), 0.0);
        assertArrayEquals(plain.solution().alpha(), leaf.solution().alpha(), 0.0);
        double[][] a = direct.predict(cpu, TEST.x), b = one.predict(cpu, TEST.x);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "row " + i);
        }
    }

    @Test
    void aSplitTreeLearnsTheTargetAndReportsEveryLeaf() {
        RfmRegressionModel t = tree(TreeSettings.defaults().withLeafSize(400));
        RfmTree tree = (RfmTree) t.fitted();
        assertEquals(4, tree.leafCount(), "1200 rows, leaves of at most 400: two levels of median splits");
        assertEquals(1200, t.trainingRows());
        TreeReport r = t.report().tree();
        assertEquals(4, r.leaves().size());
        assertEquals(300, r.leaves().stream().mapToInt(l -> l.validationRows()).sum(), "every validation row routed once");
        assertEquals(1 + TreeSettings.TEMPERATURES.length, r.routingScores().size(), "hard and every soft temperature tried");
        double mse = TestData.mse(t.predict(cpu, TEST.x), TEST.y);
        double variance = TestData.mse(new double[TEST.y.length][1], TEST.y);
        assertTrue(mse < 0.35 * variance, "tree test mse " + mse + " vs target variance " + variance);
        // the low-rank target depends on x0, x1 and x5: they lead the tree's feature ranking
        int[] top = t.topFeatures();
        assertTrue(java.util.Set.of(0, 1, 5).containsAll(java.util.List.of(top[0], top[1], top[2])),
                java.util.Arrays.toString(top));
    }

    @Test
    void hardAndSoftRoutingAreBothAvailableAndDiffer() {
        RfmRegressionModel hard = tree(TreeSettings.defaults().withLeafSize(400).withRouting("hard"));
        RfmRegressionModel soft = tree(TreeSettings.defaults().withLeafSize(400).withRouting("soft").withTemperature(0.4));
        assertEquals(0.0, ((RfmTree) hard.fitted()).temperature());
        assertEquals(0.4, ((RfmTree) soft.fitted()).temperature());
        assertEquals("hard", hard.report().tree().routing());
        assertTrue(soft.report().tree().routing().startsWith("soft"));
        double[][] h = hard.predict(cpu, TEST.x), s = soft.predict(cpu, TEST.x);
        int differ = 0;
        for (int i = 0; i < h.length; i++) {
            differ += h[i][0] != s[i][0] ? 1 : 0;
        }
        assertTrue(differ > 0 && differ < h.length, "soft routing changes the points near a split only: " + differ);
    }

    @Test
    void saveAndLoadGiveIdenticalPredictions(@TempDir Path dir) {
        for (String routing : new String[] {"hard", "soft"}) {
            RfmRegressionModel t = tree(TreeSettings.defaults().withLeafSize(400).withRouting(routing));
            Path file = dir.resolve(routing + ".rfm");
            RfmModels.save(t, file);
            assertEquals(2, ModelFile.read(file).formatVersion(), "a tree needs a reader that knows trees");
            RfmModel back = RfmModels.load(file);
            assertEquals("tree", back.report().solver());
            assertEquals(t.params(), back.params());
            double[] a = t.predictRaw(cpu, new org.rfm4j.data.Matrix(flat(TEST.x), TEST.x.length, 8));
            double[] b = back.predictRaw(cpu, new org.rfm4j.data.Matrix(flat(TEST.x), TEST.x.length, 8));
            assertArrayEquals(a, b, 0.0, routing);
        }
        RfmRegressionModel direct = new RfmRegressor(params().solver("direct").build()).fit(cpu, TRAIN.x, TRAIN.y);
        Path file = dir.resolve("direct.rfm");
        RfmModels.save(direct, file);
        assertEquals(1, ModelFile.read(file).formatVersion(), "a plain model stays readable by older versions");
    }

    @Test
    void aClassifierTreeSavesAndLoads(@TempDir Path dir) {
        String[] labels = new String[TRAIN.x.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = TRAIN.x[i][0] + TRAIN.x[i][1] > 0 ? "up" : (TRAIN.x[i][2] > 0 ? "side" : "down");
        }
        RfmClassificationModel m = new RfmClassifier(params().solver("tree")
                .tree(TreeSettings.defaults().withLeafSize(400)).build()).fit(cpu, TRAIN.x, labels);
        double acc = 0;
        String[] p = m.predict(cpu, TRAIN.x);
        for (int i = 0; i < p.length; i++) {
            acc += p[i].equals(labels[i]) ? 1.0 / p.length : 0;
        }
        assertTrue(acc > 0.9, "training accuracy " + acc);
        Path file = dir.resolve("clf.rfm");
        RfmModels.save(m, file);
        RfmClassificationModel back = (RfmClassificationModel) RfmModels.load(file);
        assertArrayEquals(m.classes(), back.classes());
        assertArrayEquals(p, back.predict(cpu, TRAIN.x));
    }

    @Test
    void leavesFittedSideBySideEqualLeavesFittedInTurn() {
        double[][][] out = new double[2][][];
        Parallel.withThreads(2, () -> {
            out[0] = tree(TreeSettings.defaults().withLeafSize(300).withLeafWorkers(1)).predict(cpu, TEST.x);
            out[1] = tree(TreeSettings.defaults().withLeafSize(300).withLeafWorkers(2)).predict(cpu, TEST.x);
        });
        for (int i = 0; i < out[0].length; i++) {
            assertArrayEquals(out[0][i], out[1][i], 0.0, "row " + i);
        }
    }

    /** A CPU backend that reports little free memory, so that "auto" must choose the tree. */
    @Test
    void autoChoosesTheTreeWhenTheKernelMatrixDoesNotFit() {
        long free = org.rfm4j.algo.MemoryNeeds.directFitBytes(500, 8, 1, org.rfm4j.spi.Precision.FLOAT32);
        try (ComputeBackend small = new SmallMemoryBackend(Backends.open("cpu"), new MemoryInfo(free, free))) {
            RfmRegressionModel m = new RfmRegressor(params().build()).fit(small, TRAIN.x, TRAIN.y, VAL.x, VAL.y);
            assertEquals("tree", m.report().solver());
            assertTrue(m.report().notes().get(0).startsWith("solver: tree (a direct fit of 1200 rows needs"),
                    m.report().notes().get(0));
            int leafSize = m.report().tree().leafSize();
            assertTrue(leafSize < 500 && leafSize > 400, "the automatic leaf size is what memory holds: " + leafSize);
            RfmRegressionModel small2 = new RfmRegressor(params().build()).fit(small, TEST.x, TEST.y);
            assertEquals("direct", small2.report().solver(), "400 rows fit");
            assertNull(small2.report().tree());
        }
    }

    private static double[] flat(double[][] x) {
        return org.rfm4j.data.Matrix.ofRows(x, "x").data();
    }
}
