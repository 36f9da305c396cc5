// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.rfm4j.testing.Gram;

/**
 * {@link SymmetricEigen_D} on matrices with the structures the RFM meets (full rank, low rank PSD as an
 * AGOP is, repeated eigenvalues, already diagonal or tridiagonal, zero, tiny sizes): A V = V Lambda and
 * V^T V = I to round-off, and the eigenvalues equal EJML's.
 */
class SymmetricEigenTest {
    private static final Random R = new Random(11);

    @Test
    void randomSymmetric() {
        for (int n : new int[] {1, 2, 3, 5, 17, 64, 131, 300}) { // 300: the reduction's passes in row blocks
            check(randomSym(n), n);
        }
    }

    @Test
    void lowRankPsdLikeAnAgop() {
        for (int[] nr : new int[][] {{40, 3}, {100, 10}, {150, 1}}) {
            check(lowRank(nr[0], nr[1]), nr[0]);
        }
    }

    @Test
    void repeatedEigenvaluesDiagonalTridiagonalAndZero() {
        int n = 30;
        double[] id = new double[n * n], diag = new double[n * n], tri = new double[n * n];
        for (int i = 0; i < n; i++) {
            id[i * n + i] = 1;
            diag[i * n + i] = i % 3 - 1;
            tri[i * n + i] = 2;
            if (i > 0) {
                tri[i * n + i - 1] = -1;
                tri[(i - 1) * n + i] = -1;
            }
        }
        check(id, n);
        check(diag, n);
        check(tri, n);
        check(new double[n * n], n);
        // two clusters: rank 2 projector plus 3 x identity
        double[] proj = lowRank(n, 2);
        for (int i = 0; i < n; i++) {
            proj[i * n + i] += 3;
        }
        check(proj, n);
    }

    @Test
    void wideScalesStayAccurate() {
        int n = 25;
        double[] a = randomSym(n);
        for (int i = 0; i < a.length; i++) {
            a[i] *= 1e150;
        }
        check(a, n);
        for (int i = 0; i < a.length; i++) {
            a[i] *= 1e-300;
        }
        check(a, n);
    }

    @Test
    void sameBitsOnAnyThreadCount() {
        int n = 260;
        double[] a = lowRank(n, 40);
        SymmetricEigen_D.Result[] r = new SymmetricEigen_D.Result[2];
        Parallel.withThreads(1, () -> r[0] = SymmetricEigen_D.decompose(a, n));
        Parallel.withThreads(3, () -> r[1] = SymmetricEigen_D.decompose(a, n));
        assertArrayEquals(r[0].values(), r[1].values(), 0);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(r[0].vectors()[i], r[1].vectors()[i], 0);
        }
    }

    @Test
    void rejectsNonFiniteEntries() {
        double[] a = randomSym(4);
        a[2 * 4 + 1] = Double.NaN;
        assertThrows(ArithmeticException.class, () -> SymmetricEigen_D.decompose(a, 4));
        a[2 * 4 + 1] = Double.POSITIVE_INFINITY;
        assertThrows(ArithmeticException.class, () -> SymmetricEigen_D.decompose(a, 4));
    }

    private static void check(double[] a, int n) {
        SymmetricEigen_D.Result r = SymmetricEigen_D.decompose(a, n);
        double[] lambda = r.values();
        double[][] v = r.vectors();
        double norm = 0;
        for (double x : a) {
            norm = Math.max(norm, Math.abs(x));
        }
        double scale = Math.max(norm * n, Double.MIN_NORMAL);
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i * n + j] * v[e][j];
                }
                assertEquals(lambda[e] * v[e][i], av, 1e-12 * scale, "A v = lambda v, n " + n + ", pair " + e);
            }
            for (int f = 0; f <= e; f++) {
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += v[e][j] * v[f][j];
                }
                assertEquals(e == f ? 1 : 0, dot, 1e-12 * n, "V^T V = I, n " + n);
            }
        }
        double[] ours = lambda.clone();
        Arrays.sort(ours);
        assertArrayEquals(ejmlValues(a, n), ours, 1e-12 * scale, "eigenvalues against EJML, n " + n);
        assertTrue(Arrays.stream(ours).allMatch(Double::isFinite));
    }

    private static double[] ejmlValues(double[] a, int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n, true, a);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        assertTrue(eig.decompose(m));
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(l);
        return l;
    }

    private static double[] randomSym(int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = R.nextGaussian();
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
        return a;
    }

    private static double[] lowRank(int n, int rank) {
        double[] b = new double[n * rank];
        for (int i = 0; i < b.length; i++) {
            b[i] = R.nextGaussian();
        }
        return Gram.of(b, n, rank);
    }
}
