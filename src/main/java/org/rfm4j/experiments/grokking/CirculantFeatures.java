// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.rfm4j.spi.ComputeBackend;

/**
 * Random circulant features (docs/EXPERIMENTS.md, grokking): M* = [[A, C^T], [C, A]] with
 * A = I - 11^T / p and C a random circulant (Hankel for subtraction); the kernel machine uses
 * M = (M*)^(1/2) and is solved once, with no AGOP iteration.
 *
 * <p>C: c ~ N(0, I_p), centred (so C 1 = C^T 1 = 0, like A), not rescaled. M*'s eigenvalues are then
 * 1 +- |lambda_k(C)| on the non-constant modes, most of them negative on one side, and the PSD square root
 * sets those to 0 (the reference: negative eigenvalues clamped). Measured at p = 31, r = 0.5, L = 2.5: this reaches
 * 97% test accuracy; rescaling C to max |lambda_k| = 1 (M* PSD, property rfm4j.circulant.unit) gives 0%. C[i, j] = c[(j - i) mod p] (circulant) or
 * c[(i + j) mod p] (Hankel). For mul and div the same structure is laid out in the discrete-log order
 * of 1..p-1 with the rows and columns of residue 0 left zero (A keeps its diagonal there).
 */
public final class CirculantFeatures {
    private CirculantFeatures() {
    }

    /** One point of the sweep. */
    public record Point(double trainFraction, double accuracyCirculant, double accuracyIdentity, int trainSize,
                        int testSize) {
    }

    /** True when the task's generalising structure is Hankel (anti-circulant) in this layout. */
    public static boolean hankel(String task) {
        return task.equals("sub") || task.equals("div");
    }

    /** M* for a task, 2p x 2p row-major. */
    public static double[] mStar(String task, int p, long seed) {
        return mStar(task, p, seed, hankel(task));
    }

    /** M* with the structure chosen explicitly (true: Hankel C[i, j] = c[(i + j) mod k]). */
    public static double[] mStar(String task, int p, long seed, boolean hank) {
        boolean mul = CirculantMetrics.multiplicative(task);
        int k = mul ? p - 1 : p;
        int[] idx = new int[k];
        if (mul) {
            idx = CirculantMetrics.discreteLogOrder(p);
        } else {
            for (int i = 0; i < p; i++) {
                idx[i] = i;
            }
        }
        Random rnd = new Random(seed);
        double[] c = new double[k];
        double mean = 0;
        for (int i = 0; i < k; i++) {
            c[i] = rnd.nextGaussian();
            mean += c[i];
        }
        mean /= k;
        double maxMag = 0;
        for (int i = 0; i < k; i++) {
            c[i] -= mean;
        }
        for (int f = 0; f < k; f++) { // Fourier magnitudes of c (circulant eigenvalues; Hankel singular values)
            double re = 0, im = 0;
            for (int t = 0; t < k; t++) {
                double ang = -2 * Math.PI * f * t / k;
                re += c[t] * Math.cos(ang);
                im += c[t] * Math.sin(ang);
            }
            maxMag = Math.max(maxMag, Math.hypot(re, im));
        }
        if (Boolean.getBoolean("rfm4j.circulant.unit")) { // variant: M* PSD (measured: it does not generalise)
            for (int i = 0; i < k; i++) {
                c[i] /= maxMag;
            }
        }
        int d = 2 * p;
        double[] m = new double[d * d];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double a = (i == j ? 1 : 0) - 1.0 / p;
                m[i * d + j] = a;
                m[(p + i) * d + p + j] = a;
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double v = hank ? c[(i + j) % k] : c[((j - i) % k + k) % k];
                int bi = idx[i], aj = idx[j];
                m[(p + bi) * d + aj] = v; // C: rows b, columns a
                m[aj * d + p + bi] = v; // C^T
            }
        }
        return m;
    }

    /**
     * Sweeps the training fraction: for each r, test accuracy of the gaussian kernel machine with
     * M = (M*)^(1/2) and with M = I, one solve each.
     */
    public static List<Point> sweep(ComputeBackend be, String task, int p, double bandwidth, double[] fractions,
                                    long seed, java.util.function.Consumer<Point> onPoint) {
        GrokkingRfm rfm = new GrokkingRfm(be);
        double[] star = mStar(task, p, seed);
        double[] root;
        try (var sm = be.upload(star, 2 * p, 2 * p, org.rfm4j.spi.Precision.FLOAT64); var r = be.psdPower(sm, 0.5)) {
            root = be.download(r);
        }
        double[] id = GrokkingRfm.identity(2 * p);
        List<Point> out = new ArrayList<>();
        for (double r : fractions) {
            GrokkingConfig cfg = new GrokkingConfig(task, p, r, "gaussian", bandwidth, 0, seed);
            IterationMetrics withStar = rfm.fitWith(cfg, root);
            IterationMetrics withId = rfm.fitWith(cfg, id);
            int nTrain = (int) Math.floor(r * (task.equals("div") ? p * (p - 1) : p * p));
            int total = task.equals("div") ? p * (p - 1) : p * p;
            Point pt = new Point(r, withStar.testAccuracy(), withId.testAccuracy(), nTrain, total - nTrain);
            out.add(pt);
            if (onPoint != null) {
                onPoint.accept(pt);
            }
        }
        return out;
    }
}
