// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.rfm4j.experiments.ImageSubsets;
import org.rfm4j.io.ImageSets;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;

/**
 * A diagnostic, not a test (docs/EXPERIMENTS.md, "Why the top hidden layer's C-NFA is low"): trains the NFA
 * experiment's network with plain SGD (same subset, initialisation, batch order and AGOP sample as
 * {@code rfm experiment nfa}, float64) and prints, after chosen SGD steps and after every epoch, C-NFA and
 * NFA of every hidden layer and, for the top hidden layer: C-NFA with K replaced by its diagonal, by
 * W_out^T W_out (no ReLU mask) and by the closed form with W_out(0); the largest difference between the
 * closed-form K and K summed directly from per-sample gradients; ||W_out - W_out(0)|| / ||W_out(0)||; and
 * the share of ||dW||^2 in the span of K's top-c eigenvectors. Run after {@code mvn test-compile}:
 * {@code java -cp target/test-classes:target/rfm4j.jar org.rfm4j.nn.NfaTopLayerProbe data=digits n=1000
 * layers=5 lr=0.05 readout-lr=0.05 epochs=3 m=500 steps=1,2,3 print-loss=8}.
 */
public final class NfaTopLayerProbe {
    private NfaTopLayerProbe() {
    }

    public static void main(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (String x : args) {
            String[] kv = x.split("=", 2);
            a.put(kv[0], kv[1]);
        }
        String data = a.getOrDefault("data", "digits");
        int n = Integer.parseInt(a.getOrDefault("n", "1000"));
        int layers = Integer.parseInt(a.getOrDefault("layers", "5"));
        int width = Integer.parseInt(a.getOrDefault("width", "256"));
        double lr = Double.parseDouble(a.getOrDefault("lr", "0.05"));
        double lrOut = Double.parseDouble(a.getOrDefault("readout-lr", a.getOrDefault("lr", "0.05")));
        int epochs = Integer.parseInt(a.getOrDefault("epochs", "3"));
        int m = Integer.parseInt(a.getOrDefault("m", "500"));
        long seed = Long.parseLong(a.getOrDefault("seed", "0"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "128"));
        int printLoss = Integer.parseInt(a.getOrDefault("print-loss", "0"));
        Set<Integer> logSteps = new TreeSet<>();
        for (String t : a.getOrDefault("steps", "1,2,3").split(",")) {
            logSteps.add(Integer.parseInt(t.trim()));
        }
        try (ComputeBackend be = Backends.open("cpu")) {
            ImageSubsets.Subset tr = ImageSubsets.balancedStandardised(ImageSets.load(data, Math.max(2000, 3 * n)), n, 0,
                    seed)[0];
            int d = tr.d(), c = tr.k();
            double[] x = tr.x().data();
            double[] y = new double[n * c];
            for (int i = 0; i < n; i++) {
                y[i * c + tr.labels()[i]] = 1;
            }
            // the AGOP sample of NfaExperiment
            Random r = new Random(seed + 17);
            int[] idx = shuffled(n, r);
            m = Math.min(m, n);
            double[] sx = tr.x().selectRows(java.util.Arrays.copyOf(idx, m)).data();
            NetworkParams p = new NetworkParams(layers, width, Activation.RELU, Optimizer.SGD, lr, 0, batch, 1, seed,
                    Precision.FLOAT64);
            Network net = Network.initial(p, d, c);
            Network w0 = net.copy();
            int nl = net.layerCount();
            Backprop bp = new Backprop(be, Precision.FLOAT64);
            Random order = new Random(seed ^ 0x5DEECE66DL);
            System.out.printf("data=%s n=%d hidden layers=%d width=%d lr=%s readout-lr=%s m=%d batch=%d%n", data, n, layers,
                    width, lr, lrOut, m, batch);
            int step = 0;
            for (int e = 1; e <= epochs; e++) {
                int[] perm = shuffled(n, order);
                for (int st = 0; st < n; st += batch) {
                    int b = Math.min(batch, n - st);
                    double[] bx = new double[b * d], by = new double[b * c];
                    for (int i = 0; i < b; i++) {
                        System.arraycopy(x, perm[st + i] * d, bx, i * d, d);
                        System.arraycopy(y, perm[st + i] * c, by, i * c, c);
                    }
                    Backprop.Gradients g = bp.backward(net, bp.forward(net, bx, b), by);
                    for (int l = 0; l < nl; l++) {
                        double rate = l == nl - 1 ? lrOut : lr;
                        double[] w = net.weights(l);
                        for (int i = 0; i < w.length; i++) {
                            w[i] -= rate * g.grads()[l][i];
                        }
                    }
                    step++;
                    if (step <= printLoss) {
                        System.out.printf("  step %d: batch loss before the step %.4f%n", step, g.loss());
                    }
                    if (logSteps.contains(step)) {
                        report(bp, net, w0, sx, m, "step " + step);
                    }
                }
                report(bp, net, w0, sx, m, "epoch " + e + " (step " + step + ")");
            }
        }
    }

