// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import static org.rfm4j.cuda.CudaBackendProvider.NAME;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.RfmException;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.ConvNtkShape;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.MemoryInfo;
import org.rfm4j.spi.OperandChecks;
import org.rfm4j.spi.Precision;

/**
 * The compute SPI on one CUDA device: a native context (device, stream, cuBLAS and cuSOLVER
 * handles) held as a {@code final long}, and the matrices made from it. Every shape, precision
 * and ownership is checked here ({@link OperandChecks}) before any native call, and every allocation is planned against
 * free device memory first ({@link MemoryPlanner}); native failures arrive as {@link RfmException}
 * with a code and a message. Thread-safe: every call holds this backend's lock, so calls from several
 * threads run one at a time on its stream (each call is O(n^2) work or more; the lock costs nothing
 * that matters). Close frees every matrix still
 * open and the context; use after close is refused as the SPI says ({@link OperandChecks}). No finalizer.
 *
 * <p>Memory the caller allocated (a JCuda or other CUDA application in the same process): {@link
 * #wrapDevicePointer} views it as a borrowed matrix without a copy, {@link #copyMatrix} copies device to
 * device into it, and {@link #synchronizeDevice} waits for the caller's work first. The engine computes
 * in the device's primary context (the CUDA runtime's) on its own stream, and every call has finished
 * on the device when it returns.
 *
 * <p>Numerics: cuBLAS runs in pedantic math mode (no TF32: float32 means float32); l2 kernel
 * matrices are a GEMM of the cross term plus a fused epilogue, with the distance of a point to
 * itself set to exactly 0 when both operands are the same matrix; other p use a fused tiled
 * kernel; {@link #psdPower} runs syevd in float64 whatever the precision; the AGOP masks the self
 * pair by index.
 */
public final class CudaBackend implements ComputeBackend {
    private static final int F32 = 0;
    private static final int F64 = 1;

    private final long context;
    private final CudaBackendProvider.DeviceFacts facts;
    private final Map<CudaMatrix, Boolean> live = new IdentityHashMap<>();
    private boolean closed;

    CudaBackend(CudaBackendProvider.DeviceFacts facts) {
        this.facts = facts;
        this.context = nCreate(facts.device());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hostMemory() {
        return false;
    }

    @Override
    public String description() {
        return "CUDA: " + facts.describe();
    }

    @Override
    public synchronized MemoryInfo memory() {
        ensureOpen();
        long[] out = new long[2];
        nMemInfo(context, out);
        return new MemoryInfo(out[0], out[1]);
    }

    /** Matrices currently allocated by this backend (for tests and diagnostics). */
    public synchronized int liveMatrices() {
        return live.size();
    }

    // ---- storage -------------------------------------------------------------------------

    @Override
    public synchronized DeviceMatrix upload(double[] rowMajor, int rows, int cols, Precision precision) {
        ensureOpen();
        OperandChecks.upload(rowMajor, rows, cols, precision);
        CudaMatrix m = allocate(rows, cols, precision, "an uploaded matrix");
        boolean ok = false;
        try {
            if (rowMajor.length > 0) {
                nUpload(context, m.pointer(), dtype(precision), rowMajor, rowMajor.length);
            }
            ok = true;
            return m;
        } finally {
            if (!ok) {
                m.close();
            }
        }
    }

    @Override
    public synchronized DeviceMatrix zeros(int rows, int cols, Precision precision) {
        ensureOpen();
        OperandChecks.allocation("zeros", rows, cols, precision);
        CudaMatrix m = allocate(rows, cols, precision, "a matrix");
        boolean ok = false;
        try {
            nZero(context, m.pointer(), Math.max(16L, bytes(rows, cols, precision)));
            ok = true;
            return m;
        } finally {
            if (!ok) {
                m.close();
            }
        }
    }

    @Override
    public synchronized double[] download(DeviceMatrix matrix) {
        ensureOpen();
        CudaMatrix m = own(matrix, "download");
        long size = m.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw OperandChecks.invalid("download: a " + m.rows() + " x " + m.cols() + " matrix does not fit in one Java array");
        }
        double[] out = new double[(int) size];
        if (size > 0) {
            nDownload(context, m.pointer(), dtype(m.precision()), out, size);
        }
        return out;
    }

