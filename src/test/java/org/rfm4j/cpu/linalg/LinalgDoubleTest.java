// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.junit.jupiter.api.Test;

/** Double kernels against EJML, and multi-threaded against single-threaded. */
class LinalgDoubleTest {

    static final int[] SIZES = {1, 7, 63, 64, 65, 257, 1000};

    static double[] random(int len, Random r) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = 2 * r.nextDouble() - 1;
        }
        return x;
    }

    /** G G^T / n + I, computed by EJML. */
    static double[] spd(int n, long seed) {
        DMatrixRMaj g = new DMatrixRMaj(n, n, true, random(n * n, new Random(seed)));
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(1.0 / n, g, g, a);
        for (int i = 0; i < n; i++) {
            a.add(i, i, 1.0);
        }
        return a.data;
    }

    static double relErr(double[] expected, double[] actual, int len) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < len; i++) {
            double d = expected[i] - actual[i];
            num += d * d;
            den += expected[i] * expected[i];
        }
        return Math.sqrt(num / Math.max(den, Double.MIN_NORMAL));
    }

    static double[] lower(double[] a, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, l, i * n, i + 1);
        }
        return l;
    }

    @Test
    void factorMatchesEjml() {
        for (int n : SIZES) {
            double[] a = spd(n, n);
            double[] mine = a.clone();
            // poison the strict upper triangle: must be neither read nor written
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    mine[i * n + j] = Double.NaN;
                }
            }
            assertEquals(0, Cholesky_D.factor(mine, n), "n=" + n);
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
            assertTrue(chol.decompose(new DMatrixRMaj(n, n, true, a.clone())));
            double[] ref = chol.getT(null).data;
            assertTrue(relErr(ref, lower(mine, n), n * n) < 1e-12, "n=" + n);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    assertTrue(Double.isNaN(mine[i * n + j]), "upper touched at n=" + n);
                }
            }
        }
    }

    @Test
    void nonPositiveDefiniteReturnsInfo() {
        for (int n : new int[] {7, 65, 300, 700}) {
            for (int bad : new int[] {1, 5, n / 2, n}) {
                double[] a = spd(n, 11);
                // make the bad-th leading minor singular-negative: A[k][k] = sum_{j<k} L[k][j]^2 - 1
                int k = bad - 1;
                double[] l = a.clone();
                Cholesky_D.factor(l, n);
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += l[k * n + j] * l[k * n + j];
                }
                a[k * n + k] = s - 1e-3;
                assertEquals(bad, Cholesky_D.factor(a, n), "n=" + n + " bad=" + bad);
            }
        }
        assertEquals(1, Cholesky_D.factor(new double[] {Double.NaN}, 1));
    }

    @Test
    void solveMatchesEjml() {
        for (int n : SIZES) {
            double[] a = spd(n, 3 * n);
            double[] l = a.clone();
            assertEquals(0, Cholesky_D.factor(l, n));
            for (int c : new int[] {1, 3, 16, 37}) {
                double[] b = random(n * c, new Random(n + c));
                DMatrixRMaj x = new DMatrixRMaj(n, c);
                CommonOps_DDRM.solveSPD(new DMatrixRMaj(n, n, true, a.clone()), new DMatrixRMaj(n, c, true, b.clone()), x);
                CholeskySolve_D.solve(l, n, b, c);
                assertTrue(relErr(x.data, b, n * c) < 1e-10, "n=" + n + " c=" + c + " err=" + relErr(x.data, b, n * c));
            }
        }
    }

    @Test
    void gemmMatchesEjml() {
        Random r = new Random(5);
        int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {63, 65, 64}, {257, 70, 300}, {70, 513, 9}, {300, 300, 520}};
        double[][] ab = {{1, 0}, {-0.5, 1}, {2, 0.25}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                for (double[] alphaBeta : ab) {
                    double[] a = random(m * k, r);
                    double[] b = random(k * n, r);
                    double[] c = random(m * n, r);
                    DMatrixRMaj ea = ta ? new DMatrixRMaj(k, m, true, a) : new DMatrixRMaj(m, k, true, a);
                    DMatrixRMaj eb = tb ? new DMatrixRMaj(n, k, true, b) : new DMatrixRMaj(k, n, true, b);
                    DMatrixRMaj prod = new DMatrixRMaj(m, n);
                    if (ta && tb) {
                        CommonOps_DDRM.multTransAB(ea, eb, prod);
                    } else if (ta) {
                        CommonOps_DDRM.multTransA(ea, eb, prod);
                    } else if (tb) {
                        CommonOps_DDRM.multTransB(ea, eb, prod);
                    } else {
                        CommonOps_DDRM.mult(ea, eb, prod);
                    }
                    double[] expected = new double[m * n];
                    for (int i = 0; i < m * n; i++) {
                        expected[i] = alphaBeta[0] * prod.data[i] + alphaBeta[1] * c[i];
                    }
                    Gemm_D.gemm(ta, tb, m, n, k, alphaBeta[0], a, b, alphaBeta[1], c);
                    assertTrue(relErr(expected, c, m * n) < 1e-13, m + "x" + n + "x" + k + " t=" + t);
                }
            }
        }
        double[] c = {Double.NaN};
        Gemm_D.gemm(false, false, 1, 1, 1, 2.0, new double[] {3}, new double[] {4}, 0.0, c);
        assertEquals(24.0, c[0]);
        assertThrows(IllegalArgumentException.class, () -> Gemm_D.gemm(false, false, 2, 2, 2, 1, new double[3], new double[4], 0, new double[4]));
    }

    @Test
    void syrkMatchesEjml() {
        Random r = new Random(9);
        for (int[] s : new int[][] {{1, 1}, {5, 7}, {300, 65}, {70, 300}}) {
            int rows = s[0];
            int d = s[1];
            double[] a = random(rows * d, r);
            double[] c = random(d * d, r);
            DMatrixRMaj ata = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransA(new DMatrixRMaj(rows, d, true, a), new DMatrixRMaj(rows, d, true, a), ata);
            double[] expected = c.clone();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    expected[i * d + j] += 0.5 * ata.data[i * d + j];
                }
            }
            Gemm_D.syrkLowerAccumulate(rows, d, 0.5, a, c);
            assertTrue(relErr(expected, c, d * d) < 1e-13, rows + "x" + d);
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                    assertEquals(expected[i * d + j], c[i * d + j], "upper untouched");
                }
            }
        }
    }

    @Test
    void multiThreadedEqualsSingleThreaded() {
        int n = 1000;
        double[] a = spd(n, 77);
        double[][] out = new double[4][];
        for (int t : new int[] {1, 3}) {
            int slot = t == 1 ? 0 : 2;
            Parallel.withThreads(t, () -> {
                double[] l = a.clone();
                Cholesky_D.factor(l, n);
                double[] b = random(n * 20, new Random(1));
                CholeskySolve_D.solve(l, n, b, 20);
                double[] b1 = random(n, new Random(2));
                CholeskySolve_D.solve(l, n, b1, 1);
                double[] c = new double[n * n];
                Gemm_D.gemm(false, true, n, n, 300, 1.0, a, a, 0.0, c);
                Gemm_D.syrkLowerAccumulate(300, n, 1.0, a, c);
                out[slot] = concat(l, b, b1);
                out[slot + 1] = c;
            });
        }
        assertArrayEquals(out[0], out[2]);
        assertArrayEquals(out[1], out[3]);
    }

    static double[] concat(double[]... xs) {
        int len = 0;
        for (double[] x : xs) {
            len += x.length;
        }
        double[] r = new double[len];
        int o = 0;
        for (double[] x : xs) {
            System.arraycopy(x, 0, r, o, x.length);
            o += x.length;
        }
        return r;
    }
}
