// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import org.rfm4j.algo.RawPredictor;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.ComputeBackend;

/**
 * A fitted model's predictions on one backend, for many calls: the training points are uploaded and
 * transformed once, when the predictor is made ({@link RfmModel#predictor}), and stay on the backend
 * until it is closed. Raw outputs; a classifier turns them into labels or probabilities
 * ({@link RfmClassificationModel#labels}, {@link RfmClassificationModel#probabilities}). Not
 * thread-safe: one predictor per thread (the model and the backend may be shared).
 *
 * <pre>{@code
 * try (ComputeBackend be = Backends.open("auto"); RfmPredictor p = model.predictor(be)) {
 *     for (double[][] batch : batches) {
 *         double[][] y = p.predictRaw(batch);
 *     }
 * }
 * }</pre>
 */
public final class RfmPredictor implements AutoCloseable {
    private final RfmModel model;
    private final RawPredictor predictor;

    RfmPredictor(RfmModel model, ComputeBackend be) {
        this.model = model;
        this.predictor = model.fitted.open(be, model.params.precision());
    }

    /** Raw outputs f(x) (rows x c, row-major) for rows of the model's d features. */
    public double[] predictRaw(Matrix x) {
        model.checkInput(x);
        return predictor.predict(x);
    }

    /** Raw outputs for rows given as double[][]. */
    public double[][] predictRaw(double[][] x) {
        Matrix q = Matrix.ofRows(x, "X");
        return new Matrix(predictRaw(q), q.rows(), model.outputColumns()).toRows();
    }

    @Override
    public void close() {
        predictor.close();
    }
}