    @Override
    public synchronized DeviceMatrix gatherRows(DeviceMatrix src, int[] rowIndex) {
        ensureOpen();
        CudaMatrix s = own(src, "gatherRows");
        OperandChecks.gatherRows(s, rowIndex);
        CudaMatrix out = allocate(rowIndex.length, s.cols(), s.precision(), "gathered rows");
        boolean ok = false;
        try {
            if (rowIndex.length > 0 && s.cols() > 0) {
                nGatherRows(context, dtype(s.precision()), s.pointer(), s.rows(), s.cols(), rowIndex, out.pointer());
            }
            ok = true;
            return out;
        } finally {
            if (!ok) {
                out.close();
            }
        }
    }

    // ---- dense algebra -------------------------------------------------------------------

    @Override
    public synchronized void gemm(boolean transA, boolean transB, double alpha, DeviceMatrix a, DeviceMatrix b, double beta,
                     DeviceMatrix c) {
        ensureOpen();
        CudaMatrix ma = own(a, "gemm A"), mb = own(b, "gemm B"), mc = own(c, "gemm C");
        OperandChecks.gemm(transA, transB, alpha, ma, mb, beta, mc);
        int m = mc.rows();
        int n = mc.cols();
        int k = transA ? ma.rows() : ma.cols();
        if (m == 0 || n == 0) {
            return;
        }
        // leading dimensions are the stored column counts; cuBLAS wants them >= 1 even when k = 0
        nGemm(context, dtype(mc.precision()), transA, transB, m, n, k, alpha, ma.pointer(), Math.max(1, ma.cols()),
                mb.pointer(), Math.max(1, mb.cols()), beta, mc.pointer(), mc.cols());
    }

    @Override
    public synchronized void scaleColumns(DeviceMatrix a, double[] s, DeviceMatrix out) {
        ensureOpen();
        CudaMatrix ma = own(a, "scaleColumns a"), mo = own(out, "scaleColumns out");
        OperandChecks.scaleColumns(ma, s, mo);
        if (ma.size() == 0) {
            return;
        }
        nScaleColumns(context, dtype(ma.precision()), ma.pointer(), ma.rows(), ma.cols(), s, mo.pointer());
    }

    @Override
    public synchronized void addDiagonal(DeviceMatrix k, double value) {
        ensureOpen();
        CudaMatrix mk = own(k, "addDiagonal");
        OperandChecks.finite("addDiagonal value", value);
        if (mk.size() == 0) {
            return;
        }
        nAddDiagonal(context, dtype(mk.precision()), mk.pointer(), mk.rows(), mk.cols(), value);
    }

    @Override
    public synchronized double maxAbsRowSum(DeviceMatrix k) {
        ensureOpen();
        CudaMatrix mk = own(k, "maxAbsRowSum");
        if (mk.size() == 0) {
            return 0;
        }
        return nMaxAbsRowSum(context, dtype(mk.precision()), mk.pointer(), mk.rows(), mk.cols());
    }

    @Override
    public synchronized int choleskyFactor(DeviceMatrix k) {
        ensureOpen();
        CudaMatrix mk = own(k, "choleskyFactor");
        OperandChecks.square("choleskyFactor", mk);
        if (mk.rows() == 0) {
            return 0;
        }
        return nCholeskyFactor(context, dtype(mk.precision()), mk.pointer(), mk.rows());
    }

    @Override
    public synchronized void choleskySolve(DeviceMatrix factor, DeviceMatrix b) {
        ensureOpen();
        CudaMatrix mf = own(factor, "choleskySolve factor"), mb = own(b, "choleskySolve B");
        OperandChecks.choleskySolve(mf, mb);
        if (mb.size() == 0) {
            return;
        }
        long scratch = bytes(mb.rows(), mb.cols(), mb.precision());
        MemoryPlanner.checkAllocation(scratch, "the Cholesky right-hand sides", memory());
        nCholeskySolve(context, dtype(mf.precision()), mf.pointer(), mf.rows(), mb.pointer(), mb.cols());
    }

    @Override
    public synchronized DeviceMatrix psdPower(DeviceMatrix sym, double exponent) {
        ensureOpen();
        CudaMatrix ms = own(sym, "psdPower");
        OperandChecks.psdPower(ms, exponent);
        int d = ms.rows();
        MemoryPlanner.checkAllocation(5L * 8 * d * d, "the " + d + " x " + d + " float64 eigendecomposition",
                memory());
        CudaMatrix out = allocate(d, d, ms.precision(), "the matrix power");
        boolean ok = false;
        try {
            if (d > 0) {
                nPsdPower(context, dtype(ms.precision()), ms.pointer(), d, exponent, out.pointer());
            }
            ok = true;
            return out;
        } finally {
            if (!ok) {
                out.close();
            }
        }
    }

