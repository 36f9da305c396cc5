// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;

/**
 * EigenPro 2's preconditioner from a Nystrom subsample: the top eigenpairs (lambda_i, e_i) of K_s / s,
 * with K_s the kernel matrix of s sampled training points, and the damping
 * {@code d_i = (1 - (lambda_q / lambda_i)^ALPHA) / lambda_i} that flattens the top q directions to the
 * level of the (q+1)-th eigenvalue. The eigenpairs come from a randomized subspace iteration whose
 * products with K_s run on the backend (never an s x s eigendecomposition): K_s Q for an s x k block
 * Q, orthonormalised on the host, five times (four power iterations), then the k x k Rayleigh quotient.
 */
final class EigenProPreconditioner {
    /** EigenPro's damping exponent. */
    static final double ALPHA = 0.95;
    /** Fewest directions taken when the spectrum allows. */
    static final int MIN_Q = 5;
    /** Extra columns of the subspace iteration beyond q. */
    static final int OVERSAMPLE = 10;
    /** Products with K_s after the first. */
    static final int POWER_ITERATIONS = 4;

    final int s;
    final int q;
    /** s x q row-major: eigenvectors of K_s / s divided by sqrt(s) (so that V^T k(Z, x) is the Nystrom feature). */
    final double[] v;
    /** q damping factors. */
    final double[] damping;
    /** The top eigenvalue of K_s / s, and the (q+1)-th, the level the preconditioner brings the top q down to. */
    final double top;
    final double tail;

    private EigenProPreconditioner(int s, int q, double[] v, double[] damping, double top, double tail) {
        this.s = s;
        this.q = q;
        this.v = v;
        this.damping = damping;
        this.top = top;
        this.tail = tail;
    }

    /** The top eigenvalue once the top q are flattened: what the step size is set for. */
    double preconditionedTop() {
        return q == 0 ? top : flattened(top, tail);
    }

