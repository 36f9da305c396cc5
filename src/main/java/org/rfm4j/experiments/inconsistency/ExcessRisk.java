// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.inconsistency;

/**
 * The excess risk E ||f_hat - f*||^2 (over the noise; the L2 norm of the torus) of kernel ridge regression
 * on the grid x_j = j / n with y_j = cos(2 pi x_j) + N(0, sigma^2), in closed form. f_hat = sum_j alpha_j
 * kappa(. - x_j) with alpha = (K + lambda I)^-1 y has Fourier coefficient c_m = lambda_m a^(k) / (mu_k +
 * lambda) at m = k (mod n), where a^ is the DFT of y; so, with mu_k = n S1(k):
 * variance = sum_k n sigma^2 S2(k) / (mu_k + lambda)^2, and bias (only the aliases of m = +-1 carry signal)
 * = 2 [(a lambda_1 - 1/2)^2 + a^2 (S2(1) - lambda_1^2)] with a = (n/2) / (mu_1 + lambda). lambda = 0 is the
 * interpolant ("ridgeless").
 */
final class ExcessRisk {
    private ExcessRisk() {
    }

    static double of(AliasedSums s, double lambda, double sigma) {
        int n = s.n;
        double logN = Math.log(n), logLambda = lambda > 0 ? Math.log(lambda) : Double.NEGATIVE_INFINITY;
        double logNoise = logN + 2 * Math.log(sigma);
        double variance = 0;
        for (int k = 0; k < n; k++) {
            double den = logAdd(logN + s.logS1[k], logLambda);
            variance += Math.exp(logNoise + s.logS2[k] - 2 * den);
        }
        double a = Math.exp(Math.log(n / 2.0) - logAdd(logN + s.logS1[1], logLambda));
        double lambda1 = Math.exp(s.logLambda1);
        double aliases = Math.max(0, Math.exp(s.logS2[1]) - lambda1 * lambda1); // sum over m = 1 (mod n), m != 1
        double fit = a * lambda1 - 0.5;
        return variance + 2 * (fit * fit + a * a * aliases);
    }

    /** log(e^x + e^y), for y possibly -infinity. */
    static double logAdd(double x, double y) {
        if (y == Double.NEGATIVE_INFINITY) {
            return x;
        }
        double m = Math.max(x, y);
        return m + Math.log1p(Math.exp(Math.min(x, y) - m));
    }
}
