// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void regressionMetrics() {
        double[] p = {1, 2, 3, 4}, y = {1, 1, 3, 6};
        assertEquals((0 + 1 + 0 + 4) / 4.0, Metrics.compute("mse", p, y, 4, 1), 1e-15);
        assertEquals(Math.sqrt(1.25), Metrics.compute("rmse", p, y, 4, 1), 1e-15);
        assertEquals(0.75, Metrics.compute("mae", p, y, 4, 1), 1e-15);
    }

    @Test
    void binaryClassificationMetrics() {
        double[] p = {0.9, 0.2, 0.6, 0.4}, y = {1, 0, 0, 1};
        assertEquals(0.5, Metrics.compute("accuracy", p, y, 4, 1), 1e-15);
        // auc: positives score 0.9 and 0.4, negatives 0.2 and 0.6: pairs won 3 of 4
        assertEquals(0.75, Metrics.compute("auc", p, y, 4, 1), 1e-15);
        assertEquals(0.5, Metrics.compute("f1", p, y, 4, 1), 1e-15);
        double ll = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.4)) / 4;
        assertEquals(ll, Metrics.compute("logloss", p, y, 4, 1), 1e-12);
        double brier = (2 * 0.01 + 2 * 0.04 + 2 * 0.36 + 2 * 0.36) / 4;
        assertEquals(brier, Metrics.compute("brier", p, y, 4, 1), 1e-12);
    }

    @Test
    void multiclassProbabilitiesAreClampedAndNormalised() {
        double[] p = {2.0, -1.0, 0.0};
        double[] prob = Metrics.probabilities(p, 1, 3);
        assertEquals(1.0, prob[0] + prob[1] + prob[2], 1e-15);
        assertEquals((1 - 1e-3) / (1 - 1e-3 + 2e-3), prob[0], 1e-15);
        assertEquals(1.0, Metrics.compute("accuracy", new double[] {0.1, 0.8, 0.1, 0.5, 0.2, 0.3},
                new double[] {0, 1, 0, 1, 0, 0}, 2, 3), 1e-15);
    }
}
