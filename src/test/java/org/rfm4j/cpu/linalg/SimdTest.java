// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfm4j.cpu.linalg.LinalgDoubleTest.random;
import static org.rfm4j.cpu.linalg.LinalgDoubleTest.relErr;
import static org.rfm4j.cpu.linalg.LinalgDoubleTest.spd;
import static org.rfm4j.cpu.linalg.LinalgFloatTest.d;
import static org.rfm4j.cpu.linalg.LinalgFloatTest.f;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Path selection of {@link Simd}, and the vector path against the scalar one. */
class SimdTest {

    @AfterEach
    void restore() {
        Simd.setEnabled(true);
    }

    @Test
    void vectorPathSelectedWhenModulePresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean off = "false".equalsIgnoreCase(System.getProperty("rfm4j.cpu.vector", "").trim());
        // surefire's argLine adds the module: the vector path must then really be exercised
        assertEquals(module && !off, Simd.AVAILABLE, Simd.describe());
        assertEquals(Simd.AVAILABLE, Simd.enabled());
        Simd.setEnabled(false);
        assertFalse(Simd.enabled());
        assertTrue(Simd.describe().startsWith("scalar"));
    }

    @Test
    void vectorMatchesScalar() {
        int n = 700;
        double[] a = spd(n, 21);
        double[] g = random(n * 300, new Random(4));
        double[][] out = new double[2][];
        float[][] outF = new float[2][];
        for (int v = 0; v < 2; v++) {
            Simd.setEnabled(v == 1);
            double[] l = a.clone();
            assertEquals(0, Cholesky_D.factor(l, n));
            double[] c = new double[n * n];
            Gemm_D.gemm(true, false, n, n, 300, 0.5, g, g, 0.0, c);
            Gemm_D.syrkLowerAccumulate(300, n, 1.0, g, c);
            out[v] = LinalgDoubleTest.concat(LinalgDoubleTest.lower(l, n), c);
            float[] lf = f(a);
            assertEquals(0, Cholesky_F.factor(lf, n));
            float[] gf = f(g);
            float[] cf = new float[n * n];
            Gemm_F.gemm(true, false, n, n, 300, 0.5f, gf, gf, 0.0f, cf);
            Gemm_F.syrkLowerAccumulate(300, n, 1.0f, gf, cf);
            outF[v] = concatF(LinalgFloatTest.f(LinalgDoubleTest.lower(d(lf), n)), cf);
        }
        assertTrue(relErr(out[0], out[1], out[0].length) < 1e-13);
        assertTrue(relErr(d(outF[0]), d(outF[1]), outF[0].length) < 1e-5);
    }

    static float[] concatF(float[] x, float[] y) {
        float[] r = new float[x.length + y.length];
        System.arraycopy(x, 0, r, 0, x.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }
}
