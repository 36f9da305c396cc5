// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class FoldsTest {
    private static TabularData toy(int n) {
        String[] labels = new String[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3 == 0 ? "a" : "b";
            x[i] = i;
        }
        return new TabularData("toy", Task.CLASSIFICATION, x, n, 1, labels, null, "test", "none");
    }

    @Test
    void everyRowIsTestedOnceAndSplitsAreDisjoint() {
        TabularData t = toy(103);
        List<Folds.Split> splits = Folds.make(t, 4, 7);
        int[] tested = new int[t.n()];
        for (Folds.Split s : splits) {
            boolean[] seen = new boolean[t.n()];
            for (int[] part : new int[][] {s.train(), s.validation(), s.test()}) {
                for (int i : part) {
                    assertTrue(!seen[i], "row " + i + " in two splits");
                    seen[i] = true;
                }
            }
            for (boolean b : seen) {
                assertTrue(b);
            }
            Arrays.stream(s.test()).forEach(i -> tested[i]++);
            assertEquals(0.2 * (t.n() - s.test().length), s.validation().length, 2);
        }
        for (int c : tested) {
            assertEquals(1, c);
        }
    }

    @Test
    void foldsAreStratifiedAndSeeded() {
        TabularData t = toy(120);
        List<Folds.Split> a = Folds.make(t, 4, 1), b = Folds.make(t, 4, 1);
        for (int k = 0; k < 4; k++) {
            assertTrue(Arrays.equals(a.get(k).test(), b.get(k).test()));
            long as = Arrays.stream(a.get(k).test()).filter(i -> t.labels()[i].equals("a")).count();
            assertEquals(10, as, 1, "class a's share of the test fold");
        }
    }

    @Test
    void ranksShareTiesAndFollowTheMetricsDirection() {
        var row = new java.util.LinkedHashMap<String, Summary.Cell>();
        row.put("A", new Summary.Cell(0.9, 0, 0));
        row.put("B", new Summary.Cell(0.8, 0, 0));
        row.put("C", new Summary.Cell(0.9, 0, 0));
        var r = Summary.ranks(row, Task.CLASSIFICATION);
        assertEquals(1.5, r.get("A"));
        assertEquals(3.0, r.get("B"));
        var q = Summary.ranks(row, Task.REGRESSION);
        assertEquals(1.0, q.get("B"));
        assertEquals(2.5, q.get("C"));
    }
}
