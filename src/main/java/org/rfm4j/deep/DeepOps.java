// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.deep;

import java.util.SplittableRandom;

import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/** Layer steps shared by fit and transform: unit-norm rows, drawing a random map, applying a layer. */
final class DeepOps {
    private DeepOps() {
    }

    /** A copy of x (n x d) with every row scaled to unit Euclidean norm (zero rows stay zero). */
    static double[] unitRows(double[] x, int n, int d) {
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int a = 0; a < d; a++) {
                s += x[i * d + a] * x[i * d + a];
            }
            double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
            for (int a = 0; a < d; a++) {
                out[i * d + a] = x[i * d + a] * inv;
            }
        }
        return out;
    }

    /** Draws the layer's random feature map (see {@link FeatureMap}) and packages it with S. */
    static DeepRfmLayer drawLayer(SplittableRandom rng, int d, double[] s, int features, FeatureMap map, double bandwidth) {
        double[] w = new double[features * d];
        double[] b = null;
        if (map == FeatureMap.RELU) {
            double r = 1 / Math.sqrt(d);
            for (int i = 0; i < w.length; i++) {
                w[i] = (2 * rng.nextDouble() - 1) * r;
            }
        } else {
            java.util.Random g = new java.util.Random(rng.nextLong());
            b = new double[features];
            for (int j = 0; j < features; j++) {
                double u = Math.abs(g.nextGaussian());
                while (u < 1e-12) {
                    u = Math.abs(g.nextGaussian());
                }
                double scale = 1 / (bandwidth * u);
                for (int a = 0; a < d; a++) {
                    w[j * d + a] = g.nextGaussian() * scale;
                }
                b[j] = 2 * Math.PI * rng.nextDouble();
            }
        }
        return new DeepRfmLayer(d, s, w, b, features);
    }

    /**
     * Applies a layer to unit-norm rows xn (n x d): returns {U = xn S, phi(U W^T (+ b))} as host arrays;
     * U is null unless {@code wantProjected}.
     */
    static double[][] apply(ComputeBackend be, DeepRfmLayer layer, double[] xn, int n, Precision pr, FeatureMap map,
                            boolean wantProjected) {
        int d = layer.inputDim();
        int f = layer.features();
        double[] projected;
        double[] z;
        try (DeviceMatrix xs = be.upload(xn, n, d, pr);
             DeviceMatrix w = be.upload(layer.weights(), f, d, pr);
             DeviceMatrix zm = be.zeros(n, f, pr)) {
            if (layer.sqrtM() == null) {
                projected = wantProjected ? xn.clone() : null;
                be.gemm(false, true, 1, xs, w, 0, zm);
            } else {
                try (DeviceMatrix sm = be.upload(layer.sqrtM(), d, d, pr);
                     DeviceMatrix u = be.zeros(n, d, pr)) {
                    be.gemm(false, false, 1, xs, sm, 0, u);
                    projected = wantProjected ? be.download(u) : null;
                    be.gemm(false, true, 1, u, w, 0, zm);
                }
            }
            z = be.download(zm);
        }
        if (map == FeatureMap.RELU) {
            for (int i = 0; i < z.length; i++) {
                z[i] = Math.max(z[i], 0);
            }
        } else {
            double amp = Math.sqrt(2.0 / f);
            double[] b = layer.bias();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < f; j++) {
                    z[i * f + j] = amp * Math.cos(z[i * f + j] + b[j]);
                }
            }
        }
        return new double[][] {projected, z};
    }
}
