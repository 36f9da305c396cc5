// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.MetricScorer;
import org.rfm4j.algo.Metrics;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.data.Matrix;
import org.rfm4j.testing.OnCpu;
import org.rfm4j.tree.LeafRecord;
import org.rfm4j.tree.RfmTree;
import org.rfm4j.tree.RfmTreeTrainer;
import org.rfm4j.tree.TreeFit;
import org.rfm4j.tree.TreeListener;
import org.rfm4j.tree.TreePlan;
import org.rfm4j.tree.TreeSettings;

/**
 * The pieces a tree fitted outside the library's loop is built from (rfm4j-spark): a plan, leaves fitted
 * one by one and shipped as bytes, the routing chosen from predictions given from outside; the result
 * must be the single-machine tree, and every byte form must be checked like a model file.
 */
class TreeModelsTest extends OnCpu {
    static final TestData TRAIN = RfmTreeTest.TRAIN;
    static final TestData VAL = RfmTreeTest.VAL;
    static final TestData TEST = RfmTreeTest.TEST;

    static RfmParams params() {
        return RfmTreeTest.params().solver("tree").tree(TreeSettings.defaults().withLeafSize(400)).build();
    }

    @Test
    void aTreeAssembledFromItsPiecesIsTheSingleMachineTree() {
        RfmParams p = params();
        RfmRegressionModel single = new RfmRegressor(p).fit(cpu, TRAIN.x, TRAIN.y, VAL.x, VAL.y);
        Matrix x = Matrix.ofRows(TRAIN.x, "x"), y = Matrix.ofRows(TRAIN.y, "y");
        Matrix xv = Matrix.ofRows(VAL.x, "xv"), yv = Matrix.ofRows(VAL.y, "yv");
        RfmTreeTrainer trainer = new RfmTreeTrainer(cpu, p.trainerSettings(), p.tree(), TreeListener.NONE);
        TreePlan plan = trainer.plan(x, y, 400, 400);
        assertEquals(4, plan.leafCount());
        List<SingleRfm> leaves = new ArrayList<>();
        List<LeafRecord> records = new ArrayList<>();
        MetricScorer scorer = new MetricScorer(Metrics.REGRESSION, "mse", yv);
        for (int k = 0; k < plan.leafCount(); k++) {
            int[] rows = plan.leafRows(k);
            List<Integer> vrows = new ArrayList<>();
            for (int i = 0; i < xv.rows(); i++) {
                if (plan.hardLeaf(VAL.x[i], 0) == k) {
                    vrows.add(i);
                }
            }
            int[] vr = vrows.stream().mapToInt(Integer::intValue).toArray();
            RfmTreeTrainer.LeafFit f = RfmTreeTrainer.fitLeaf(cpu, p.trainerSettings(), k, x.selectRows(rows),
                    y.selectRows(rows), xv.selectRows(vr), scorer.on(yv.selectRows(vr)));
            // each leaf travels as bytes, as from a Spark task
            leaves.add(TreeModels.leafFromBytes(TreeModels.leafToBytes(f.leaf()), "leaf " + k));
            records.add(f.record());
        }
        RfmTree hard = plan.assemble(leaves, 1);
        TreeFit fit = trainer.finish(hard, records, 400, 1, t -> hard.withTemperature(t).open(cpu, p.precision())
                .predict(xv), scorer);
        RfmRegressionModel pieces = TreeModels.regression(p, fit, TRAIN.x.length, "pieces");
        assertEquals(single.report().tree().routing(), pieces.report().tree().routing());
        double[][] a = single.predict(cpu, TEST.x), b = pieces.predict(cpu, TEST.x);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "row " + i);
        }
        // the model's own bytes load back to the same predictions
        RfmModel back = RfmModels.fromBytes(RfmModels.toBytes(pieces), "pieces in memory");
        double[] c = back.predictRaw(cpu, Matrix.ofRows(TEST.x, "test"));
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i][0], c[i], 0.0, "row " + i);
        }
    }

    @Test
    void damagedBytesFailAsADamagedFileDoes() {
        RfmRegressionModel m = new RfmRegressor(RfmTreeTest.params().build()).fit(cpu, TRAIN.x, TRAIN.y);
        byte[] b = RfmModels.toBytes(m);
        b[b.length / 2] ^= 1;
        RfmException e = assertThrows(RfmException.class, () -> RfmModels.fromBytes(b, "shipped model"));
        assertEquals(ErrorCode.IO, e.code());
        assertTrue(e.getMessage().contains("shipped model") && e.getMessage().contains("checksum"), e.getMessage());
        byte[] cut = java.util.Arrays.copyOf(RfmModels.toBytes(m), 100);
        assertEquals(ErrorCode.IO, assertThrows(RfmException.class, () -> RfmModels.fromBytes(cut, "cut")).code());
        // a whole model is not a leaf
        e = assertThrows(RfmException.class, () -> TreeModels.leafFromBytes(RfmModels.toBytes(m), "not a leaf"));
        assertTrue(e.getMessage().contains("does not hold a fitted leaf"), e.getMessage());
    }

    @Test
    void parametersSurviveJavaSerializationAndStayValidated() throws IOException, ClassNotFoundException {
        RfmParams p = params();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(p);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(p, in.readObject());
        }
    }
}
