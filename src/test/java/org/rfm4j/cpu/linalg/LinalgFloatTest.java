// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfm4j.cpu.linalg.LinalgDoubleTest.SIZES;
import static org.rfm4j.cpu.linalg.LinalgDoubleTest.lower;
import static org.rfm4j.cpu.linalg.LinalgDoubleTest.random;
import static org.rfm4j.cpu.linalg.LinalgDoubleTest.relErr;
import static org.rfm4j.cpu.linalg.LinalgDoubleTest.spd;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Float kernels against the (EJML-checked) double kernels on the same data. */
class LinalgFloatTest {

    static float[] f(double[] x) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = (float) x[i];
        }
        return r;
    }

    static double[] d(float[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i];
        }
        return r;
    }

    @Test
    void factorAndSolveMatchDouble() {
        for (int n : SIZES) {
            double[] a = spd(n, n);
            float[] af = f(a);
            double[] ref = d(af);
            assertEquals(0, Cholesky_D.factor(ref, n));
            float[] lf = af.clone();
            assertEquals(0, Cholesky_F.factor(lf, n), "n=" + n);
            assertTrue(relErr(lower(ref, n), lower(d(lf), n), n * n) < 1e-5, "n=" + n);
            for (int c : new int[] {1, 10, 40}) {
                double[] b = random(n * c, new Random(c));
                float[] bf = f(b);
                double[] x = d(bf);
                CholeskySolve_D.solve(ref, n, x, c);
                CholeskySolve_F.solve(lf, n, bf, c);
                assertTrue(relErr(x, d(bf), n * c) < 1e-3, "n=" + n + " c=" + c);
            }
        }
        float[] bad = f(spd(65, 1));
        bad[4 * 65 + 4] = -1f;
        assertEquals(5, Cholesky_F.factor(bad, 65));
    }

    @Test
    void gemmAndSyrkMatchDouble() {
        Random r = new Random(4);
        int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {65, 63, 64}, {257, 70, 300}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                float[] a = f(random(m * k, r));
                float[] b = f(random(k * n, r));
                float[] c = f(random(m * n, r));
                double[] cd = d(c);
                Gemm_D.gemm(ta, tb, m, n, k, 1.5, d(a), d(b), -0.5, cd);
                Gemm_F.gemm(ta, tb, m, n, k, 1.5f, a, b, -0.5f, c);
                assertTrue(relErr(cd, d(c), m * n) < 1e-5, m + "x" + n + "x" + k + " t=" + t);
            }
            float[] a = f(random(k * n, r));
            float[] c = f(random(n * n, r));
            double[] cd = d(c);
            Gemm_D.syrkLowerAccumulate(k, n, 2.0, d(a), cd);
            Gemm_F.syrkLowerAccumulate(k, n, 2.0f, a, c);
            assertTrue(relErr(cd, d(c), n * n) < 1e-5);
        }
    }

    @Test
    void multiThreadedEqualsSingleThreaded() {
        int n = 700;
        float[] a = f(spd(n, 5));
        float[][] out = new float[2][];
        for (int slot = 0; slot < 2; slot++) {
            final int s = slot;
            Parallel.withThreads(slot == 0 ? 1 : 4, () -> {
                float[] l = a.clone();
                Cholesky_F.factor(l, n);
                float[] b = f(random(n * 17, new Random(1)));
                CholeskySolve_F.solve(l, n, b, 17);
                float[] c = new float[n * n];
                Gemm_F.gemm(true, false, n, n, n, 1f, a, a, 0f, c);
                float[] all = new float[l.length + b.length + c.length];
                System.arraycopy(l, 0, all, 0, l.length);
                System.arraycopy(b, 0, all, l.length, b.length);
                System.arraycopy(c, 0, all, l.length + b.length, c.length);
                out[s] = all;
            });
        }
        assertArrayEquals(out[0], out[1]);
    }
}
