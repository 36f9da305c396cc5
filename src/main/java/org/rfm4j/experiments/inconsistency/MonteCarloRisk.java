// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.inconsistency;

import java.util.SplittableRandom;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * The excess risk by simulation, independent of the Fourier formulas: the kernel matrix built from the
 * periodised kernel's values, all noise draws solved at once by a dense Cholesky on the backend (float64),
 * and each draw's ||f_hat - f*||^2 computed exactly in space: alpha' G alpha - 2 lambda_1 sum_j alpha_j
 * cos(2 pi x_j) + 1/2, with G the Gram matrix of the kernel sections ({@link TorusKernel#autocorrelation}).
 *
 * @param mean           the mean risk over the draws
 * @param standardError  its standard error
 * @param draws          noise draws
 */
record MonteCarloRisk(double mean, double standardError, int draws) {

    static MonteCarloRisk estimate(ComputeBackend be, TorusKernel kernel, int n, double h, double lambda, double sigma,
                                   int draws, long seed) {
        double[] k = new double[n * n], g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i * n + j] = kernel.value(h, (double) (i - j) / n);
                g[i * n + j] = kernel.autocorrelation(h, (double) (i - j) / n);
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] y = new double[n * draws];
        for (int i = 0; i < n; i++) {
            double f = Math.cos(2 * Math.PI * i / n);
            for (int d = 0; d < draws; d++) {
                y[i * draws + d] = f + sigma * gaussian(rnd);
            }
        }
        double[] alpha;
        try (DeviceMatrix km = be.upload(k, n, n, Precision.FLOAT64); DeviceMatrix ym = be.upload(y, n, draws, Precision.FLOAT64)) {
            if (lambda > 0) {
                be.addDiagonal(km, lambda);
            }
            int info = be.choleskyFactor(km);
            if (info != 0) {
                throw new RfmException(ErrorCode.NUMERICAL, "the " + kernel.label() + " kernel matrix at n = " + n + ", h = "
                        + h + " is not positive definite in float64 (leading minor " + info + "): choose a smaller "
                        + "bandwidth for the Monte-Carlo check");
            }
            be.choleskySolve(km, ym);
            alpha = be.download(ym);
        }
        double lambda1 = Math.exp(kernel.logCoefficient(h, 1));
        double sum = 0, sumSq = 0;
        double[] a = new double[n];
        for (int d = 0; d < draws; d++) {
            double signal = 0;
            for (int i = 0; i < n; i++) {
                a[i] = alpha[i * draws + d];
                signal += a[i] * Math.cos(2 * Math.PI * i / n);
            }
            double quad = 0;
            for (int i = 0; i < n; i++) {
                double row = 0;
                for (int j = 0; j < n; j++) {
                    row += g[i * n + j] * a[j];
                }
                quad += a[i] * row;
            }
            double r = quad - 2 * lambda1 * signal + 0.5; // int f_hat f* = lambda_1 sum_j alpha_j cos(2 pi x_j)
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / draws;
        double var = Math.max(0, sumSq / draws - mean * mean) * draws / Math.max(1, draws - 1);
        return new MonteCarloRisk(mean, Math.sqrt(var / draws), draws);
    }

    /** A standard normal draw (Box-Muller; SplittableRandom has no nextGaussian on Java 17). */
    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
