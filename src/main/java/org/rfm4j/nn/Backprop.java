// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;

/**
 * Forward and backward passes of a {@link Network} on a batch, with every matrix product on the backend
 * (h_l = a_(l-1) W_l^T, dL/dW_l = D_l^T a_(l-1), D_(l-1) = (D_l W_l) * sigma'(h_(l-1))); activations and
 * the loss on the host. Loss: mean squared error over the batch's rows and outputs,
 * L = (1 / (b c)) sum (f - y)^2.
 */
public final class Backprop {
    private final HostGemm gemm;

    /** Products on {@code be} in {@code precision}. */
    public Backprop(ComputeBackend be, Precision precision) {
        this.gemm = new HostGemm(be, precision);
    }

    HostGemm gemm() {
        return gemm;
    }

    /**
     * One forward pass: pre-activations h_l (rows x out(l)) of every layer and activations a_l (a_0 = x);
     * the output is h of the last layer.
     */
    public record Pass(int rows, double[][] pre, double[][] act) {
        /** The network's outputs (rows x c). */
        public double[] output() {
            return pre[pre.length - 1];
        }
    }

    /** The forward pass of x (rows x in(0), row-major). */
    public Pass forward(Network net, double[] x, int rows) {
        int layers = net.layerCount();
        double[][] pre = new double[layers][];
        double[][] act = new double[layers][];
        act[0] = x;
        for (int l = 0; l < layers; l++) {
            pre[l] = gemm.mul(false, true, act[l], rows, net.in(l), net.weights(l), net.out(l), net.in(l));
            if (l + 1 < layers) {
                double[] a = new double[pre[l].length];
                for (int i = 0; i < a.length; i++) {
                    a[i] = net.activation().apply(pre[l][i]);
                }
                act[l + 1] = a;
            }
        }
        return new Pass(rows, pre, act);
    }

    /** Gradients of the MSE loss with respect to every layer's weights, and the loss. */
    public record Gradients(double[][] grads, double loss) {
    }

    /** Backpropagates the MSE loss of {@code pass} against targets y (rows x c). */
    public Gradients backward(Network net, Pass pass, double[] y) {
        int layers = net.layerCount();
        int rows = pass.rows();
        int c = net.out(layers - 1);
        double[] f = pass.output();
        double[] d = new double[f.length];
        double loss = 0;
        double scale = 1.0 / ((double) rows * c);
        for (int i = 0; i < f.length; i++) {
            double e = f[i] - y[i];
            loss += e * e * scale;
            d[i] = 2 * e * scale;
        }
        double[][] grads = new double[layers][];
        for (int l = layers - 1; l >= 0; l--) {
            grads[l] = gemm.mul(true, false, d, rows, net.out(l), pass.act()[l], rows, net.in(l));
            if (l > 0) {
                double[] back = gemm.mul(false, false, d, rows, net.out(l), net.weights(l), net.out(l), net.in(l));
                double[] h = pass.pre()[l - 1];
                for (int i = 0; i < back.length; i++) {
                    back[i] *= net.activation().derivative(h[i]);
                }
                d = back;
            }
        }
        return new Gradients(grads, loss);
    }
}
