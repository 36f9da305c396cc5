// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.jcuda;

import java.util.ArrayList;
import java.util.List;

import jcuda.driver.CUdeviceptr;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.RawPredictor;
import org.rfm4j.algo.SolutionPredictor;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmRegressionModel;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.cuda.CudaBackend;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * Fit and predict on device buffers a JCuda application holds, on rfm4j's CUDA backend.
 *
 * <pre>{@code
 * try (ComputeBackend cuda = Backends.open("cuda"); JCudaRfm jc = JCudaRfm.on(cuda)) {
 *     DeviceMatrix x = jc.wrap(dX, n, d, Precision.FLOAT32);      // no copy
 *     DeviceMatrix y = jc.wrap(dY, n, 1, Precision.FLOAT32);
 *     RfmRegressionModel model = jc.fit(new RfmRegressor(params), x, y);
 *     jc.predict(model, jc.wrap(dQ, m, d, Precision.FLOAT32), jc.wrap(dOut, m, 1, Precision.FLOAT32));
 * }   // the views end here; dX, dY, dQ, dOut stay the caller's to cuMemFree
 * }</pre>
 *
 * <p>Ownership: {@link #wrap} views the caller's memory without copying; rfm4j never frees a caller's
 * buffer (closing a view, this adapter or the backend only ends the views). Everything rfm4j allocates
 * itself (the fit's and the predictor's matrices) is freed before the call returns, or when the backend
 * closes. Results go into a buffer the caller wrapped ({@link #predict}), which rfm4j only writes.
 *
 * <p>Context: rfm4j's engine uses the CUDA runtime, which computes in the device's primary context.
 * The caller's buffers must be allocated there, and that context must be current on the calling thread
 * (cuDevicePrimaryCtxRetain, then cuCtxSetCurrent; a context from cuCtxCreate is refused). {@link #wrap}
 * checks this through the driver, with the buffer's device and that its allocation holds the whole
 * matrix, and refuses a mismatch with an {@link RfmException}.
 *
 * <p>Streams: rfm4j computes on its own stream. Before it reads the caller's buffers ({@link #fit},
 * {@link #predict}) it waits for all work on the device in the primary context (cudaDeviceSynchronize),
 * so writes the caller queued on any of its streams are seen; every call returns only after rfm4j's own
 * work, the copy into the caller's output included, has finished on the device. The caller must not
 * write a buffer while a call that uses it runs.
 *
 * <p>Fit: the fitted model is a host object (it keeps its training points, to predict and to be saved),
 * so {@link #fit} reads x and y into host memory once and fits as {@link RfmRegressor#fit} does.
 * Predict: a single RFM (direct or EigenPro) predicts device to device (queries, kernel block and
 * outputs never leave the GPU); an RFM tree routes rows on the host, so its queries and outputs make one
 * round trip through host memory. Thread-safe as the backend is; not for use after {@link #close()}.
 */
public final class JCudaRfm implements AutoCloseable {
    private final CudaBackend backend;
    private final DriverQueries driver;
    private final List<DeviceMatrix> views = new ArrayList<>();
    private boolean closed;

    private JCudaRfm(CudaBackend backend, DriverQueries driver) {
        this.backend = backend;
        this.driver = driver;
    }

    /**
     * An adapter on an open CUDA backend ({@code Backends.open("cuda")}); refused for any other backend.
     *
     * @param backend the CUDA backend that will compute; stays the caller's to close
     * @return the adapter
     */
    public static JCudaRfm on(ComputeBackend backend) {
        return on(backend, new JCudaDriverQueries());
    }

    static JCudaRfm on(ComputeBackend backend, DriverQueries driver) {
        if (!(backend instanceof CudaBackend)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "JCuda interop computes on the cuda backend, but "
                    + (backend == null ? "the backend is null" : "this one is " + backend.name())
                    + ": open it with Backends.open(\"cuda\") on the device that holds your buffers");
        }
        return new JCudaRfm((CudaBackend) backend, driver);
    }

    /**
     * Views {@code rows x cols} row-major elements of {@code precision} at a JCuda device buffer as a matrix
     * of the backend, without a copy. The view is borrowed: closing it (or this adapter, or the backend)
     * never frees the buffer. Refused with an {@link RfmException}: a null buffer or address, a negative
     * shape, no precision, a context that is not the device's primary one, a buffer on another device or in
     * another context, an allocation smaller than the matrix, host memory.
     *
     * @param buffer    the caller's device buffer (its byte offset counts), not modified
     * @param rows      rows, at least 0
     * @param cols      columns, at least 0
     * @param precision what the buffer holds: float32 or float64
     * @return a borrowed matrix of the backend
     */
    public synchronized DeviceMatrix wrap(CUdeviceptr buffer, int rows, int cols, Precision precision) {
        ensureOpen();
        long address = checkBuffer(buffer, rows, cols, precision, driver, backend.device());
        DeviceMatrix view = backend.wrapDevicePointer(address, rows, cols, precision);
        views.add(view);
        return view;
    }

    /** The Java-side and driver-side checks of {@link #wrap}; returns the buffer's address. */
    static long checkBuffer(CUdeviceptr buffer, int rows, int cols, Precision precision, DriverQueries driver,
                            int device) {
        long address = DevicePointers.address(buffer);
        if (rows < 0 || cols < 0) {
            throw invalid("wrap: negative shape " + rows + " x " + cols + ": give the buffer's rows and columns");
        }
        if (precision == null) {
            throw invalid("wrap: the precision is null: say what the buffer holds, Precision.FLOAT32 or FLOAT64");
        }
        if (address == 0) {
            throw invalid("wrap: the CUdeviceptr is null (0): pass a buffer allocated with cuMemAlloc");
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(Math.multiplyExact((long) rows, (long) cols), (long) precision.bytes());
        } catch (ArithmeticException e) {
            throw invalid("wrap: " + rows + " x " + cols + " " + precision + " is larger than any buffer: check the shape");
        }
        ContextRules.check("wrap", driver, address, bytes, device);
        return address;
    }

    /**
     * Fits a regressor on x (n x d) and y (n x c), views from {@link #wrap} (or other matrices of the
     * backend), both in the estimator's precision; no validation set, so the last iteration is kept.
     *
     * @param estimator its parameters decide the fit
     * @param x         training points, read only
     * @param y         targets, read only
     * @return the fitted model (a host object, independent of the buffers)
     */
    public RfmRegressionModel fit(RfmRegressor estimator, DeviceMatrix x, DeviceMatrix y) {
        return fit(estimator, x, y, null, null);
    }

    /**
     * As {@link #fit(RfmRegressor, DeviceMatrix, DeviceMatrix)} with a validation set (both null for none),
     * which chooses the best iteration.
     *
     * @param estimator its parameters decide the fit
     * @param x         training points (n x d), read only
     * @param y         targets (n x c), read only
     * @param xVal      validation points (nv x d) or null, read only
     * @param yVal      validation targets (nv x c) or null, read only
     * @return the fitted model
     */
    public RfmRegressionModel fit(RfmRegressor estimator, DeviceMatrix x, DeviceMatrix y, DeviceMatrix xVal,
                                  DeviceMatrix yVal) {
        ensureOpen();
        if (estimator == null) {
            throw invalid("fit: the estimator is null");
        }
        if ((xVal == null) != (yVal == null)) {
            throw invalid("fit: give both validation points and targets, or neither");
        }
        requirePresent("fit: x", x);
        requirePresent("fit: y", y);
        Precision p = estimator.params().precision();
        requirePrecision("fit: x", x, p);
        requirePrecision("fit: y", y, p);
        requirePrecision("fit: xVal", xVal, p);
        requirePrecision("fit: yVal", yVal, p);
        backend.synchronizeDevice(); // the caller's queued writes first
        return estimator.fit(backend, host(x), host(y), xVal == null ? null : host(xVal),
                yVal == null ? null : host(yVal), null);
    }

    /**
     * Writes the model's raw outputs f(q) (a regression's values, a classifier's class scores) for the
     * queries (m x d) into {@code out} (m x c), both matrices of the backend in the model's precision,
     * typically views of the caller's buffers. Returns when the outputs are in {@code out}.
     *
     * @param model   a model fitted in any way (here, on the host, or loaded from a file)
     * @param queries the points, read only
     * @param out     overwritten with the outputs
     */
    public void predict(RfmModel model, DeviceMatrix queries, DeviceMatrix out) {
        ensureOpen();
        if (model == null) {
            throw invalid("predict: the model is null");
        }
        requirePresent("predict: the queries", queries);
        requirePresent("predict: the output", out);
        Precision p = model.params().precision();
        requirePrecision("predict: the queries", queries, p);
        requirePrecision("predict: the output", out, p);
        if (queries.cols() != model.inputDimension()) {
            throw new RfmException(ErrorCode.INVALID_DATA, "predict: the queries have " + queries.cols()
                    + " columns but the model was fitted on " + model.inputDimension() + ": pass the same features");
        }
        if (out.rows() != queries.rows() || out.cols() != model.outputColumns()) {
            throw invalid("predict: the output is " + out.rows() + " x " + out.cols() + " but " + queries.rows()
                    + " queries give " + queries.rows() + " x " + model.outputColumns() + ": wrap an output of that shape");
        }
        backend.synchronizeDevice();
        try (RawPredictor predictor = model.fitted().open(backend, p)) {
            if (predictor instanceof SolutionPredictor direct) {
                try (DeviceMatrix result = direct.predictOnBackend(queries)) {
                    backend.copyMatrix(result, out);
                }
            } else { // a tree routes on the host
                double[] values = predictor.predict(host(queries));
                try (DeviceMatrix result = backend.upload(values, out.rows(), out.cols(), p)) {
                    backend.copyMatrix(result, out);
                }
            }
        }
    }

    /** The backend this adapter computes on. */
    public CudaBackend backend() {
        return backend;
    }

    /** Ends every view this adapter made (never frees the caller's buffers); the backend stays open. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (DeviceMatrix v : views) {
            v.close();
        }
        views.clear();
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw invalid("this JCuda adapter is closed: make a new one with JCudaRfm.on(backend)");
        }
    }

    private Matrix host(DeviceMatrix m) {
        return new Matrix(backend.download(m), m.rows(), m.cols());
    }

    private static void requirePresent(String what, DeviceMatrix m) {
        if (m == null) {
            throw invalid(what + " is null: pass a matrix from wrap(...)");
        }
    }

    private static void requirePrecision(String what, DeviceMatrix m, Precision p) {
        if (m != null && m.precision() != p) {
            throw invalid(what + " is " + m.precision() + " but the model computes in " + p + ": wrap " + p
                    + " buffers, or set the precision in RfmParams (RfmParams.builder().precision(...))");
        }
    }

    private static RfmException invalid(String message) {
        return new RfmException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
