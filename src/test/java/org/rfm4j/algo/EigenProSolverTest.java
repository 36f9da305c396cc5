// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;
import org.rfm4j.testing.OnCpu;

/** EigenPro against the exact solve of (K + reg I) alpha = y, and its preconditioner against an exact eigendecomposition. */
class EigenProSolverTest extends OnCpu {
    static final Kernel KERNEL = Kernel.laplace(2);

    static double[] points(int n, int d, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    static double[] target(double[] x, int n, int d) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(2 * x[i * d]) + x[i * d + 1] * x[i * d + 2];
        }
        return y;
    }

    /** (K + reg I)^-1 y by a dense host solve. */
    static double[] exact(double[] x, int n, int d, double[] y, double reg) {
        DMatrixRMaj k = kernelMatrix(x, n, x, n, d);
        for (int i = 0; i < n; i++) {
            k.add(i, i, reg);
        }
        DMatrixRMaj a = new DMatrixRMaj(n, 1);
        assertTrue(CommonOps_DDRM.solve(k, new DMatrixRMaj(n, 1, true, y), a));
        return a.data;
    }

    static DMatrixRMaj kernelMatrix(double[] a, int na, double[] b, int nb, int d) {
        try (DeviceMatrix ua = cpu.upload(a, na, d, Precision.FLOAT64);
             DeviceMatrix ub = cpu.upload(b, nb, d, Precision.FLOAT64);
             DeviceMatrix k = cpu.zeros(na, nb, Precision.FLOAT64)) {
            cpu.kernelMatrix(KERNEL, ua, ub, k);
            return new DMatrixRMaj(na, nb, true, cpu.download(k));
        }
    }

    /** What one solve did: the coefficients, the notes and every epoch's relative residual. */
    record Run(double[] alpha, List<String> notes, List<Double> residuals) {
    }

    static Run solve(double[] x, int n, int d, double[] y, double reg, EigenProSettings ep) {
        List<String> notes = new ArrayList<>();
        List<Double> residuals = new ArrayList<>();
        FitListener listener = new FitListener() {
            @Override
            public void epochDone(int iter, int epoch, Map<String, Double> scores, double seconds, double elapsed) {
                residuals.add(scores.get("residual"));
            }
        };
        TrainerSettings settings = new TrainerSettings(KERNEL, reg, 0, 100, false, false, 1, false, false, 0,
                Precision.FLOAT64, 7, ep);
        try (DeviceMatrix u = cpu.upload(x, n, d, Precision.FLOAT64)) {
            double[] alpha = new EigenProSolver(cpu, settings, listener, notes::add).solve(0, KERNEL, u, y, 1, null, null,
                    null, 0);
            return new Run(alpha, notes, residuals);
        }
    }

    /** max |K(q, x) (a - b)| / max |K(q, x) b|: how far apart the two solutions predict on fresh points. */
    static double predictionGap(double[] x, int n, int d, double[] a, double[] b) {
        int m = 200;
        DMatrixRMaj kq = kernelMatrix(points(m, d, 99), m, x, n, d);
        DMatrixRMaj pa = new DMatrixRMaj(m, 1), pb = new DMatrixRMaj(m, 1);
        CommonOps_DDRM.mult(kq, new DMatrixRMaj(n, 1, true, a), pa);
        CommonOps_DDRM.mult(kq, new DMatrixRMaj(n, 1, true, b), pb);
        double gap = 0, scale = 0;
        for (int i = 0; i < m; i++) {
            gap = Math.max(gap, Math.abs(pa.get(i) - pb.get(i)));
            scale = Math.max(scale, Math.abs(pb.get(i)));
        }
        return gap / scale;
    }

    @Test
    void fullBatchesWithMomentumReachTheExactSolution() {
        int n = 500, d = 5;
        double[] x = points(n, d, 1);
        double[] y = target(x, n, d);
        Run r = solve(x, n, d, y, 1e-2, new EigenProSettings(n, 0, 0, 200, 5));
        assertTrue(r.notes().get(0).contains("(full, momentum"), r.notes().toString());
        assertTrue(r.notes().get(1).contains("(convergence)"), r.notes().toString());
        double last = r.residuals().get(r.residuals().size() - 1);
        assertTrue(last < EigenProSolver.TOLERANCE, "relative residual " + last);
        assertTrue(r.residuals().size() < 100, "epochs " + r.residuals().size());
        double gap = predictionGap(x, n, d, r.alpha(), exact(x, n, d, y, 1e-2));
        assertTrue(gap < 5e-3, "prediction gap " + gap);
    }

    @Test
    void minibatchesWithASubsampleReachTheExactSolution() {
        int n = 500, d = 5;
        double[] x = points(n, d, 2);
        double[] y = target(x, n, d);
        Run r = solve(x, n, d, y, 0.05, new EigenProSettings(120, 20, 50, 400, 5));
        assertTrue(r.notes().get(0).contains("s = 120, q = 20") && r.notes().get(0).contains("batch 50,"),
                r.notes().toString());
        double first = r.residuals().get(0), last = r.residuals().get(r.residuals().size() - 1);
        assertTrue(last < first / 20, "relative residual from " + first + " to " + last);
        double gap = predictionGap(x, n, d, r.alpha(), exact(x, n, d, y, 0.05));
        assertTrue(gap < 2e-2, "prediction gap " + gap);
    }

    @Test
    void theSubspaceIterationFindsTheTopEigenvalues() {
        int s = 300, d = 4;
        double[] x = points(s, d, 3);
        EigenProPreconditioner pc;
        try (DeviceMatrix us = cpu.upload(x, s, d, Precision.FLOAT64)) {
            pc = EigenProPreconditioner.of(cpu, KERNEL, us, 12, 4096, 100000, 5);
        }
        DMatrixRMaj k = kernelMatrix(x, s, x, s, d);
        CommonOps_DDRM.scale(1.0 / s, k);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(s, false, true);
        assertTrue(eig.decompose(k));
        double[] mu = new double[s];
        for (int i = 0; i < s; i++) {
            mu[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(mu);
        assertEquals(12, pc.q);
        assertEquals(mu[s - 1], pc.top, 1e-6 * mu[s - 1]);
        assertEquals(mu[s - 13], pc.tail, 1e-3 * mu[s - 13]);
        for (int j = 0; j < pc.q; j++) {
            assertTrue(pc.damping[j] >= 0 && pc.damping[j] < 1 / pc.tail, "damping " + j + ": " + pc.damping[j]);
        }
    }

    @Test
    void theAutomaticQFlattensToFullBatchesOnlyWhenItCan() {
        double[] mu = new double[161];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = 1.0 / ((i + 1) * (i + 1)); // lambda_i ~ i^-2
        }
        assertEquals(150, EigenProPreconditioner.chooseQ(mu, 0, 4096, 1000, 1000), "full batches: every direction");
        assertEquals(150, EigenProPreconditioner.chooseQ(mu, 0, 4096, 10000, 20000), "a subsample of half the rows");
        for (int n : new int[] {30000, 10_000_000}) { // too small a subsample, or too large an n lambda
            int q = EigenProPreconditioner.chooseQ(mu, 0, 4096, 10000, n);
            assertTrue(q >= EigenProPreconditioner.MIN_Q && q < 150, "n = " + n + ": q " + q);
        }
        assertEquals(7, EigenProPreconditioner.chooseQ(mu, 7, 4096, 10000, 1000));
    }

    @Test
    void settingsRefuseWhatCannotRun() {
        for (int[] bad : new int[][] {{1, 0, 0, 10, 2}, {100, -1, 0, 10, 2}, {100, 151, 0, 10, 2}, {100, 0, -5, 10, 2},
                {100, 0, 0, 0, 2}, {100, 0, 0, 10, 0}}) {
            RfmException e = org.junit.jupiter.api.Assertions.assertThrows(RfmException.class,
                    () -> new EigenProSettings(bad[0], bad[1], bad[2], bad[3], bad[4]));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
            assertTrue(e.getMessage().contains("EigenPro"), e.getMessage());
        }
    }
}