    // ---- kernel machine operations -------------------------------------------------------

    @Override
    public synchronized void pairwiseDistances(double p, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out) {
        ensureOpen();
        CudaMatrix ma = own(a, "pairwiseDistances a"), mb = own(b, "pairwiseDistances b"),
                mo = own(out, "pairwiseDistances out");
        OperandChecks.pairwiseDistances(p, ma, mb, mo);
        if (mo.size() == 0) {
            return;
        }
        nPairwiseDistances(context, dtype(ma.precision()), p, ma.pointer(), ma.rows(), mb.pointer(), mb.rows(),
                ma.cols(), mo.pointer());
    }

    @Override
    public synchronized void kernelMatrix(Kernel kernel, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out) {
        ensureOpen();
        CudaMatrix ma = own(a, "kernelMatrix a"), mb = own(b, "kernelMatrix b"), mo = own(out, "kernelMatrix out");
        OperandChecks.kernelMatrix("kernelMatrix", kernel, ma, mb, mo);
        if (mo.size() == 0) {
            return;
        }
        if (kernel.isL2()) {
            MemoryPlanner.checkAllocation((long) ma.precision().bytes() * (ma.rows() + mb.rows()), "row norms",
                    memory());
        }
        nKernelMatrix(context, dtype(ma.precision()), kernel.p(), kernel.q(), kernel.scale(), ma.pointer(),
                ma.rows(), mb.pointer(), mb.rows(), ma.cols(), mo.pointer());
    }

    @Override
    public synchronized void predict(Kernel kernel, DeviceMatrix u, DeviceMatrix alpha, DeviceMatrix q, DeviceMatrix out) {
        ensureOpen();
        CudaMatrix mu = own(u, "predict u"), ma = own(alpha, "predict alpha"), mq = own(q, "predict q"),
                mo = own(out, "predict out");
        OperandChecks.predict(kernel, mu, ma, mq, mo);
        int n = mu.rows(), d = mu.cols(), c = ma.cols(), m = mq.rows();
        if (m == 0 || c == 0) {
            return;
        }
        if (n == 0) {
            nZero(context, mo.pointer(), bytes(m, c, mo.precision()));
            return;
        }
        int batch = MemoryPlanner.predictBatch(n, c, m, mu.precision().bytes(), kernel.isL2(), memory());
        nPredict(context, dtype(mu.precision()), kernel.p(), kernel.q(), kernel.scale(), mu.pointer(), n, d,
                ma.pointer(), c, mq.pointer(), m, mo.pointer(), batch);
    }

    @Override
    public boolean hasConvNtk() {
        return true;
    }

    @Override
    public synchronized void convNtkMatrix(ConvNtkShape shape, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out) {
        ensureOpen();
        CudaMatrix ma = own(a, "convNtkMatrix a"), mb = own(b, "convNtkMatrix b"), mo = own(out, "convNtkMatrix out");
        OperandChecks.convNtk(shape, ma, mb, mo);
        if (mo.size() == 0) {
            return;
        }
        int na = mo.rows(), nb = mo.cols();
        if ((long) shape.positions() * ma.cols() > Integer.MAX_VALUE) {
            throw OperandChecks.invalid("convNtkMatrix: an image of " + shape.positions() + " patches of " + ma.cols()
                    + " values exceeds the 2^31 - 1 values a cuBLAS leading dimension holds: use smaller images or "
                    + "patches, or the CPU backend");
        }
        int tile = MemoryPlanner.convTileRows(shape, na, nb, memory());
        nConvNtkMatrix(context, shape.depth(), shape.q(), shape.gridRows(), shape.gridCols(), shape.inputScale(),
                ma.pointer(), na, mb.pointer(), nb, ma.cols(), mo.pointer(), tile);
    }

