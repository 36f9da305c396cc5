// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfm4j.RfmException;
import org.rfm4j.cpu.CpuBackendProvider;
import org.rfm4j.spi.ComputeBackend;

class GrokkingRfmTest {

    private static ComputeBackend cpu() {
        return new CpuBackendProvider().open();
    }

    /** Reduced run: p = 17, r = 0.8 (measured: test accuracy 0 through iteration 6, 0.93 at 8, 1.0 from 9). */
    @Test
    void reducedRunShowsTheTransition() {
        try (ComputeBackend be = cpu()) {
            GrokkingConfig cfg = new GrokkingConfig("add", 17, 0.8, "gaussian", 2.5, 14, 0);
            GrokkingResult r = new GrokkingRfm(be).run(cfg, null);
            assertEquals(15, r.iterations().size());
            for (IterationMetrics m : r.iterations()) {
                assertEquals(1.0, m.trainAccuracy(), 0.0, "interpolation: train accuracy 1 at " + m.iter());
                assertTrue(m.trainMse() < 1e-12, "train MSE ~ 0 at " + m.iter());
            }
            for (int t = 0; t <= 3; t++) {
                assertTrue(r.iterations().get(t).testAccuracy() < 0.1, "no generalisation early: " + r.iterations().get(t));
            }
            IterationMetrics last = r.last();
            assertTrue(last.testAccuracy() >= 0.95, "grokked by the end: " + last);
            assertTrue(r.iterations().get(1).circulantDeviation() > 3 * last.circulantDeviation(),
                    "circulant deviation falls: " + r.iterations().get(1) + " -> " + last);
            assertEquals(1.0, last.alignment(), 1e-12);
            assertTrue(r.iterations().get(1).alignment() < last.alignment());
        }
    }

    /** The one-hot AGOP path and the SPI path (agopAccumulate; per-output GEMMs) give the same run. */
    @Test
    void agopPathsAgree() {
        for (String kernel : new String[] {"gaussian", "quadratic"}) {
            try (ComputeBackend be = cpu()) {
                GrokkingConfig cfg = new GrokkingConfig("sub", 7, 0.6, kernel, 2.5, 2, 3);
                GrokkingResult a = new GrokkingRfm(be).agopPath(GrokkingRfm.AgopPath.SPI).run(cfg, null);
                GrokkingResult b = new GrokkingRfm(be).agopPath(GrokkingRfm.AgopPath.ONEHOT).run(cfg, null);
                for (int t = 0; t < a.featureMatrices().size(); t++) {
                    double[] ma = a.featureMatrices().get(t), mb = b.featureMatrices().get(t);
                    double scale = 0;
                    for (double v : ma) {
                        scale = Math.max(scale, Math.abs(v));
                    }
                    for (int i = 0; i < ma.length; i++) {
                        // M = G^(1/2): rounding differences in G (~1e-16) grow to ~sqrt(eps) on near-null eigenvalues
                        assertEquals(ma[i], mb[i], 1e-6 * scale, kernel + " M_" + t + "[" + i + "]");
                    }
                }
            }
        }
    }

    /** The quadratic AGOP against central finite differences of f on a tiny problem. */
    @Test
    void quadraticGradientMatchesFiniteDifferences() {
        // f_c(z) = sum_i alpha_ic 3 (x_i^T M z)^2 with a random PSD M: the one-hot AGOP path's moment,
        // mapped back with 6 M, equals the AGOP of the finite-difference gradients.
        int p = 5, d = 2 * p, n = 6, c = 3;
        java.util.Random rnd = new java.util.Random(11);
        int[] aIdx = new int[n], bIdx = new int[n];
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            aIdx[i] = rnd.nextInt(p);
            bIdx[i] = rnd.nextInt(p);
            x[i * d + aIdx[i]] = 1;
            x[i * d + p + bIdx[i]] = 1;
        }
        double[] r = new double[d * d];
        for (int i = 0; i < r.length; i++) {
            r[i] = rnd.nextGaussian();
        }
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    m[i * d + j] += r[i * d + k] * r[j * d + k] / d;
                }
            }
        }
        double[] alpha = new double[n * c];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = rnd.nextGaussian();
        }
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i * n + j] = bilinear(x, i, x, j, m, d);
            }
        }
        double[] expect = new double[d * d];
        double[][] grads = new double[n * c][d];
        double[][] mean = new double[c][d];
        double h = 1e-5;
        for (int j = 0; j < n; j++) {
            for (int cc = 0; cc < c; cc++) {
                for (int a = 0; a < d; a++) {
                    double[] zp = java.util.Arrays.copyOfRange(x, j * d, j * d + d), zm = zp.clone();
                    zp[a] += h;
                    zm[a] -= h;
                    grads[j * c + cc][a] = (f(x, n, d, m, alpha, c, cc, zp) - f(x, n, d, m, alpha, c, cc, zm)) / (2 * h);
                    mean[cc][a] += grads[j * c + cc][a] / n;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            for (int cc = 0; cc < c; cc++) {
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        expect[a * d + b] += (grads[j * c + cc][a] - mean[cc][a]) * (grads[j * c + cc][b] - mean[cc][b]) / n;
                    }
                }
            }
        }
        try (ComputeBackend be = cpu()) {
            double[] gv = OneHotAgop.centredMoment(be, w, n, alpha, c, aIdx, bIdx, p, false);
            double[] got = new double[d * d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        for (int l = 0; l < d; l++) {
                            s += 36 * m[a * d + k] * gv[k * d + l] * m[l * d + b];
                        }
                    }
                    got[a * d + b] = s;
                }
            }
            double scale = 0;
            for (double v : expect) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < got.length; i++) {
                assertEquals(expect[i], got[i], 1e-6 * scale, "entry " + i);
            }
        }
    }

    private static double bilinear(double[] x, int i, double[] z, int j, double[] m, int d) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                s += x[i * d + a] * m[a * d + b] * z[j * d + b];
            }
        }
        return s;
    }

    private static double f(double[] x, int n, int d, double[] m, double[] alpha, int c, int cc, double[] z) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double t = bilinear(x, i, z, 0, m, d);
            s += alpha[i * c + cc] * 3 * t * t;
        }
        return s;
    }

    @Test
    void configRejectsBadSettings() {
        assertThrows(RfmException.class, () -> new GrokkingConfig("pow", 61, 0.5, "gaussian", 2.5, 30, 0));
        assertThrows(RfmException.class, () -> new GrokkingConfig("mul", 15, 0.5, "gaussian", 2.5, 30, 0));
        assertThrows(RfmException.class, () -> new GrokkingConfig("add", 61, 1.0, "gaussian", 2.5, 30, 0));
        assertThrows(RfmException.class, () -> new GrokkingConfig("add", 61, 0.5, "laplace", 2.5, 30, 0));
        assertThrows(RfmException.class, () -> new GrokkingConfig("add", 61, 0.5, "gaussian", -1, 30, 0));
    }

    @Test
    void randomCirculantFeaturesGeneraliseAndIdentityDoesNot() {
        try (ComputeBackend be = cpu()) {
            var pts = CirculantFeatures.sweep(be, "add", 23, 2.5, new double[] {0.6}, 0, null);
            assertTrue(pts.get(0).accuracyCirculant() > 0.8, "circulant features: " + pts.get(0));
            assertTrue(pts.get(0).accuracyIdentity() < 0.1, "M = I: " + pts.get(0));
        }
    }
}
