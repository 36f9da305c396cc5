// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;
import org.rfm4j.spi.WorkScope;

/**
 * Prediction from a fitted solution, f(Q) = K(Q S, X S) alpha: the training points are uploaded and
 * transformed once, then every call uploads and transforms only its queries (the backend batches the
 * m x n kernel block). Closeable: it holds the training points on the backend until closed. Not
 * thread-safe: one per thread.
 */
public final class SolutionPredictor implements RawPredictor {
    private final ComputeBackend backend;
    private final RfmSolution solution;
    private final Precision precision;
    private final DeviceMatrix u;
    private final DeviceMatrix alpha;
    private boolean closed;

    /** Uploads the training points (n x d) and the coefficients of a solution. */
    public SolutionPredictor(ComputeBackend backend, RfmSolution solution, Matrix xTrain, Precision precision) {
        if (xTrain.cols() != solution.d() || solution.alpha().length != (long) xTrain.rows() * solution.c()) {
            throw new RfmException(ErrorCode.INTERNAL, "the training points (" + xTrain.rows() + " x " + xTrain.cols()
                    + ") do not match the solution (d = " + solution.d() + ", " + solution.alpha().length
                    + " coefficients for c = " + solution.c() + ")");
        }
        this.backend = backend;
        this.solution = solution;
        this.precision = precision;
        DeviceMatrix transformed = null;
        DeviceMatrix coefficients = null;
        // the training points take the path of the fit's and the queries' products, as one unit of work
        try (WorkScope work = backend.workScope(FitWork.shape(xTrain.rows(), solution.d(), solution.c()));
             DeviceMatrix xs = backend.upload(xTrain.data(), xTrain.rows(), xTrain.cols(), precision)) {
            transformed = MetricTransform.apply(backend, xs, solution.s(), solution.diagonal());
            coefficients = backend.upload(solution.alpha(), xTrain.rows(), solution.c(), precision);
        } catch (RuntimeException e) {
            if (transformed != null) {
                transformed.close();
            }
            throw e;
        }
        this.u = transformed;
        this.alpha = coefficients;
    }

    /** Raw outputs f(q) (q.rows x c, row-major) for queries of d features. */
    @Override
    public double[] predict(Matrix q) {
        if (closed) {
            throw new IllegalStateException("this predictor is closed");
        }
        DataChecks.requireSameColumns(q.cols(), "the input", solution.d(), "the training data");
        try (DeviceMatrix qs = backend.upload(q.data(), q.rows(), q.cols(), precision);
             DeviceMatrix out = predictOnBackend(qs)) {
            return backend.download(out);
        }
    }

    /**
     * Raw outputs f(q) for queries already on this predictor's backend (rows x d, in the predictor's
     * precision), as a new rows x c matrix of the backend that the caller closes; q is not modified.
     */
    public DeviceMatrix predictOnBackend(DeviceMatrix q) {
        if (closed) {
            throw new IllegalStateException("this predictor is closed");
        }
        DataChecks.requireSameColumns(q.cols(), "the input", solution.d(), "the training data");
        if (q.precision() != precision) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the queries are " + q.precision()
                    + " but the model predicts in " + precision + ": pass " + precision + " queries, or fit with "
                    + "precision " + q.precision());
        }
        try (WorkScope work = backend.workScope(FitWork.shape(u.rows(), solution.d(), solution.c()));
             DeviceMatrix uq = MetricTransform.apply(backend, q, solution.s(), solution.diagonal())) {
            DeviceMatrix out = backend.zeros(q.rows(), solution.c(), precision);
            try {
                backend.predict(solution.kernel(), u, alpha, uq, out);
                return out;
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
        }
    }

    /** The backend the training points live on. */
    public ComputeBackend backend() {
        return backend;
    }

    /** Frees the training points on the backend; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                u.close();
            } finally {
                alpha.close();
            }
        }
    }
}
