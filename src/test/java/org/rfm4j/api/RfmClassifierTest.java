// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.testing.OnCpu;

/** xRFM's classification gates (2 and 3 classes, accuracy >= 0.8), string labels, probabilities. */
class RfmClassifierTest extends OnCpu {

    static double accuracy(String[] p, String[] y) {
        int ok = 0;
        for (int i = 0; i < p.length; i++) {
            ok += p[i].equals(y[i]) ? 1 : 0;
        }
        return ok / (double) p.length;
    }

    @Test
    void binaryAndThreeClassGates() {
        for (int classes : new int[] {2, 3}) {
            TestData all = TestData.make(1500, 10, 1.0, 20 + classes, x -> new double[] {
                    classes == 2 ? (x[0] > 0 ? 1 : 0) : (x[0] > 0.5 ? 2 : x[0] > -0.5 ? 1 : 0)});
            String[] labels = TestData.labels(all.y);
            double[][] xt = Arrays.copyOfRange(all.x, 0, 900), xv = Arrays.copyOfRange(all.x, 900, 1100);
            double[][] xs = Arrays.copyOfRange(all.x, 1100, 1500);
            String[] lt = Arrays.copyOfRange(labels, 0, 900), lv = Arrays.copyOfRange(labels, 900, 1100);
            String[] ls = Arrays.copyOfRange(labels, 1100, 1500);
            RfmClassificationModel m = new RfmClassifier(RfmParams.builder().build()).fit(cpu, xt, lt, xv, lv);
            double acc = accuracy(m.predict(cpu, xs), ls);
            assertTrue(acc >= 0.8, classes + " classes: accuracy " + acc);
            assertEquals(classes, m.classes().length);
            double[][] p = m.predictProba(cpu, xs);
            for (double[] row : p) {
                assertEquals(1.0, Arrays.stream(row).sum(), 1e-12);
                for (double v : row) {
                    assertTrue(v > 0 && v < 1);
                }
            }
        }
    }

    @Test
    void stringLabelsRoundTripThroughSaveAndLoad(@TempDir Path dir) {
        TestData all = TestData.make(400, 4, 1.0, 30, x -> new double[] {x[1] > 0 ? 1 : 0});
        String[] labels = Arrays.stream(all.y).map(r -> r[0] > 0 ? "cat" : "dog").toArray(String[]::new);
        RfmClassificationModel m = new RfmClassifier(RfmParams.builder().iterations(1).build())
                .fit(cpu, all.x, labels, null, null);
        assertArrayEquals(new String[] {"cat", "dog"}, m.classes());
        Path f = dir.resolve("c.rfm");
        RfmModels.save(m, f);
        RfmClassificationModel back = (RfmClassificationModel) RfmModels.load(f);
        assertArrayEquals(m.predict(cpu, all.x), back.predict(cpu, all.x));
        assertTrue(accuracy(m.predict(cpu, all.x), labels) > 0.95);
    }
}
