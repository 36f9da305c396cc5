// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * The Neural Feature Ansatz measured on a network's hidden layers (docs/EXPERIMENTS.md, section 3). For
 * hidden layer l with input a and pre-activation h = W a, the AGOP of the outputs with respect to a is
 * W^T K W with K = (1/m) sum over the m sample rows and the c outputs of g g^T, g = d f_c / d h. Then
 * NFA = rho(W^T W, W^T K W); with dW = W(t) - W(0), C-NFA = rho(dW^T dW, dW^T K dW) (K at time t);
 * rho is the Pearson correlation of the entries ({@link MatrixCorrelation}).
 *
 * <p>K of the top hidden layer has a closed form, (W_out^T W_out) * (S^T S) (elementwise), S = sigma'(h)
 * of the sample; below it the c per-output gradients are stacked into one (c m x width) matrix and
 * backpropagated with the backend's GEMMs.
 */
public final class FeatureAnsatz {
    private FeatureAnsatz() {
    }

    /** One hidden layer's measures at one time. */
    public record LayerMeasure(double nfa, double cnfa, double relChange) {
    }

    /** K of every hidden layer (index l: width x width), from the sample x (rows x in(0)). */
    public static double[][] preActivationGrams(Backprop bp, Network net, double[] x, int rows) {
        Backprop.Pass pass = bp.forward(net, x, rows);
        int hidden = net.layerCount() - 1;
        int top = hidden - 1;
        Activation act = net.activation();
        double[][] k = new double[hidden][];
        double[][] s = new double[hidden][];
        for (int l = 0; l < hidden; l++) {
            double[] h = pass.pre()[l];
            s[l] = new double[h.length];
            for (int i = 0; i < h.length; i++) {
                s[l][i] = act.derivative(h[i]);
            }
        }
        HostGemm gemm = bp.gemm();
        double[] wOut = net.weights(hidden);
        int c = net.out(hidden);
        int w = net.out(top);
        double[] ww = gemm.gram(wOut, c, w);
        double[] ss = gemm.gram(s[top], rows, w);
        k[top] = new double[w * w];
        for (int i = 0; i < k[top].length; i++) {
            k[top][i] = ww[i] * ss[i] / rows;
        }
        if (top == 0) {
            return k;
        }
        double[] g = new double[c * rows * w];
        for (int o = 0; o < c; o++) {
            for (int i = 0; i < rows; i++) {
                int base = (o * rows + i) * w;
                for (int a = 0; a < w; a++) {
                    g[base + a] = s[top][i * w + a] * wOut[o * w + a];
                }
            }
        }
        for (int l = top - 1; l >= 0; l--) {
            int wl = net.out(l);
            double[] next = gemm.mul(false, false, g, c * rows, net.out(l + 1), net.weights(l + 1), net.out(l + 1), wl);
            for (int o = 0; o < c; o++) {
                for (int i = 0; i < rows * wl; i++) {
                    next[o * rows * wl + i] *= s[l][i];
                }
            }
            g = next;
            double[] kl = gemm.gram(g, c * rows, wl);
            for (int i = 0; i < kl.length; i++) {
                kl[i] /= rows;
            }
            k[l] = kl;
        }
        return k;
    }

    /** The AGOP of hidden layer l with respect to its input: W_l^T K_l W_l (in x in). */
    public static double[] agop(Backprop bp, Network net, int l, double[] kl) {
        return bp.gemm().sandwich(net.weights(l), net.out(l), net.in(l), kl);
    }

    /** The neural feature matrix W_l^T W_l (in x in). */
    public static double[] nfm(Backprop bp, Network net, int l) {
        return bp.gemm().gram(net.weights(l), net.out(l), net.in(l));
    }

    /** The PSD square root of a symmetric n x n matrix, on the backend. */
    public static double[] psdSqrt(Backprop bp, double[] sym, int n) {
        return bp.gemm().psdSqrt(sym, n);
    }

    /** NFA, C-NFA (NaN while W = W(0)) and ||W - W(0)||_F / ||W||_F of every hidden layer, on the sample x. */
    public static List<LayerMeasure> measure(Backprop bp, Network net, Network initial, double[] x, int rows) {
        double[][] k = preActivationGrams(bp, net, x, rows);
        HostGemm gemm = bp.gemm();
        List<LayerMeasure> out = new ArrayList<>();
        for (int l = 0; l < k.length; l++) {
            double[] w = net.weights(l);
            double[] w0 = initial.weights(l);
            int r = net.out(l), c = net.in(l);
            double nfa = MatrixCorrelation.pearson(gemm.gram(w, r, c), gemm.sandwich(w, r, c, k[l]));
            double[] dw = new double[w.length];
            double dn = 0, wn = 0;
            for (int i = 0; i < w.length; i++) {
                dw[i] = w[i] - w0[i];
                dn += dw[i] * dw[i];
                wn += w[i] * w[i];
            }
            double cnfa = dn > 0 ? MatrixCorrelation.pearson(gemm.gram(dw, r, c), gemm.sandwich(dw, r, c, k[l]))
                    : Double.NaN;
            out.add(new LayerMeasure(nfa, cnfa, wn > 0 ? Math.sqrt(dn / wn) : Double.NaN));
        }
        return out;
    }
}