    @Override
    public synchronized void agopAccumulate(Kernel kernel, DeviceMatrix u, DeviceMatrix alpha, DeviceMatrix z, int[] zIndex,
                               DeviceMatrix g, DeviceMatrix jacobianSum) {
        ensureOpen();
        CudaMatrix mu = own(u, "agop u"), ma = own(alpha, "agop alpha"), mz = own(z, "agop z"),
                mg = own(g, "agop G"), mj = own(jacobianSum, "agop jacobianSum");
        boolean diag = OperandChecks.agop(kernel, mu, ma, mz, zIndex, mg, mj);
        int n = mu.rows(), d = mu.cols(), c = ma.cols(), rows = mz.rows();
        if (rows == 0 || n == 0 || c == 0 || d == 0) {
            return;
        }
        int batch = MemoryPlanner.agopBatch(n, d, c, rows, mu.precision().bytes(), kernel.isL2(), !diag,
                memory());
        nAgop(context, dtype(mu.precision()), kernel.p(), kernel.q(), kernel.scale(), mu.pointer(), n, d,
                ma.pointer(), c, mz.pointer(), rows, zIndex, mg.pointer(), diag, mj.pointer(), batch);
    }

    // ---- memory the caller allocated -------------------------------------------------------

    /**
     * Views {@code rows x cols} row-major elements of {@code precision} at a device address the caller
     * allocated (cuMemAlloc, cudaMalloc) as a matrix of this backend, without copying. The matrix is
     * borrowed: closing it, or this backend, ends the view and never frees the memory, which stays the
     * caller's to free (after the last call that uses the view). Refused with an {@link RfmException}: a null
     * or misaligned address, a negative shape, host memory or memory the CUDA runtime does not know, memory
     * on another device. The caller guarantees that the allocation holds the whole matrix (the CUDA runtime
     * cannot tell an allocation's size; the JCuda adapter checks it through the driver), that it was made in
     * the device's primary context, and that no other work writes it while rfm4j uses it.
     *
     * @param address   the device address (a CUdeviceptr's value), not modified by this call
     * @param rows      rows, at least 0
     * @param cols      columns, at least 0
     * @param precision the element type stored there
     * @return a borrowed matrix of this backend
     */
    public synchronized DeviceMatrix wrapDevicePointer(long address, int rows, int cols, Precision precision) {
        ensureOpen();
        OperandChecks.allocation("wrapDevicePointer", rows, cols, precision);
        ExternalPointers.checkAddress("wrapDevicePointer", address, precision);
        ExternalPointers.bytes("wrapDevicePointer", address, rows, cols, precision);
        int[] info = new int[2];
        nPointerInfo(context, address, info);
        ExternalPointers.checkMemory("wrapDevicePointer", address, info[0], info[1], facts.device());
        CudaMatrix m = new CudaMatrix(this, address, rows, cols, precision, true);
        live.put(m, Boolean.TRUE);
        return m;
    }

    /**
     * Copies {@code source} into {@code target} device to device (same shape and precision, not
     * overlapping unless identical); returns when the copy has finished on the device. With a borrowed
     * target this hands results to the caller's buffer.
     *
     * @param source read, not modified
     * @param target overwritten
     */
    public synchronized void copyMatrix(DeviceMatrix source, DeviceMatrix target) {
        ensureOpen();
        CudaMatrix s = own(source, "copyMatrix source"), t = own(target, "copyMatrix target");
        if (s.rows() != t.rows() || s.cols() != t.cols() || s.precision() != t.precision()) {
            throw OperandChecks.invalid("copyMatrix: the source is " + s.rows() + " x " + s.cols() + " "
                    + s.precision() + ", the target " + t.rows() + " x " + t.cols() + " " + t.precision()
                    + ": give a target of the same shape and precision");
        }
        long bytes = bytes(s.rows(), s.cols(), s.precision());
        long from = s.pointer(), to = t.pointer();
        if (bytes == 0 || from == to) {
            return;
        }
        if (from < to + bytes && to < from + bytes) {
            throw OperandChecks.invalid("copyMatrix: the source (" + ExternalPointers.hex(from) + ") and the target ("
                    + ExternalPointers.hex(to) + ") overlap: copy into a separate buffer");
        }
        nCopyDeviceToDevice(context, to, from, bytes);
    }

    /**
     * Waits until all work on this backend's device has finished, in every stream of the primary context
     * (cudaDeviceSynchronize): call it before reading memory another stream of the application wrote.
     */
    public synchronized void synchronizeDevice() {
        ensureOpen();
        nSynchronizeDevice(context);
    }

    /** The CUDA device ordinal this backend computes on. */
    public int device() {
        return facts.device();
    }