    private static int[] shuffled(int n, Random r) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    private static void report(Backprop bp, Network net, Network w0, double[] sx, int m, String tag) {
        List<FeatureAnsatz.LayerMeasure> ms = FeatureAnsatz.measure(bp, net, w0, sx, m);
        StringBuilder sb = new StringBuilder(String.format("%-18s cnfa:", tag));
        for (FeatureAnsatz.LayerMeasure lm : ms) {
            sb.append(String.format(" %.3f", lm.cnfa()));
        }
        sb.append(" | nfa:");
        for (FeatureAnsatz.LayerMeasure lm : ms) {
            sb.append(String.format(" %.3f", lm.nfa()));
        }
        int nl = net.layerCount(), top = nl - 2;
        HostGemm gm = bp.gemm();
        int c = net.out(nl - 1), w = net.out(top), in = net.in(top);
        double[] wo = net.weights(nl - 1), wo0 = w0.weights(nl - 1);
        double[] dw = net.weights(top).clone();
        for (int i = 0; i < dw.length; i++) {
            dw[i] -= w0.weights(top)[i];
        }
        double[] kt = FeatureAnsatz.preActivationGrams(bp, net, sx, m)[top];
        // K summed directly over samples and outputs: g = relu'(h) * (row o of W_out)
        double[] h = bp.forward(net, sx, m).pre()[top];
        double[] kb = new double[w * w];
        double[] g = new double[w];
        for (int i = 0; i < m; i++) {
            for (int o = 0; o < c; o++) {
                for (int q = 0; q < w; q++) {
                    g[q] = (h[i * w + q] > 0 ? 1 : 0) * wo[o * w + q];
                }
                for (int q = 0; q < w; q++) {
                    if (g[q] != 0) {
                        for (int t = 0; t < w; t++) {
                            kb[q * w + t] += g[q] * g[t] / m;
                        }
                    }
                }
            }
        }
        double maxDiff = 0, maxK = 0;
        for (int i = 0; i < kb.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(kb[i] - kt[i]));
            maxK = Math.max(maxK, Math.abs(kb[i]));
        }
        double[] nfm = gm.gram(dw, w, in);
        double[] mask = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            mask[i] = h[i] > 0 ? 1 : 0;
        }
        double[] ss = gm.gram(mask, m, w);
        double[] ww = gm.gram(wo, c, w), ww0 = gm.gram(wo0, c, w);
        double[] k0 = new double[w * w], kDiag = new double[w * w];
        for (int i = 0; i < w * w; i++) {
            k0[i] = ww0[i] * ss[i] / m;
        }
        for (int q = 0; q < w; q++) {
            kDiag[q * w + q] = kt[q * w + q];
        }
        double dn = 0, wn = 0;
        for (int i = 0; i < wo.length; i++) {
            dn += (wo[i] - wo0[i]) * (wo[i] - wo0[i]);
            wn += wo0[i] * wo0[i];
        }
        sb.append(String.format(" | top: cnfa with diag(K) %.3f, with W_out^T W_out %.3f, with K(W_out(0)) %.3f;"
                        + " K closed form vs direct: max diff %.1e (max |K| %.1e); |dW_out|/|W_out(0)| %.3f;"
                        + " share of |dW|^2 in K's top-%d eigenvectors %.3f",
                MatrixCorrelation.pearson(nfm, gm.sandwich(dw, w, in, kDiag)),
                MatrixCorrelation.pearson(nfm, gm.sandwich(dw, w, in, ww)),
                MatrixCorrelation.pearson(nfm, gm.sandwich(dw, w, in, k0)), maxDiff, maxK, Math.sqrt(dn / wn), c,
                topEigenShare(kt, w, c, dw, in)));
        System.out.println(sb);
    }

    /** ||Q^T dW||^2 / ||dW||^2 with Q the top-k eigenvectors of the PSD w x w matrix k (subspace iteration). */
    private static double topEigenShare(double[] k, int w, int kk, double[] dw, int in) {
        double[] q = new double[w * kk];
        Random r = new Random(1);
        for (int i = 0; i < q.length; i++) {
            q[i] = r.nextGaussian();
        }
        for (int it = 0; it < 200; it++) {
            double[] z = new double[w * kk];
            for (int a = 0; a < w; a++) {
                for (int t = 0; t < w; t++) {
                    double kv = k[a * w + t];
                    for (int j = 0; j < kk; j++) {
                        z[a * kk + j] += kv * q[t * kk + j];
                    }
                }
            }
            for (int j = 0; j < kk; j++) {
                for (int jj = 0; jj < j; jj++) {
                    double dot = 0;
                    for (int a = 0; a < w; a++) {
                        dot += z[a * kk + j] * z[a * kk + jj];
                    }
                    for (int a = 0; a < w; a++) {
                        z[a * kk + j] -= dot * z[a * kk + jj];
                    }
                }
                double norm = 0;
                for (int a = 0; a < w; a++) {
                    norm += z[a * kk + j] * z[a * kk + j];
                }
                norm = Math.sqrt(norm);
                for (int a = 0; a < w; a++) {
                    z[a * kk + j] /= norm;
                }
            }
            q = z;
        }
        double inTop = 0, all = 0;
        for (double v : dw) {
            all += v * v;
        }
        for (int j = 0; j < kk; j++) {
            for (int t = 0; t < in; t++) {
                double v = 0;
                for (int a = 0; a < w; a++) {
                    v += q[a * kk + j] * dw[a * in + t];
                }
                inTop += v * v;
            }
        }
        return inTop / all;
    }
}
