// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

import java.util.Random;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.ComputeBackend;

/**
 * Minibatch training of a {@link Network} in place: each epoch visits the rows in a fresh seeded order,
 * in batches of {@code batchSize} (the last one smaller), with {@link Backprop}'s gradients, an optional
 * {@link GradientHook} and the {@link Optimizer}'s step. Keeps the optimizer's state between epochs.
 */
public final class NetworkTrainer {
    private final NetworkParams params;
    private final Network net;
    private final Backprop backprop;
    private final GradientHook hook;
    private final Random order;
    private final double[][] m;
    private final double[][] v;
    private long steps;

    /** Trains {@code net} with {@code params} on {@code be}; {@code hook} may be null. */
    public NetworkTrainer(ComputeBackend be, NetworkParams params, Network net, GradientHook hook) {
        this.params = params;
        this.net = net;
        this.backprop = new Backprop(be, params.precision());
        this.hook = hook;
        this.order = new Random(params.seed() ^ 0x5DEECE66DL);
        int layers = net.layerCount();
        m = new double[layers][];
        v = new double[layers][];
        for (int l = 0; l < layers; l++) {
            m[l] = new double[net.weights(l).length];
            v[l] = new double[net.weights(l).length];
        }
    }

    /** The backprop this trainer uses (same backend and precision). */
    public Backprop backprop() {
        return backprop;
    }

    /** One epoch over x (n x in) with targets y (n x c); returns the mean of the batches' losses. */
    public double epoch(double[] x, double[] y, int n) {
        int d = net.in(0);
        int c = net.out(net.layerCount() - 1);
        if (x.length != (long) n * d || y.length != (long) n * c) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "x must be " + n + " x " + d + " and y " + n + " x " + c);
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double lossSum = 0;
        int batches = 0;
        for (int start = 0; start < n; start += params.batchSize()) {
            int b = Math.min(params.batchSize(), n - start);
            double[] bx = new double[b * d];
            double[] by = new double[b * c];
            for (int i = 0; i < b; i++) {
                System.arraycopy(x, perm[start + i] * d, bx, i * d, d);
                System.arraycopy(y, perm[start + i] * c, by, i * c, c);
            }
            Backprop.Gradients g = backprop.backward(net, backprop.forward(net, bx, b), by);
            if (!Double.isFinite(g.loss())) {
                throw new RfmException(ErrorCode.INVALID_DATA, "the training loss is " + g.loss()
                        + " (diverged): lower --lr");
            }
            if (hook != null) {
                hook.apply(g.grads());
            }
            step(g.grads());
            lossSum += g.loss();
            batches++;
        }
        return lossSum / batches;
    }

    private void step(double[][] grads) {
        steps++;
        double lr = params.learningRate();
        double wd = params.weightDecay();
        double bc1 = 1 - Math.pow(0.9, steps);
        double bc2 = 1 - Math.pow(0.999, steps);
        for (int l = 0; l < grads.length; l++) {
            double[] w = net.weights(l);
            double[] g = grads[l];
            if (params.optimizer() == Optimizer.SGD) {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * (g[i] + wd * w[i]);
                }
            } else {
                double[] ml = m[l], vl = v[l];
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * wd * w[i];
                    ml[i] = 0.9 * ml[i] + 0.1 * g[i];
                    vl[i] = 0.999 * vl[i] + 0.001 * g[i] * g[i];
                    w[i] -= lr * (ml[i] / bc1) / (Math.sqrt(vl[i] / bc2) + 1e-8);
                }
            }
        }
    }
}
