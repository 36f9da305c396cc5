// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

class BuiltinsTest {

    @Test
    void lowrankShapesAndDeterminism() {
        Splits s = Builtins.lowrank(4000, 20, 7);
        assertEquals(4000, s.train().n());
        assertEquals(20, s.train().d());
        assertEquals(1, s.train().c());
        assertEquals(1000, s.validation().n());
        assertEquals(2000, s.test().n());
        Dataset t = s.train();
        for (int i = 0; i < t.n(); i++) {
            double expected = t.x(i, 5) > 0 ? t.x(i, 0) * t.x(i, 1) : 0;
            assertEquals(expected, t.y()[i], 0);
        }
        Splits again = Builtins.lowrank(4000, 20, 7);
        assertArrayEquals(s.test().x(), again.test().x(), 0);
        assertArrayEquals(s.train().y(), again.train().y(), 0);
        assertTrue(!Arrays.equals(s.train().x(), Builtins.lowrank(4000, 20, 8).train().x()));
        assertNull(Builtins.lowrank(10, 0, 0, 6, 1).validation());
        assertThrows(RfmException.class, () -> Builtins.lowrank(10, 5, 1));
    }

    /**
     * Population variance of y = x0 x1 1[x5 > 0] with x ~ N(0, 0.25): 0.25 * 0.25 * 0.5 = 0.03125.
     * (docs/ALGORITHM.md quotes ~0.036, which is one sample's estimate: the standard error of the variance
     * over 2000 test points is ~0.003.)
     */
    @Test
    void lowrankTargetVariance() {
        Splits s = Builtins.lowrank(200_000, 0, 0, 6, 3);
        double var = variance(s.train().y());
        assertEquals(0.03125, var, 0.0015);
        Splits def = Builtins.lowrank(11);
        double testVar = variance(def.test().y());
        assertEquals(0.0335, testVar, 0.0065, "2000-point test-set variance (reference ~0.036)");
    }

    private static double variance(double[] y) {
        double mean = Arrays.stream(y).average().orElseThrow();
        return Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / y.length;
    }

    @Test
    void modularLabelsAreCorrect() {
        int p = 13;
        for (String op : new String[] {"add", "sub", "mul", "div"}) {
            Splits s = Builtins.modular(op, p, 0.5, 5);
            assertNull(s.validation());
            int total = s.train().n() + s.test().n();
            assertEquals(op.equals("div") ? p * (p - 1) : p * p, total, op);
            for (Dataset part : new Dataset[] {s.train(), s.test()}) {
                assertEquals(2 * p, part.d());
                assertEquals(p, part.c());
                for (int i = 0; i < part.n(); i++) {
                    int a = -1;
                    int b = -1;
                    double sum = 0;
                    for (int j = 0; j < 2 * p; j++) {
                        double v = part.x(i, j);
                        sum += v;
                        if (v == 1 && j < p) {
                            a = j;
                        } else if (v == 1) {
                            b = j - p;
                        }
                    }
                    assertEquals(2, sum, 0);
                    int t = Integer.parseInt(part.labels()[i]);
                    switch (op) {
                        case "add": assertEquals((a + b) % p, t); break;
                        case "sub": assertEquals(Math.floorMod(a - b, p), t); break;
                        case "mul": assertEquals(a * b % p, t); break;
                        default: assertEquals(a, t * b % p, "div: t * b == a mod p"); break;
                    }
                    for (int k = 0; k < p; k++) {
                        assertEquals(k == t ? 1.0 : 0.0, part.y()[i * p + k], 0);
                    }
                }
            }
        }
        Splits s = Builtins.modular("add", 61, 0.5, 1);
        assertEquals(1860, s.train().n());
        assertEquals(3721 - 1860, s.test().n());
        assertArrayEquals(s.train().x(), Builtins.modular("add", 61, 0.5, 1).train().x(), 0);
    }

    @Test
    void byNameParsesAndRejects() {
        assertEquals(4000, Builtins.byName("lowrank", 1).train().n());
        Splits lr = Builtins.byName("lowrank:n=800,d=10,val=0,test=50", 1);
        assertEquals(800, lr.train().n());
        assertEquals(10, lr.train().d());
        assertNull(lr.validation());
        assertEquals(50, lr.test().n());
        Splits m = Builtins.byName("modular:op=mul,p=31,r=0.5", 1);
        assertEquals(31, m.train().c());
        assertEquals(480, m.train().n());
        assertEquals(61, Builtins.byName("modular", 1).train().c());
        for (String bad : new String[] {"mnist", "lowrank:q=1", "lowrank:n=abc", "modular:op=pow",
                "modular:p=12,op=div", "modular:r=1.5", "lowrank:n", ""}) {
            RfmException e = assertThrows(RfmException.class, () -> Builtins.byName(bad, 1), bad);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), bad);
            assertTrue(e.getMessage().contains(": "), e.getMessage());
        }
    }
}
