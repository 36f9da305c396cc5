// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.inconsistency;

import java.util.function.DoubleUnaryOperator;

/**
 * The smallest closed-form risk over the bandwidth (ridgeless) or over bandwidth and ridge (tuned ridge):
 * a log-spaced grid, then golden-section refinement in log scale around the best grid point (the risk is
 * smooth and, near its minimum, unimodal in log h and log lambda).
 *
 * @param risk   the smallest risk found
 * @param h      its bandwidth
 * @param lambda its ridge (0: the interpolant)
 */
record BestRisk(double risk, double h, double lambda) {
    /** Bandwidths searched: from 0.01 grid spacings to twice the torus (beyond both ends the risk only grows). */
    static final double H_MIN_SPACINGS = 0.01;
    static final double H_MAX = 2;
    static final double LAMBDA_MIN = 1e-12;
    static final double LAMBDA_MAX = 1e4;

    static BestRisk ridgeless(TorusKernel kernel, int n, double sigma) {
        DoubleUnaryOperator risk = logH -> ExcessRisk.of(AliasedSums.of(kernel, n, Math.exp(logH)), 0, sigma);
        double[] h = minimise(risk, Math.log(H_MIN_SPACINGS / n), Math.log(H_MAX), 48);
        return new BestRisk(h[1], Math.exp(h[0]), 0);
    }

    static BestRisk ridge(TorusKernel kernel, int n, double sigma) {
        double loH = Math.log(H_MIN_SPACINGS / n), hiH = Math.log(H_MAX);
        double loL = Math.log(LAMBDA_MIN), hiL = Math.log(LAMBDA_MAX);
        double bestLogH = loH, bestLogL = loL, best = Double.POSITIVE_INFINITY;
        int gridH = 24, gridL = 33;
        for (int i = 0; i < gridH; i++) {
            double logH = loH + (hiH - loH) * i / (gridH - 1);
            AliasedSums s = AliasedSums.of(kernel, n, Math.exp(logH));
            for (int j = 0; j < gridL; j++) {
                double logL = loL + (hiL - loL) * j / (gridL - 1);
                double r = ExcessRisk.of(s, Math.exp(logL), sigma);
                if (r < best) {
                    best = r;
                    bestLogH = logH;
                    bestLogL = logL;
                }
            }
        }
        double stepH = (hiH - loH) / (gridH - 1), stepL = (hiL - loL) / (gridL - 1);
        for (int round = 0; round < 3; round++) { // coordinate refinement: lambda at this h, then h at this lambda
            double fixedH = bestLogH;
            AliasedSums s = AliasedSums.of(kernel, n, Math.exp(fixedH));
            double[] l = golden(logL -> ExcessRisk.of(s, Math.exp(logL), sigma), bestLogL - stepL, bestLogL + stepL, 40);
            bestLogL = l[0];
            double fixedL = bestLogL;
            double[] hh = golden(logH -> ExcessRisk.of(AliasedSums.of(kernel, n, Math.exp(logH)), Math.exp(fixedL), sigma),
                    bestLogH - stepH, bestLogH + stepH, 25);
            bestLogH = hh[0];
            best = hh[1];
        }
        return new BestRisk(best, Math.exp(bestLogH), Math.exp(bestLogL));
    }

    /** The grid's best point, refined between its neighbours: {argmin, min}. */
    static double[] minimise(DoubleUnaryOperator f, double lo, double hi, int grid) {
        double step = (hi - lo) / (grid - 1), bestX = lo, best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < grid; i++) {
            double x = lo + step * i, v = f.applyAsDouble(x);
            if (v < best) {
                best = v;
                bestX = x;
            }
        }
        double[] g = golden(f, Math.max(lo, bestX - step), Math.min(hi, bestX + step), 40);
        return g[1] < best ? g : new double[] {bestX, best};
    }

    /** Golden-section search for a minimum in [a, b]: {argmin, min}. */
    static double[] golden(DoubleUnaryOperator f, double a, double b, int iterations) {
        double r = (Math.sqrt(5) - 1) / 2;
        double c = b - r * (b - a), d = a + r * (b - a);
        double fc = f.applyAsDouble(c), fd = f.applyAsDouble(d);
        for (int i = 0; i < iterations; i++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - r * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + r * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        return fc < fd ? new double[] {c, fc} : new double[] {d, fd};
    }
}
