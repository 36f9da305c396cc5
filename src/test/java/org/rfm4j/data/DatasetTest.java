// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

class DatasetTest {
    private static Dataset ten() {
        double[] x = new double[20];
        double[] y = new double[10];
        String[] labels = new String[10];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = 100 + i;
            labels[i] = "L" + i;
        }
        return new Dataset("ten", x, 10, 2, null, y, 1, null, labels);
    }

    @Test
    void rowsAndSplit() {
        Dataset d = ten();
        Dataset r = d.rows(new int[] {3, 1});
        assertArrayEquals(new double[] {3, -3, 1, -1}, r.x(), 0);
        assertArrayEquals(new double[] {103, 101}, r.y(), 0);
        assertArrayEquals(new String[] {"L3", "L1"}, r.labels());
        Splits s = d.split(0.2, 0.3, 42);
        assertEquals(5, s.train().n());
        assertEquals(2, s.validation().n());
        assertEquals(3, s.test().n());
        Set<Double> seen = new HashSet<>();
        for (Dataset part : new Dataset[] {s.train(), s.validation(), s.test()}) {
            for (int i = 0; i < part.n(); i++) {
                assertEquals(part.x(i, 0) + 100, part.y()[i], 0);
                assertTrue(seen.add(part.x(i, 0)));
            }
        }
        assertEquals(10, seen.size());
        Splits again = d.split(0.2, 0.3, 42);
        assertArrayEquals(s.train().x(), again.train().x(), 0);
        Splits other = d.split(0.2, 0.3, 43);
        assertTrue(!Arrays.equals(s.train().x(), other.train().x()));
        Splits noVal = d.split(0, 0.5, 1);
        assertNull(noVal.validation());
        assertNotNull(noVal.test());
        assertThrows(RfmException.class, () -> d.split(0.5, 0.5, 1));
        assertThrows(RfmException.class, () -> d.split(-0.1, 0.5, 1));
        assertThrows(RfmException.class, () -> d.rows(new int[] {10}));
    }

    @Test
    void constructorChecksShapes() {
        RfmException e = assertThrows(RfmException.class,
                () -> new Dataset("d", new double[5], 2, 3, null, null, 0, null, null));
        assertEquals(ErrorCode.INVALID_DATA, e.code());
        assertThrows(RfmException.class, () -> new Dataset("d", new double[6], 2, 3, null, new double[3], 1, null, null));
        assertThrows(RfmException.class, () -> new Dataset("d", new double[6], 2, 3, new String[2], null, 0, null, null));
    }

    @Test
    void checks() {
        double[] x = {1, 2, 3, 4, Double.NaN, 6};
        Matrix m = new Matrix(x, 3, 2);
        RfmException e = assertThrows(RfmException.class, () -> DataChecks.requireFinite(m, "X"));
        assertEquals(ErrorCode.INVALID_DATA, e.code());
        assertEquals("X row 2, column 0 is NaN: remove or impute missing and infinite values before fitting",
                e.getMessage());
        x[4] = Double.NEGATIVE_INFINITY;
        assertTrue(assertThrows(RfmException.class, () -> DataChecks.requireFinite(m, "X"))
                .getMessage().contains("-Infinity"));
        x[4] = 5;
        DataChecks.requireFinite(m, "X");
        assertThrows(RfmException.class, () -> DataChecks.requireShape(x, 2, 2, "X"));
        assertEquals(ErrorCode.OUT_OF_MEMORY, assertThrows(RfmException.class,
                () -> DataChecks.requireShape(x, 100000, 100000, "X")).code());
        assertThrows(RfmException.class, () -> DataChecks.requireFinite(new Matrix(new double[0], 0, 2), "X"));
        assertThrows(RfmException.class, () -> DataChecks.requireSameRows(3, "X", 4, "y"));
        DataChecks.requireSameRows(3, "X", 3, "y");
        assertThrows(RfmException.class, () -> DataChecks.requireSameColumns(3, "X", 4, "train X"));
    }
}
