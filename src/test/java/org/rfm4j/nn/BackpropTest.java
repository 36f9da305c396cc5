// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rfm4j.RfmException;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;

/** Backpropagation and the layer AGOPs against finite differences; the trainer and the intervention. */
class BackpropTest {
    private static NetworkParams params(int hidden, Activation act, Optimizer opt) {
        return new NetworkParams(hidden, 7, act, opt, 0.05, 0, 4, 1, 3, Precision.FLOAT64);
    }

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (ComputeBackend be = Backends.open("cpu")) {
            for (Activation act : Activation.values()) {
                Network net = Network.initial(params(3, act, Optimizer.SGD), 5, 3);
                int rows = 6;
                double[] x = random(rows * 5, 1), y = random(rows * 3, 2);
                Backprop bp = new Backprop(be, Precision.FLOAT64);
                Backprop.Gradients g = bp.backward(net, bp.forward(net, x, rows), y);
                double eps = 1e-6;
                for (int l = 0; l < net.layerCount(); l++) {
                    double[] w = net.weights(l);
                    for (int i = 0; i < w.length; i += 3) {
                        double keep = w[i];
                        w[i] = keep + eps;
                        double up = bp.backward(net, bp.forward(net, x, rows), y).loss();
                        w[i] = keep - eps;
                        double down = bp.backward(net, bp.forward(net, x, rows), y).loss();
                        w[i] = keep;
                        double fd = (up - down) / (2 * eps);
                        assertEquals(fd, g.grads()[l][i], 1e-6 * (1 + Math.abs(fd)), act + " layer " + l + " entry " + i);
                    }
                }
            }
        }
    }

    @Test
    void firstLayerAgopMatchesFiniteDifferenceJacobians() {
        try (ComputeBackend be = Backends.open("cpu")) {
            for (int hidden = 1; hidden <= 3; hidden++) {
                for (Activation act : Activation.values()) {
                    Network net = Network.initial(params(hidden, act, Optimizer.SGD), 5, 3);
                    int rows = 4, d = 5, c = 3;
                    double[] x = random(rows * d, 7);
                    Backprop bp = new Backprop(be, Precision.FLOAT64);
                    double[][] k = FeatureAnsatz.preActivationGrams(bp, net, x, rows);
                    assertEquals(hidden, k.length);
                    double[] agop = FeatureAnsatz.agop(bp, net, 0, k[0]);
                    double[] brute = new double[d * d];
                    double eps = 1e-6;
                    for (int i = 0; i < rows; i++) {
                        double[] jac = new double[c * d];
                        for (int a = 0; a < d; a++) {
                            double[] xp = x.clone(), xm = x.clone();
                            xp[i * d + a] += eps;
                            xm[i * d + a] -= eps;
                            double[] fp = bp.forward(net, xp, rows).output(), fm = bp.forward(net, xm, rows).output();
                            for (int o = 0; o < c; o++) {
                                jac[o * d + a] = (fp[i * c + o] - fm[i * c + o]) / (2 * eps);
                            }
                        }
                        for (int o = 0; o < c; o++) {
                            for (int a = 0; a < d; a++) {
                                for (int b = 0; b < d; b++) {
                                    brute[a * d + b] += jac[o * d + a] * jac[o * d + b] / rows;
                                }
                            }
                        }
                    }
                    for (int i = 0; i < brute.length; i++) {
                        assertEquals(brute[i], agop[i], 1e-5 * (1 + Math.abs(brute[i])), act + " hidden " + hidden + " entry " + i);
                    }
                }
            }
        }
    }

    @Test
    void everyHiddenLayersGramMatchesFiniteDifferences() {
        // per sample, d f_c / d W_l = g a^T with g = d f_c / d h_l and a the layer's input, so g = J a / (a . a)
        try (ComputeBackend be = Backends.open("cpu")) {
            for (Activation act : Activation.values()) {
                Network net = Network.initial(params(3, act, Optimizer.SGD), 5, 3);
                int rows = 4, d = 5, c = 3;
                double[] x = random(rows * d, 9);
                Backprop bp = new Backprop(be, Precision.FLOAT64);
                double[][] k = FeatureAnsatz.preActivationGrams(bp, net, x, rows);
                double eps = 1e-6;
                for (int l = 0; l < k.length; l++) {
                    int out = net.out(l), in = net.in(l);
                    double[] brute = new double[out * out];
                    double[] w = net.weights(l);
                    for (int i = 0; i < rows; i++) {
                        double[] xi = java.util.Arrays.copyOfRange(x, i * d, (i + 1) * d);
                        double[] a = bp.forward(net, xi, 1).act()[l];
                        double aa = 0;
                        for (double v : a) {
                            aa += v * v;
                        }
                        double[][] g = new double[c][out];
                        for (int r = 0; r < out; r++) {
                            for (int q = 0; q < in; q++) {
                                double keep = w[r * in + q];
                                w[r * in + q] = keep + eps;
                                double[] fp = bp.forward(net, xi, 1).output();
                                w[r * in + q] = keep - eps;
                                double[] fm = bp.forward(net, xi, 1).output();
                                w[r * in + q] = keep;
                                for (int o = 0; o < c; o++) {
                                    g[o][r] += (fp[o] - fm[o]) / (2 * eps) * a[q] / aa;
                                }
                            }
                        }
                        for (int o = 0; o < c; o++) {
                            for (int r = 0; r < out; r++) {
                                for (int s = 0; s < out; s++) {
                                    brute[r * out + s] += g[o][r] * g[o][s] / rows;
                                }
                            }
                        }
                    }
                    for (int e = 0; e < brute.length; e++) {
                        assertEquals(brute[e], k[l][e], 1e-5 * (1 + Math.abs(brute[e])), act + " layer " + l + " entry " + e);
                    }
                }
            }
        }
    }

    @Test
    void trainingLowersTheLossWithBothOptimizersAndPrecisions() {
        try (ComputeBackend be = Backends.open("cpu")) {
            int n = 64, d = 5, c = 2;
            double[] x = random(n * d, 11);
            double[] y = new double[n * c];
            for (int i = 0; i < n; i++) {
                y[i * c] = x[i * d] * x[i * d + 1];
                y[i * c + 1] = Math.max(0, x[i * d + 2]);
            }
            for (Optimizer opt : Optimizer.values()) {
                for (Precision prec : Precision.values()) {
                    NetworkParams p = new NetworkParams(2, 16, Activation.RELU, opt, opt == Optimizer.SGD ? 0.2 : 0.01,
                            0, 8, 1, 5, prec);
                    Network net = Network.initial(p, d, c);
                    Network w0 = net.copy();
                    NetworkTrainer t = new NetworkTrainer(be, p, net, null);
                    double first = t.epoch(x, y, n);
                    double last = first;
                    for (int e = 0; e < 30; e++) {
                        last = t.epoch(x, y, n);
                    }
                    assertTrue(last < 0.7 * first, opt + " " + prec + ": " + first + " -> " + last);
                    List<FeatureAnsatz.LayerMeasure> ms = FeatureAnsatz.measure(t.backprop(), net, w0, x, n);
                    assertEquals(2, ms.size());
                    for (FeatureAnsatz.LayerMeasure m : ms) {
                        assertTrue(m.nfa() > -1 && m.nfa() <= 1 && m.cnfa() > -1 && m.relChange() > 0, m.toString());
                    }
                }
            }
        }
    }

    @Test
    void interventionNormalisesAndScales() {
        double[][] g = {{3, 4}, {0, 2}, {0, 0}};
        new GradientScaling(1, 5).apply(g);
        assertEquals(0.2 * 0.6, g[0][0], 1e-12);
        assertEquals(0.2 * 0.8, g[0][1], 1e-12);
        assertEquals(5, g[1][1], 1e-12);
        assertEquals(0, g[2][0]);
    }

    @Test
    void correlationsAndBadSettings() {
        assertEquals(1, MatrixCorrelation.pearson(new double[] {1, 2, 3, 4}, new double[] {3, 5, 7, 9}), 1e-12);
        assertEquals(-1, MatrixCorrelation.pearsonOffDiagonal(new double[] {9, 1, 2, 9}, new double[] {0, 2, 1, 5}, 2), 1e-12);
        assertTrue(Double.isNaN(MatrixCorrelation.pearson(new double[] {1, 1}, new double[] {1, 2})));
        assertThrows(RfmException.class, () -> new NetworkParams(0, 8, Activation.RELU, Optimizer.SGD, 0.1, 0, 8, 1, 0,
                Precision.FLOAT64));
        assertThrows(RfmException.class, () -> new NetworkParams(2, 8, Activation.RELU, Optimizer.SGD, -1, 0, 8, 1, 0,
                Precision.FLOAT64));
        assertThrows(RfmException.class, () -> Activation.parse("tanh"));
        assertThrows(RfmException.class, () -> Optimizer.parse("lbfgs"));
    }
}