    // ---- lifecycle -----------------------------------------------------------------------

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CudaMatrix> open = new ArrayList<>(live.keySet());
        live.clear();
        RuntimeException first = null;
        for (CudaMatrix m : open) {
            m.markClosed();
            if (m.borrowed()) {
                continue; // the caller's memory: never freed here
            }
            try {
                CudaMatrix.nFree(m.rawPointer());
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        nDestroy(context);
        if (first != null) {
            throw first;
        }
    }

    /** Frees one matrix (its close), under the backend's lock like every call. */
    synchronized void free(CudaMatrix m) {
        if (m.isClosed()) {
            return;
        }
        m.markClosed();
        if (closed) {
            return; // freed with the backend
        }
        live.remove(m);
        if (!m.borrowed()) {
            CudaMatrix.nFree(m.rawPointer());
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    private CudaMatrix allocate(int rows, int cols, Precision precision, String what) {
        long bytes = bytes(rows, cols, precision);
        MemoryPlanner.checkAllocation(bytes, what + " of " + rows + " x " + cols + " " + precision, memory());
        long ptr = nAlloc(context, Math.max(16L, bytes));
        CudaMatrix m = new CudaMatrix(this, ptr, rows, cols, precision, false);
        live.put(m, Boolean.TRUE);
        return m;
    }

    private void ensureOpen() {
        if (closed) {
            throw OperandChecks.closedBackend(NAME);
        }
    }

    private CudaMatrix own(DeviceMatrix x, String what) {
        if (!(x instanceof CudaMatrix) || ((CudaMatrix) x).owner() != this) {
            throw OperandChecks.foreign(what, x, NAME);
        }
        CudaMatrix m = (CudaMatrix) x;
        if (m.isClosed()) {
            throw OperandChecks.closedMatrix(what, m);
        }
        return m;
    }

    private static long bytes(int rows, int cols, Precision p) {
        return (long) rows * cols * p.bytes();
    }

    private static int dtype(Precision p) {
        return p == Precision.FLOAT32 ? F32 : F64;
    }

    // ---- natives (native/src/jni/org_rfm4j_cuda_CudaBackend.cpp) -------------------------

    private static native long nCreate(int device);

    private static native void nDestroy(long ctx);

    private static native void nMemInfo(long ctx, long[] out);

    private static native long nAlloc(long ctx, long bytes);

    private static native void nZero(long ctx, long ptr, long bytes);

    private static native void nUpload(long ctx, long ptr, int dtype, double[] host, long count);

    private static native void nDownload(long ctx, long ptr, int dtype, double[] host, long count);

    private static native void nGatherRows(long ctx, int dtype, long src, int srcRows, int cols, int[] index,
                                           long dst);

    private static native void nGemm(long ctx, int dtype, boolean transA, boolean transB, int m, int n, int k,
                                     double alpha, long a, int lda, long b, int ldb, double beta, long c, int ldc);

    private static native void nScaleColumns(long ctx, int dtype, long a, int rows, int cols, double[] s, long out);

    private static native void nAddDiagonal(long ctx, int dtype, long k, int rows, int cols, double value);

    private static native double nMaxAbsRowSum(long ctx, int dtype, long k, int rows, int cols);

    private static native int nCholeskyFactor(long ctx, int dtype, long k, int n);

    private static native void nCholeskySolve(long ctx, int dtype, long factor, int n, long b, int c);

    private static native void nPsdPower(long ctx, int dtype, long sym, int d, double exponent, long out);

    private static native void nPairwiseDistances(long ctx, int dtype, double p, long a, int m, long b, int n, int d,
                                                  long out);

    private static native void nKernelMatrix(long ctx, int dtype, double p, double q, double scale, long a, int m,
                                             long b, int n, int d, long out);

    private static native void nPredict(long ctx, int dtype, double p, double q, double scale, long u, int n, int d,
                                        long alpha, int c, long query, int m, long out, int batchRows);

    private static native void nConvNtkMatrix(long ctx, int depth, int q, int gridRows, int gridCols, double inputScale,
                                              long a, int na, long b, int nb, int dim, long out, int tileRows);

    private static native void nPointerInfo(long ctx, long ptr, int[] out);

    private static native void nCopyDeviceToDevice(long ctx, long dst, long src, long bytes);

    private static native void nSynchronizeDevice(long ctx);

    private static native void nAgop(long ctx, int dtype, double p, double q, double scale, long u, int n, int d,
                                     long alpha, int c, long z, int rows, int[] zIndex, long g, boolean diagonal,
                                     long jac, int batchRows);
}
