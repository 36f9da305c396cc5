// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import org.rfm4j.data.Matrix;

/**
 * Raw outputs of a fitted model on one backend, for many calls: it keeps what prediction needs (the
 * transformed training points, the coefficients) on the backend until closed. Not thread-safe.
 */
public interface RawPredictor extends AutoCloseable {
    /** Raw outputs f(q) (q.rows x c, row-major) for queries of the model's d features. */
    double[] predict(Matrix q);

    /** Frees what the predictor holds on the backend; closing twice is harmless. */
    @Override
    void close();
}
