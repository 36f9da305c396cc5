// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.algo.TrainerSettings;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;
import org.rfm4j.testing.OnCpu;

/** How the tree splits and routes. */
class RfmTreeTrainerTest extends OnCpu {

    static TrainerSettings settings(boolean diag) {
        return new TrainerSettings(Kernel.laplace(4), 1e-3, 2, 2000, diag, false, 1, false, true, 0, Precision.FLOAT64, 5);
    }

    /** y = sin(3 w.x) for a planted unit direction w: the only direction the function changes along. */
    @Test
    void theRootSplitsAlongAPlantedDirection() {
        int n = 800, d = 7;
        double[] w = {0.6, -0.48, 0, 0, 0.64, 0, 0};
        Random r = new Random(11);
        double[] x = new double[n * d], y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int a = 0; a < d; a++) {
                x[i * d + a] = r.nextGaussian();
                s += w[a] * x[i * d + a];
            }
            y[i] = Math.sin(3 * s);
        }
        TreeFit f = new RfmTreeTrainer(cpu, settings(false), TreeSettings.defaults().withLeafSize(400)
                .withSplitSample(600), null).fit(new Matrix(x, n, d), new Matrix(y, n, 1), null, null, null);
        RfmTree t = f.tree();
        assertEquals(3, t.nodeCount());
        double[] v = t.direction(0);
        double cos = 0;
        for (int a = 0; a < d; a++) {
            cos += v[a] * w[a];
        }
        assertTrue(Math.abs(cos) > 0.95, "cosine between the split and the planted direction: " + cos);
        assertEquals(400, t.leaves().get(0).trainingRows());
        assertEquals(400, t.leaves().get(1).trainingRows());
        assertEquals("hard", f.routing(), "without validation the routing stays hard");
    }

    @Test
    void aDiagonalMetricSplitsOnTheCoordinateThatMatters() {
        int n = 600, d = 5;
        Random r = new Random(3);
        double[] x = new double[n * d], y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                x[i * d + a] = r.nextGaussian();
            }
            y[i] = Math.tanh(2 * x[i * d + 3]);
        }
        RfmTree t = new RfmTreeTrainer(cpu, settings(true), TreeSettings.defaults().withLeafSize(300), null)
                .fit(new Matrix(x, n, d), new Matrix(y, n, 1), null, null, null).tree();
        assertEquals(1.0, t.direction(0)[3], 0.0);
    }

    /** A hand-made tree: one split on x0 at 0, spread 1; leaf 0 predicts 0, leaf 1 predicts 1 (alpha 0 + bias-free). */
    static RfmTree twoLeaves(double temperature) {
        SingleRfm a = constantLeaf(-1), b = constantLeaf(1);
        return new RfmTree(2, 1, new int[] {1, -1, -1}, new int[] {2, -1, -1}, new int[] {-1, 0, 1},
                new double[] {1, 0, 0, 0, 0, 0}, new double[] {0, 0, 0}, new double[] {1, 1, 1}, List.of(a, b),
                temperature);
    }

    /** A leaf whose one training point sits at (center, 0) with coefficient 1. */
    static SingleRfm constantLeaf(double center) {
        double[] m = {1, 0, 0, 1};
        org.rfm4j.algo.RfmSolution s = new org.rfm4j.algo.RfmSolution(Kernel.gaussian(1e6), false, 2, m, m.clone(),
                new double[] {1}, 1, 0);
        return new SingleRfm(s, new Matrix(new double[] {center, 0}, 1, 2));
    }

    @Test
    void softRoutingBlendsNearASplitAndNotFarFromIt() {
        int[] leaves = new int[2];
        double[] weights = new double[2];
        RfmTree soft = twoLeaves(0.5);
        assertEquals(2, soft.route(new double[] {0.0, 0}, 0, 0.5, leaves, weights));
        assertEquals(0.5, weights[0], 1e-12);
        assertEquals(1, soft.route(new double[] {10.0, 0}, 0, 0.5, leaves, weights), "far right: one leaf");
        assertEquals(1, leaves[0]);
        int k = soft.route(new double[] {0.5, 0}, 0, 0.5, leaves, weights);
        assertEquals(2, k);
        double right = leaves[0] == 1 ? weights[0] : weights[1];
        assertEquals(1 / (1 + Math.exp(-1)), right, 1e-12, "sigmoid((0.5 - 0) / (0.5 x 1))");
        assertEquals(1, twoLeaves(0).route(new double[] {1e-9, 0}, 0, 0, leaves, weights), "hard: one leaf");
        assertEquals(1, leaves[0]);
        assertEquals(0, twoLeaves(0).hardLeaf(new double[] {0, 0}, 0), "v.x <= t goes left");
    }

    @Test
    void malformedTreesAreRefused() {
        SingleRfm a = constantLeaf(-1), b = constantLeaf(1);
        double[] dir = {1, 0, 0, 0, 0, 0};
        RfmException e = assertThrows(RfmException.class, () -> new RfmTree(2, 1, new int[] {1, -1, -1},
                new int[] {1, -1, -1}, new int[] {-1, 0, 1}, dir, new double[3], new double[] {1, 1, 1}, List.of(a, b), 0));
        assertEquals(ErrorCode.INVALID_DATA, e.code());
        assertThrows(RfmException.class, () -> new RfmTree(2, 1, new int[] {1, -1, -1}, new int[] {2, -1, -1},
                new int[] {-1, 0, 0}, dir, new double[3], new double[] {1, 1, 1}, List.of(a, b), 0), "a leaf twice");
        assertThrows(RfmException.class, () -> new RfmTree(2, 1, new int[] {1, -1, -1}, new int[] {2, -1, -1},
                new int[] {-1, 0, 1}, dir, new double[3], new double[] {0, 1, 1}, List.of(a, b), 0), "zero spread");
        assertThrows(RfmException.class, () -> new RfmTree(2, 1, new int[] {0}, new int[] {0}, new int[] {-1},
                new double[2], new double[1], new double[] {1}, List.of(a), 0), "a cycle");
    }

    @Test
    void badSettingsAreRefusedWithTheWayOut() {
        RfmException e = assertThrows(RfmException.class, () -> new TreeSettings(5, 5000, "auto", 0, 0));
        assertTrue(e.getMessage().contains("at least 10"), e.getMessage());
        e = assertThrows(RfmException.class, () -> new TreeSettings(0, 5000, "fuzzy", 0, 0));
        assertTrue(e.getMessage().contains("use auto, hard or soft"), e.getMessage());
        assertThrows(RfmException.class, () -> new TreeSettings(0, 5000, "soft", -1, 0));
        assertThrows(RfmException.class, () -> new TreeSettings(0, 5000, "soft", 0, -2));
    }
}
