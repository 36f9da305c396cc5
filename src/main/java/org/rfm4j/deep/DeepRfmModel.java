// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.deep;

import java.util.List;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.RfmSolution;
import org.rfm4j.algo.SolutionPredictor;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Kernel;

/**
 * A fitted Deep RFM: the per-layer metrics S_l = M_l^(1/2) and random maps, and the final kernel ridge
 * (training representation and coefficients). {@link #transform} replays the layers on new data exactly
 * as fit did; {@link #predict} adds the final kernel ridge. Immutable.
 */
public final class DeepRfmModel {
    private final DeepRfm.Params params;
    private final List<DeepRfmLayer> layers;
    private final Kernel kernel;
    private final double[] trainRep;
    private final int n;
    private final int dim;
    private final double[] alpha;
    private final int c;
    private final List<String> notes;
    private final double seconds;

    DeepRfmModel(DeepRfm.Params params, List<DeepRfmLayer> layers, Kernel kernel, double[] trainRep, int n, int dim,
                 double[] alpha, int c, List<String> notes, double seconds) {
        this.params = params;
        this.layers = layers;
        this.kernel = kernel;
        this.trainRep = trainRep;
        this.n = n;
        this.dim = dim;
        this.alpha = alpha;
        this.c = c;
        this.notes = notes;
        this.seconds = seconds;
    }

    public DeepRfm.Params params() {
        return params;
    }

    /** The fitted layers, first to last. */
    public List<DeepRfmLayer> layers() {
        return layers;
    }

    /** Input width d of the first layer. */
    public int inputDim() {
        return layers.get(0).inputDim();
    }

    /** Number of outputs c of the final kernel ridge. */
    public int outputs() {
        return c;
    }

    /** Jitter retries and other remarks from the fit. */
    public List<String> notes() {
        return notes;
    }

    public double fitSeconds() {
        return seconds;
    }

    /** The last layer's output for new rows x (m x d), on "auto". */
    public Matrix transform(Matrix x) {
        try (ComputeBackend be = Backends.open(Backends.AUTO)) {
            return transform(be, x);
        }
    }

    /** The last layer's output (m x D) for new rows x (m x d). */
    public Matrix transform(ComputeBackend be, Matrix x) {
        DataChecks.requireFinite(x, "x");
        DataChecks.requireSameColumns(x.cols(), "x", inputDim(), "the training data");
        int m = x.rows();
        double[] cur = x.data();
        for (DeepRfmLayer layer : layers) {
            double[] xn = DeepOps.unitRows(cur, m, layer.inputDim());
            cur = DeepOps.apply(be, layer, xn, m, params.precision(), params.featureMap(), false)[1];
        }
        return new Matrix(cur, m, dim);
    }

    /** Predictions (m x c) for new rows x (m x d), on "auto". */
    public double[] predict(Matrix x) {
        try (ComputeBackend be = Backends.open(Backends.AUTO)) {
            return predict(be, x);
        }
    }

    /**
     * Predictions (m x c): the final kernel ridge applied to the unit-norm last-layer output (the fitted
     * solution's metric is the identity, so its predictor transforms by 1).
     */
    public double[] predict(ComputeBackend be, Matrix x) {
        int m = x.rows();
        double[] rep = DeepOps.unitRows(transform(be, x).data(), m, dim);
        double[] ones = new double[dim];
        java.util.Arrays.fill(ones, 1.0);
        RfmSolution ridge = new RfmSolution(kernel, true, dim, ones, ones, alpha, c, layers.size());
        try (SolutionPredictor p = new SolutionPredictor(be, ridge, new Matrix(trainRep, n, dim), params.precision())) {
            return p.predict(new Matrix(rep, m, dim));
        }
    }

    /** The argmax class of each row of x (for targets 2 e_c - 1). */
    public int[] predictClass(ComputeBackend be, Matrix x) {
        if (c < 2) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "predictClass needs one output column per class, got " + c);
        }
        double[] p = predict(be, x);
        int m = x.rows();
        int[] cls = new int[m];
        for (int i = 0; i < m; i++) {
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (p[i * c + k] > p[i * c + best]) {
                    best = k;
                }
            }
            cls[i] = best;
        }
        return cls;
    }
}
