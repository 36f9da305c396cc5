// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

/**
 * The sqrt2-ReLU arc-cosine maps of the infinite-width recursion. For a pre-activation covariance
 * S = E[u v] with variances X = E[u^2], Z = E[v^2], rho = S / sqrt(X Z) and theta = arccos(rho):
 * <ul>
 *   <li>S' = 2 E[relu(u) relu(v)] = sqrt(X Z) (sin theta + (pi - theta) rho) / pi (and X' = X);</li>
 *   <li>Sdot = 2 E[1(u &gt; 0) 1(v &gt; 0)] = (pi - theta) / pi.</li>
 * </ul>
 * Derivatives: dS'/dS = Sdot, dS'/dZ = (S' - S Sdot) / (2 Z), dSdot/drho = 1 / (pi sqrt(1 - rho^2)). The
 * last is infinite at rho = +-1 (the angle is not differentiable where the two inputs are parallel,
 * e.g. an image with itself); there it is taken as 0, as automatic differentiation of the reference
 * code does (rho clipped to +-1 has no gradient). A zero variance gives S' = 0 and Sdot = 1/2.
 */
final class ReluArcCos {
    /** 1 - rho^2 below this counts as parallel: the angle's derivative is dropped. */
    static final double PARALLEL = 1e-12;

    private ReluArcCos() {
    }

    /** rho = S / sqrt(X Z) clipped to [-1, 1]; 0 when X Z is 0. */
    static double rho(double s, double x, double z) {
        double xz = x * z;
        if (!(xz > 0)) {
            return 0.0;
        }
        double r = s / Math.sqrt(xz);
        return r > 1 ? 1 : r < -1 ? -1 : r;
    }

    /** S' for the given rho, its angle theta = arccos(rho) and the variances. */
    static double value(double rho, double theta, double x, double z) {
        double xz = x * z;
        if (!(xz > 0)) {
            return 0.0;
        }
        return Math.sqrt(xz) * (Math.sqrt(Math.max(0, 1 - rho * rho)) + (Math.PI - theta) * rho) / Math.PI;
    }

    /** Sdot = (pi - theta) / pi. */
    static double derivative(double theta) {
        return (Math.PI - theta) / Math.PI;
    }

    /** dSdot / drho, 0 where the inputs are (numerically) parallel. */
    static double derivativeSlope(double rho) {
        double t = 1 - rho * rho;
        return t < PARALLEL ? 0.0 : 1.0 / (Math.PI * Math.sqrt(t));
    }
}
