// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/**
 * RFM under the default protocol (TabularSettings.full: 4 folds, seed 0, float64) against an independent NumPy
 * RFM on identical splits. The expectations are the output of the documented reference run
 * (docs/EXPERIMENTS.md, "RFM on tabular data", reference check):
 * {@code scripts/tabular.sh --data-sets digits,breast_cancer --models KRR --export-splits out/splits} then
 * {@code /usr/bin/python3 bench/peers/rfm_numpy_tabular.py out/splits breast_cancer digits} (NumPy 1.24.2,
 * SciPy 1.10.1). Each fold's test accuracy must agree to one test row, and the chosen lambda and row
 * normalisation must be the reference's.
 */
class ReferenceMatchTest {
    /** {fold's test accuracy, lambda, row normalisation (1 = on)} per fold, from the reference run. */
    private static final double[][] BREAST_CANCER = {
            {0.972027972027972, 0.1, 1}, {0.9577464788732394, 10, 0}, {0.9788732394366197, 10, 0},
            {0.971830985915493, 0.1, 0}};
    private static final double[][] DIGITS = {
            {0.9911111111111112, 0.1, 0}, {0.9799554565701559, 0.01, 0}, {0.9866369710467706, 0.1, 0},
            {0.9844097995545658, 0.1, 0}};

    @Test
    void breastCancerMatchesTheNumpyReference() {
        check("breast_cancer", BREAST_CANCER);
    }

    @Test
    void digitsMatchTheNumpyReference() {
        check("digits", DIGITS);
    }

    private static void check(String name, double[][] expected) {
        TabularSettings s = TabularSettings.full(TestData.dir()).withDataSets(List.of(name)).withModels(List.of("RFM"));
        TabularData data = DataSets.load(name, s);
        List<Folds.Split> splits = Folds.make(data, s.folds(), s.seed());
        try (ComputeBackend be = Backends.open("cpu")) {
            RfmRunner rfm = RfmRunner.rfm(be, s);
            for (int k = 0; k < splits.size(); k++) {
                ModelRunner.Outcome o = rfm.run(data, FoldData.of(data, splits.get(k)));
                double oneRow = 1.0 / splits.get(k).test().length;
                assertEquals(expected[k][0], o.test(), oneRow + 1e-12, name + " fold " + k + ": " + o.chosen());
                assertEquals(expected[k][1], (double) o.chosen().get("lambda"), 0, name + " fold " + k + " lambda");
                assertEquals(expected[k][2] == 1, o.chosen().get("row_normalisation"), name + " fold " + k + " normalisation");
            }
        }
    }
}
