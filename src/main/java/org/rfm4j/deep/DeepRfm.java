// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.deep;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.Agop;
import org.rfm4j.algo.KernelRidge;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * Deep Recursive Feature Machine (docs/EXPERIMENTS.md; Beaglehole et al., "AGOP as a mechanism
 * for deep neural collapse"). Layer l maps its input X_l (n x d_l) to X_{l+1} (n x D):
 * <pre>
 *   X      = rows of X_l scaled to unit norm
 *   alpha  = (k(X, X) + reg I)^-1 Y                  (Laplace kernel, M = I, one fit)
 *   G      = sum_i sum_c grad f_c(x_i) grad f_c(x_i)^T  (AGOP over all n points, self pairs masked)
 *   M_l    = G / max_ab G_ab;   S_l = M_l^(1/2)
 *   U      = X S_l                                    ("projected")
 *   X_{l+1} = ReLU(U W_l^T)  or  sqrt(2/D) cos(U W_l^T + b_l)   ("activated"), W_l random and fixed
 * </pre>
 * With {@link Params#identityMetric()} (the control) S_l = I at every layer, so only the normalisation and
 * the random maps act. After the last layer a kernel ridge regression (same kernel, M = I) on the unit-norm
 * output predicts the targets. All O(n^2) and O(n d^2) work goes through the compute SPI, so it runs on
 * CUDA when that backend is chosen; the n x D nonlinearity and row normalisation are done on the host.
 *
 * <p>Estimator contract: the parameters are stored unchanged; {@link #fit} validates the data, draws every
 * random weight from {@code seed} and returns a fitted {@link DeepRfmModel}.
 */
public final class DeepRfm {

    /**
     * Deep RFM hyperparameters.
     *
     * @param layers         number of layers (default 6)
     * @param bandwidth      Laplace bandwidth L of each layer's kernel ridge and of the Fourier features (default 2)
     * @param reg            ridge added to the kernel diagonal (default 1e-3)
     * @param features       width D of each random feature map (default 512)
     * @param featureMap     relu (default) or fourier
     * @param identityMetric the control: M = I at every layer, no AGOP (default false)
     * @param seed           seed of the random feature maps (default 0)
     * @param precision      arithmetic of the device matrices (default float64)
     */
    public record Params(int layers, double bandwidth, double reg, int features, FeatureMap featureMap,
                         boolean identityMetric, long seed, Precision precision) {
        public Params {
            if (layers < 1 || layers > 1000) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "layers must be in 1..1000, got " + layers);
            }
            if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "bandwidth must be positive and finite, got " + bandwidth);
            }
            if (!(reg >= 0) || Double.isInfinite(reg)) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "reg must be >= 0 and finite, got " + reg);
            }
            if (features < 1 || features > 65536) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "features must be in 1..65536, got " + features);
            }
            if (featureMap == null || precision == null) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "featureMap and precision must not be null");
            }
        }

        /** The defaults: 6 layers, Laplace L = 2, reg 1e-3, 512 ReLU features, AGOP metric, seed 0, float64. */
        public static Params defaults() {
            return new Params(6, 2.0, 1e-3, 512, FeatureMap.RELU, false, 0L, Precision.FLOAT64);
        }

        public Params withLayers(int v) {
            return new Params(v, bandwidth, reg, features, featureMap, identityMetric, seed, precision);
        }

        public Params withBandwidth(double v) {
            return new Params(layers, v, reg, features, featureMap, identityMetric, seed, precision);
        }

        public Params withReg(double v) {
            return new Params(layers, bandwidth, v, features, featureMap, identityMetric, seed, precision);
        }

        public Params withFeatures(int v) {
            return new Params(layers, bandwidth, reg, v, featureMap, identityMetric, seed, precision);
        }

        public Params withFeatureMap(FeatureMap v) {
            return new Params(layers, bandwidth, reg, features, v, identityMetric, seed, precision);
        }

        public Params withIdentityMetric(boolean v) {
            return new Params(layers, bandwidth, reg, features, featureMap, v, seed, precision);
        }

        public Params withSeed(long v) {
            return new Params(layers, bandwidth, reg, features, featureMap, identityMetric, v, precision);
        }

        public Params withPrecision(Precision v) {
            return new Params(layers, bandwidth, reg, features, featureMap, identityMetric, seed, v);
        }
    }

    private final Params params;

    public DeepRfm(Params params) {
        if (params == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "params is null: use DeepRfm.Params.defaults()");
        }
        this.params = params;
    }

    public Params params() {
        return params;
    }

    /** Targets 2 e_c - 1 (n x k): +1 in the label's column, -1 elsewhere. */
    public static double[] signedOneHot(int[] labels, int k) {
        double[] y = new double[labels.length * k];
        java.util.Arrays.fill(y, -1.0);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "label " + labels[i] + " at row " + i
                        + " is outside 0.." + (k - 1) + ": encode the classes as 0..K-1");
            }
            y[i * k + labels[i]] = 1.0;
        }
        return y;
    }

    /** Fits on "auto" (opened and closed here). */
    public DeepRfmModel fit(Matrix x, Matrix yTargets, LayerObserver observer) {
        try (ComputeBackend be = Backends.open(Backends.AUTO)) {
            return fit(be, x, yTargets, observer);
        }
    }

    /**
     * Fits on (x: n x d, targets: n x c), reporting each layer's representations to {@code observer} (may
     * be null). x and the targets are not modified.
     */
    public DeepRfmModel fit(ComputeBackend be, Matrix x, Matrix targets, LayerObserver observer) {
        DataChecks.requireFinite(x, "x");
        DataChecks.requireFinite(targets, "y");
        DataChecks.requireSameRows(x.rows(), "x", targets.rows(), "y");
        int n = x.rows(), d = x.cols(), c = targets.cols();
        double[] y = targets.data();
        if (n < 2) {
            throw new RfmException(ErrorCode.INVALID_DATA, "Deep RFM needs at least 2 samples, got " + n);
        }
        LayerObserver obs = observer == null ? LayerObserver.NONE : observer;
        long t0 = System.nanoTime();
        Kernel kernel = Kernel.laplace(params.bandwidth());
        Precision pr = params.precision();
        SplittableRandom rng = new SplittableRandom(params.seed());
        List<DeepRfmLayer> layers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int[] self = new int[n];
        for (int i = 0; i < n; i++) {
            self[i] = i;
        }
        double[] cur = x.data().clone();
        int dim = d;
        for (int l = 0; l < params.layers(); l++) {
            double[] xn = DeepOps.unitRows(cur, n, dim);
            obs.representation(l, LayerObserver.Stage.INPUT, new Matrix(xn.clone(), n, dim));
            double[] s = null;
            if (!params.identityMetric()) {
                s = agopRoot(be, kernel, xn, n, dim, y, c, self, pr, l, notes);
            }
            SplittableRandom layerRng = rng.split();
            DeepRfmLayer layer = DeepOps.drawLayer(layerRng, dim, s, params.features(), params.featureMap(),
                    params.bandwidth());
            double[][] out = DeepOps.apply(be, layer, xn, n, pr, params.featureMap(), true);
            obs.representation(l, LayerObserver.Stage.PROJECTED, new Matrix(out[0], n, dim));
            obs.representation(l, LayerObserver.Stage.ACTIVATED, new Matrix(out[1].clone(), n, layer.features()));
            layers.add(layer);
            cur = out[1];
            dim = layer.features();
        }
        double[] un = DeepOps.unitRows(cur, n, dim);
        double[] alpha;
        try (DeviceMatrix u = be.upload(un, n, dim, pr);
             DeviceMatrix a = ridge(be, kernel, u, y, c, params.layers(), notes)) {
            alpha = be.download(a);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new DeepRfmModel(params, List.copyOf(layers), kernel, un, n, dim, alpha, c, List.copyOf(notes),
                seconds);
    }

    /** S = (G / max G)^(1/2) for the unit-norm layer input, G the AGOP of a kernel ridge fit with M = I. */
    private double[] agopRoot(ComputeBackend be, Kernel kernel, double[] xn, int n, int dim, double[] y, int c,
                              int[] self, Precision pr, int layer, List<String> notes) {
        double[] g;
        try (DeviceMatrix xs = be.upload(xn, n, dim, pr);
             DeviceMatrix alpha = ridge(be, kernel, xs, y, c, layer, notes);
             DeviceMatrix gm = be.zeros(dim, dim, pr);
             DeviceMatrix jm = be.zeros(c, dim, pr)) {
            be.agopAccumulate(kernel, xs, alpha, xs, self, gm, jm);
            g = be.download(gm);
        }
        double max = Agop.maxEntry(g, layer);
        if (!(max > 0)) {
            throw new RfmException(ErrorCode.NUMERICAL, "layer " + layer + ": the AGOP is zero (the kernel ridge fit"
                    + " is constant): check the labels, or use a smaller bandwidth");
        }
        return Agop.powerAndRoot(be, g, max, 1.0, dim, false)[1];
    }

    /** alpha = (K + reg I)^-1 Y by Cholesky, retrying with jitter (noted) when K + reg I is not PD. */
    static DeviceMatrix ridge(ComputeBackend be, Kernel kernel, DeviceMatrix u, double[] y, int c, double reg,
                              int layer, List<String> notes) {
        int n = u.rows();
        try (DeviceMatrix k = be.zeros(n, n, u.precision())) {
            be.kernelMatrix(kernel, u, u, k);
            KernelRidge.factorWithJitter(be, kernel, u, k, reg, "layer " + layer, notes::add);
            DeviceMatrix alpha = be.upload(y, n, y.length / n, u.precision());
            try {
                be.choleskySolve(k, alpha);
            } catch (RuntimeException e) {
                alpha.close();
                throw e;
            }
            return alpha;
        }
    }

    private DeviceMatrix ridge(ComputeBackend be, Kernel kernel, DeviceMatrix u, double[] y, int c, int layer,
                               List<String> notes) {
        return ridge(be, kernel, u, y, c, params.reg(), layer, notes);
    }

}