    /**
     * The preconditioner of the sample {@code us} (s x d, on the backend): {@code topQ} directions, or
     * (0) as many as keep EigenPro's batch below {@code maxBatch}.
     */
    static EigenProPreconditioner of(ComputeBackend be, Kernel kernel, DeviceMatrix us, int topQ, int maxBatch,
                                     int n, long seed) {
        int s = us.rows();
        int qMax = topQ > 0 ? topQ : EigenProSettings.MAX_Q;
        int k = Math.min(s, qMax + OVERSAMPLE);
        double[] q;
        double[] mu;
        double[] w;
        try (DeviceMatrix ks = be.zeros(s, s, us.precision())) {
            be.kernelMatrix(kernel, us, us, ks);
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] omega = new double[s * k];
            for (int i = 0; i < omega.length; i++) {
                omega[i] = gaussian(rnd);
            }
            q = orthonormal(omega, s, k);
            for (int p = 0; p < POWER_ITERATIONS; p++) {
                q = orthonormal(times(be, ks, q, s, k), s, k);
            }
            double[] z = times(be, ks, q, s, k); // K_s Q
            double[] b = new double[k * k];     // Q^T K_s Q
            for (int i = 0; i < s; i++) {
                for (int a = 0; a < k; a++) {
                    double qa = q[i * k + a];
                    for (int c = 0; c < k; c++) {
                        b[a * k + c] += qa * z[i * k + c];
                    }
                }
            }
            DMatrixRMaj sym = new DMatrixRMaj(k, k);
            for (int a = 0; a < k; a++) {
                for (int c = 0; c < k; c++) {
                    sym.set(a, c, 0.5 * (b[a * k + c] + b[c * k + a]));
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(k, true, true);
            if (!eig.decompose(sym)) {
                throw new RfmException(ErrorCode.NUMERICAL, "EigenPro: the eigendecomposition of the " + k + " x " + k
                        + " Nystrom projection did not converge");
            }
            Integer[] order = new Integer[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(y).getReal(),
                    eig.getEigenvalue(x).getReal()));
            mu = new double[k];
            w = new double[k * k]; // column j: the j-th eigenvector of B
            for (int j = 0; j < k; j++) {
                mu[j] = eig.getEigenvalue(order[j]).getReal() / s;
                DMatrixRMaj e = eig.getEigenVector(order[j]);
                for (int a = 0; a < k; a++) {
                    w[a * k + j] = e.get(a);
                }
            }
        }
        if (!(mu[0] > 0)) {
            throw new RfmException(ErrorCode.NUMERICAL, "EigenPro: the subsample's kernel matrix has no positive"
                    + " eigenvalue (are all sampled points identical?)");
        }
        int qUse = chooseQ(mu, topQ, maxBatch, s, n);
        double tail = Math.max(mu[qUse], 1e-12 * mu[0]);
        double[] v = new double[s * qUse];
        double scale = 1 / Math.sqrt(s);
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < qUse; j++) {
                double acc = 0;
                for (int a = 0; a < k; a++) {
                    acc += q[i * k + a] * w[a * k + j];
                }
                v[i * qUse + j] = acc * scale;
            }
        }
        double[] damping = new double[qUse];
        for (int j = 0; j < qUse; j++) {
            damping[j] = (1 - Math.pow(tail / mu[j], ALPHA)) / mu[j];
        }
        return new EigenProPreconditioner(s, qUse, v, damping, mu[0], tail);
    }

    /**
     * q: the given one; else every computed direction when that flattens the spectrum to full-batch steps
     * ({@link EigenProSolver#fullBatches}, where accelerated full batches beat minibatches); else EigenPro
     * 2's rule
     * (the directions with lambda_i^-ALPHA below the batch limit, less one, at least MIN_Q). Always within
     * what the subspace iteration computed, one spare for the tail.
     */
    static int chooseQ(double[] mu, int topQ, int maxBatch, int s, int n) {
        int available = Math.min(mu.length - 1, EigenProSettings.MAX_Q);
        if (available < 1) {
            return 0;
        }
        if (topQ > 0) {
            return Math.min(topQ, available);
        }
        if (mu[available] > 0 && EigenProSolver.fullBatches(n, s, flattened(mu[0], mu[available]))) {
            return available;
        }
        double limit = Math.min(Math.max(s / 5.0, maxBatch), s);
        int count = 0;
        for (double m : mu) {
            if (m > 0 && Math.pow(1 / m, ALPHA) < limit) {
                count++;
            }
        }
        return Math.min(Math.max(count - 1, Math.min(MIN_Q, available)), available);
    }

    /** The top eigenvalue once the directions above {@code tail} are damped to it. */
    static double flattened(double top, double tail) {
        return top / Math.pow(top / tail, ALPHA);
    }

    /**
     * The correction of the sampled coefficients for a step's gradient: V diag(d) V^T t, with
     * t = K(Z, batch) g (s x c), returned s x c.
     */
    double[] correction(double[] t, int c) {
        double[] h = new double[q * c];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < q; j++) {
                double vij = v[i * q + j];
                for (int l = 0; l < c; l++) {
                    h[j * c + l] += vij * t[i * c + l];
                }
            }
        }
        for (int j = 0; j < q; j++) {
            for (int l = 0; l < c; l++) {
                h[j * c + l] *= damping[j];
            }
        }
        double[] out = new double[s * c];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < q; j++) {
                double vij = v[i * q + j];
                for (int l = 0; l < c; l++) {
                    out[i * c + l] += vij * h[j * c + l];
                }
            }
        }
        return out;
    }

    /** K_s times an s x k host block, on the backend. */
    private static double[] times(ComputeBackend be, DeviceMatrix ks, double[] block, int s, int k) {
        try (DeviceMatrix b = be.upload(block, s, k, ks.precision()); DeviceMatrix out = be.zeros(s, k, ks.precision())) {
            be.gemm(false, false, 1, ks, b, 0, out);
            return be.download(out);
        }
    }

    /** An orthonormal basis (s x k, row-major) of the columns of a (Householder QR). */
    private static double[] orthonormal(double[] a, int s, int k) {
        DMatrixRMaj m = new DMatrixRMaj(s, k);
        System.arraycopy(a, 0, m.data, 0, s * k);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(s, k);
        if (!qr.decompose(m)) {
            throw new RfmException(ErrorCode.NUMERICAL, "EigenPro: the QR of the Nystrom subspace failed");
        }
        DMatrixRMaj qm = qr.getQ(null, true);
        return qm.data.clone();
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
