// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.inconsistency;

/**
 * For the grid design x_j = j / n the kernel matrix is circulant: its eigenvalues are
 * mu_k = n S1(k) with S1(k) = sum over m = k (mod n) of lambda_m (aliasing), and the excess risk needs
 * S2(k) = sum over the same m of lambda_m^2. Both are kept as logarithms: at small bandwidths or large
 * n the Gaussian's coefficients underflow any double, and their ratios are what matter.
 */
final class AliasedSums {
    final int n;
    final double h;
    final double[] logS1;
    final double[] logS2;
    /** log lambda_1, the coefficient of the target's frequency. */
    final double logLambda1;

    private AliasedSums(int n, double h, double[] logS1, double[] logS2, double logLambda1) {
        this.n = n;
        this.h = h;
        this.logS1 = logS1;
        this.logS2 = logS2;
        this.logLambda1 = logLambda1;
    }

    static AliasedSums of(TorusKernel kernel, int n, double h) {
        double[] s1 = new double[n], s2 = new double[n];
        int half = n / 2;
        for (int k = 0; k <= half; k++) {
            if (kernel == TorusKernel.LAPLACE) {
                laplace(h, n, k, s1, s2);
            } else {
                gaussian(h, n, k, s1, s2);
            }
            s1[(n - k) % n] = s1[k]; // lambda_m = lambda_-m
            s2[(n - k) % n] = s2[k];
        }
        return new AliasedSums(n, h, s1, s2, kernel.logCoefficient(h, 1));
    }

    /**
     * Laplace: S1 in closed form, sum over l of 1 / (a^2 + (l + b)^2) = (pi / a) sinh(2 pi a) / (cosh(2 pi a) -
     * cos(2 pi b)) with a = 1 / (2 pi h n), b = k / n (valid while 2 pi a stays below about 700, i.e. h above
     * 1 / (700 n)); S2 by its sum (terms fall as l^-4: 200 images leave less than 1e-7 of it out). No
     * underflow: lambda_m never falls below 1e-300 here.
     */
    private static void laplace(double h, int n, int k, double[] s1, double[] s2) {
        double c = 2 * Math.PI * h * n, a = 1 / c, u = 2 * Math.PI * a, theta = 2 * Math.PI * k / n;
        // cosh u - cos theta = 2 sinh^2(u/2) + 2 sin^2(theta/2): no cancellation at small u or theta
        double su = Math.sinh(u / 2), st = Math.sin(theta / 2);
        double logRatio = Math.log(Math.sinh(u)) - Math.log(2 * (su * su + st * st));
        s1[k] = Math.log(2 * h) - 2 * Math.log(c) + Math.log(Math.PI / a) + logRatio;
        double sum = 0;
        for (int l = -200; l <= 200; l++) {
            double w = 2 * Math.PI * h * (k + (double) l * n);
            double lam = 2 * h / (1 + w * w);
            sum += lam * lam;
        }
        s2[k] = Math.log(sum);
    }

    /** Gaussian: both sums in log space over the images that matter (the largest term's 1e-40 and above). */
    private static void gaussian(double h, int n, int k, double[] s1, double[] s2) {
        double base = Math.log(h * Math.sqrt(2 * Math.PI));
        double q = 2 * Math.PI * Math.PI * h * h;
        // log lambda_(k + l n) = base - q (k + l n)^2: the largest at l = 0 (k <= n/2), then l = -1
        int reach = (int) Math.ceil(Math.sqrt(92.0 / Math.max(q * n * (double) n, 1e-300))) + 2;
        reach = Math.min(reach, 1_000_000);
        double top = base - q * k * (double) k;
        double sum1 = 0, sum2 = 0;
        for (int l = -reach; l <= reach; l++) {
            double m = k + (double) l * n;
            double d = base - q * m * m - top; // <= 0 (relative to the largest term)
            if (d < -92) {
                continue;
            }
            sum1 += Math.exp(d);
            sum2 += Math.exp(2 * d);
        }
        s1[k] = top + Math.log(sum1);
        s2[k] = 2 * top + Math.log(sum2);
    }
}
