// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.inconsistency;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * A shift-invariant kernel on the unit torus, periodised from the real line: kappa(t) = sum over z of
 * g(t + z), with Fourier coefficients lambda_m = g^(2 pi m) (all positive, so every kernel matrix on distinct
 * points is positive definite). Laplace: g(t) = exp(-|t| / h), lambda_m = 2h / (1 + (2 pi m h)^2).
 * Gaussian: g(t) = exp(-t^2 / (2 h^2)), lambda_m = h sqrt(2 pi) exp(-2 pi^2 m^2 h^2).
 */
enum TorusKernel {
    LAPLACE, GAUSSIAN;

    static TorusKernel parse(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "laplace":
                return LAPLACE;
            case "gaussian":
                return GAUSSIAN;
            default:
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "kernel '" + name + "': use laplace or gaussian");
        }
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** log lambda_m at bandwidth h. */
    double logCoefficient(double h, double m) {
        double w = 2 * Math.PI * m * h;
        return this == LAPLACE ? Math.log(2 * h) - Math.log1p(w * w) : Math.log(h * Math.sqrt(2 * Math.PI)) - 0.5 * w * w;
    }

    /** kappa(t), the periodised kernel at a point of the torus (t taken modulo 1). */
    double value(double h, double t) {
        t = t - Math.floor(t);
        if (this == LAPLACE) { // exp(-t/h) + exp(-(1-t)/h) summed over all images, in closed form
            return (Math.exp(-t / h) + Math.exp(-(1 - t) / h)) / -Math.expm1(-1 / h);
        }
        int images = (int) Math.ceil(8 * h) + 1; // beyond 8h the Gaussian's images are below 1e-14
        double s = 0;
        for (int z = -images; z <= images; z++) {
            double u = (t + z) / h;
            s += Math.exp(-0.5 * u * u);
        }
        return s;
    }

    /**
     * (kappa * kappa)(t) = integral over the torus of kappa(x) kappa(x - t) dx, whose Fourier coefficients are
     * lambda_m^2: the Gram matrix of the kernel sections, so that ||sum_j alpha_j kappa(. - x_j)||^2 =
     * alpha' G alpha exactly. Laplace: the images of (h + |t|) exp(-|t| / h), summed in closed form; Gaussian:
     * the images of h sqrt(pi) exp(-t^2 / (4 h^2)).
     */
    double autocorrelation(double h, double t) {
        t = t - Math.floor(t);
        if (this == LAPLACE) {
            double r = Math.exp(-1 / h), q = 1 / -Math.expm1(-1 / h); // q = 1 / (1 - r)
            return Math.exp(-t / h) * ((h + t) * q + r * q * q) + Math.exp(-(1 - t) / h) * ((h - t) * q + q * q);
        }
        int images = (int) Math.ceil(12 * h) + 1;
        double s = 0;
        for (int z = -images; z <= images; z++) {
            double u = (t + z) / h;
            s += Math.exp(-0.25 * u * u);
        }
        return h * Math.sqrt(Math.PI) * s;
    }
}
