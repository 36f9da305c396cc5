// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import static org.rfm4j.cpu.CpuBackendProvider.NAME;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.cpu.linalg.Gemm_D;
import org.rfm4j.cpu.linalg.LinalgParams;
import org.rfm4j.cpu.linalg.Parallel;
import org.rfm4j.cpu.linalg.Scratch;
import org.rfm4j.cpu.linalg.Simd;
import org.rfm4j.cpu.linalg.SymmetricEigen_D;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.MemoryInfo;
import org.rfm4j.spi.OperandChecks;
import org.rfm4j.spi.Precision;
import org.rfm4j.spi.WorkScope;

/**
 * The pure-Java backend: heap arrays, work split across a shared thread pool, float64 arithmetic
 * inside kernel, distance and AGOP operations (results rounded to the matrices' precision), and
 * precision-specific blocked kernels for the dominant GEMM, Cholesky and triangular solves. It is the
 * reference that other backends are tested against. Thread-safe: it holds no state but its open flag,
 * and calls from several threads run side by side on the shared pool.
 */
public final class CpuBackend implements ComputeBackend {
    /** Rows of one kernel-matrix or prediction panel. */
    static final int PANEL_ROWS = LinalgParams.KERNEL_PANEL_ROWS;

    private volatile boolean closed;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hostMemory() {
        return true;
    }

    @Override
    public String description() {
        return "pure Java, " + Parallel.threads() + " threads, " + Simd.describe() + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    }

    @Override
    public MemoryInfo memory() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        return new MemoryInfo(rt.maxMemory() - used, rt.maxMemory());
    }

    /**
     * Units too small to repay the vector kernels' warm-up ({@link Simd#VECTOR_MIN_FLOPS}) run on the scalar
     * ones ({@link Simd#worthVector}); units below {@link Parallel#SERIAL_MAX_FLOPS} on the calling thread alone.
     */
    @Override
    public WorkScope workScope(double flops) {
        Simd.Scope path = Simd.scope(Simd.worthVector(flops));
        Simd.Scope cap = Parallel.serialBelow(flops);
        return new WorkScope() {
            @Override
            public void close() {
                cap.close();
                path.close();
            }
        };
    }

    /** Runs the kernels of a small fit once on tiny inputs, on the scalar path and one thread ({@link CpuWarmup}). */
    @Override
    public void warmUp() {
        checkOpen();
        CpuWarmup.run(this);
    }

    // ---- storage -------------------------------------------------------------------------

    @Override
    public DeviceMatrix upload(double[] rowMajor, int rows, int cols, Precision precision) {
        checkOpen();
        OperandChecks.upload(rowMajor, rows, cols, precision);
        CpuMatrix m = allocate(rows, cols, precision, "matrix");
        m.store(rowMajor, 0, 0, rowMajor.length);
        return m;
    }

    @Override
    public DeviceMatrix zeros(int rows, int cols, Precision precision) {
        checkOpen();
        OperandChecks.allocation("zeros", rows, cols, precision);
        return allocate(rows, cols, precision, "matrix");
    }

    private CpuMatrix allocate(int rows, int cols, Precision precision, String what) {
        long elements = (long) rows * cols;
        long bytes = elements * precision.bytes();
        if (elements > Integer.MAX_VALUE - 8) {
            throw new RfmException(ErrorCode.OUT_OF_MEMORY, "a " + rows + " x " + cols + " " + what
                    + " has more than 2^31 elements, the limit of a Java array on the CPU backend: "
                    + "use fewer training points (subsample), or the CUDA backend");
        }
        MemoryInfo mem = memory();
        if (bytes > mem.freeBytes() * 0.95) {
            System.gc();
            mem = memory();
        }
        if (bytes > mem.freeBytes() * 0.95) {
            throw new RfmException(ErrorCode.OUT_OF_MEMORY, "a " + rows + " x " + cols + " " + precision + " " + what
                    + " needs " + MemoryInfo.gib(bytes) + " but only " + MemoryInfo.gib(mem.freeBytes())
                    + " of the Java heap is free (max " + MemoryInfo.gib(mem.totalBytes())
                    + "): raise the heap (-Xmx, or RFM_JAVA_OPTS for ./rfm), use float32, or use fewer training points");
        }
        try {
            return new CpuMatrix(this, rows, cols, precision);
        } catch (OutOfMemoryError e) {
            throw new RfmException(ErrorCode.OUT_OF_MEMORY, "out of Java heap allocating a " + rows + " x " + cols
                    + " " + what + " (" + MemoryInfo.gib(bytes) + "): raise -Xmx, use float32 or fewer points");
        }
    }

    @Override
    public double[] download(DeviceMatrix m) {
        CpuMatrix a = open(m, "download");
        return a.isDouble() ? a.d.clone() : a.asDoubles();
    }

    @Override
    public DeviceMatrix gatherRows(DeviceMatrix src, int[] rowIndex) {
        CpuMatrix a = open(src, "gatherRows");
        OperandChecks.gatherRows(a, rowIndex);
        int cols = a.cols();
        CpuMatrix out = allocate(rowIndex.length, cols, a.precision(), "row subset");
        for (int r = 0; r < rowIndex.length; r++) {
            int i = rowIndex[r];
            if (a.isDouble()) {
                System.arraycopy(a.d, i * cols, out.d, r * cols, cols);
            } else {
                System.arraycopy(a.f, i * cols, out.f, r * cols, cols);
            }
        }
        return out;
    }

    // ---- dense algebra -------------------------------------------------------------------

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, DeviceMatrix a, DeviceMatrix b, double beta,
                     DeviceMatrix c) {
        CpuMatrix ma = open(a, "gemm A"), mb = open(b, "gemm B"), mc = open(c, "gemm C");
        OperandChecks.gemm(transA, transB, alpha, ma, mb, beta, mc);
        int m = mc.rows();
        int n = mc.cols();
        int k = transA ? ma.rows() : ma.cols();
        if (ma.isDouble()) {
            DenseOps.gemm(transA, transB, m, n, k, alpha, ma.d, mb.d, beta, mc.d);
        } else {
            DenseOps.gemm(transA, transB, m, n, k, (float) alpha, ma.f, mb.f, (float) beta, mc.f);
        }
    }

    @Override
    public void scaleColumns(DeviceMatrix a, double[] s, DeviceMatrix out) {
        CpuMatrix ma = open(a, "scaleColumns a"), mo = open(out, "scaleColumns out");
        OperandChecks.scaleColumns(ma, s, mo);
        int cols = ma.cols();
        long size = ma.size();
        for (int i = 0; i < size; i++) {
            mo.set(i, ma.get(i) * s[i % cols]);
        }
    }

    @Override
    public void addDiagonal(DeviceMatrix k, double value) {
        CpuMatrix m = open(k, "addDiagonal");
        OperandChecks.finite("addDiagonal value", value);
        int len = Math.min(m.rows(), m.cols());
        for (int i = 0; i < len; i++) {
            int idx = i * m.cols() + i;
            m.set(idx, m.get(idx) + value);
        }
    }

    @Override
    public double maxAbsRowSum(DeviceMatrix k) {
        CpuMatrix m = open(k, "maxAbsRowSum");
        double best = 0;
        int cols = m.cols();
        for (int i = 0; i < m.rows(); i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += Math.abs(m.get(i * cols + j));
            }
            best = Math.max(best, s);
        }
        return best;
    }

    @Override
    public int choleskyFactor(DeviceMatrix k) {
        CpuMatrix m = open(k, "choleskyFactor");
        OperandChecks.square("choleskyFactor", m);
        return m.isDouble() ? DenseOps.cholesky(m.d, m.rows()) : DenseOps.cholesky(m.f, m.rows());
    }

    @Override
    public void choleskySolve(DeviceMatrix factor, DeviceMatrix b) {
        CpuMatrix l = open(factor, "choleskySolve factor"), mb = open(b, "choleskySolve B");
        OperandChecks.choleskySolve(l, mb);
        if (l.isDouble()) {
            DenseOps.choleskySolve(l.d, l.rows(), mb.d, mb.cols());
        } else {
            DenseOps.choleskySolve(l.f, l.rows(), mb.f, mb.cols());
        }
    }

    @Override
    public DeviceMatrix psdPower(DeviceMatrix sym, double exponent) {
        CpuMatrix m = open(sym, "psdPower");
        OperandChecks.psdPower(m, exponent);
        int d = m.rows();
        double[] p = psdPower(m.asDoubles(), d, exponent);
        CpuMatrix out = allocate(d, d, m.precision(), "matrix power");
        out.store(p, 0, 0, p.length);
        return out;
    }

    /**
     * V diag(f(lambda)) V^T of a symmetric d x d array (symmetrised first), by {@link SymmetricEigen_D}, with
     * f(l) = l^e for l &gt; d eps lambda_max and 0 otherwise: eigenvalues within round-off of zero are zero (a
     * rank-deficient matrix's +-1e-16 lambda_max would become ~1e-8 after a square root). The CUDA
     * backend applies the same threshold. The product runs as one GEMM over the kept eigenvectors.
     */
    static double[] psdPower(double[] a, int d, double exponent) {
        double[] s = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                s[i * d + j] = 0.5 * (a[i * d + j] + a[j * d + i]);
            }
        }
        SymmetricEigen_D.Result eig;
        try {
            eig = SymmetricEigen_D.decompose(s, d);
        } catch (ArithmeticException e) {
            throw new RfmException(ErrorCode.NUMERICAL, "symmetric eigendecomposition of a " + d + " x " + d
                    + " matrix failed (" + e.getMessage() + "): does it hold NaN or inf?");
        }
        double[] lambda = eig.values();
        double top = Double.NEGATIVE_INFINITY;
        for (double l : lambda) {
            top = Math.max(top, l);
        }
        double floor = d * Math.ulp(1.0) * top;
        int kept = 0;
        for (double l : lambda) {
            kept += l > 0 && l > floor ? 1 : 0;
        }
        // out = V_k^T diag(f) V_k with V_k the kept eigenvectors as rows (kept x d)
        double[] vk = new double[kept * d], fvk = new double[kept * d];
        int r = 0;
        for (int e = 0; e < d; e++) {
            double l = lambda[e];
            if (!(l > 0 && l > floor)) {
                continue;
            }
            double f = Math.pow(l, exponent);
            double[] v = eig.vectors()[e];
            for (int j = 0; j < d; j++) {
                vk[r * d + j] = v[j];
                fvk[r * d + j] = f * v[j];
            }
            r++;
        }
        double[] out = new double[d * d];
        if (kept > 0) {
            DenseOps.gemm(true, false, d, d, kept, 1.0, vk, fvk, 0.0, out);
        }
        return out;
    }

    // ---- kernel machine operations -------------------------------------------------------

    @Override
    public void pairwiseDistances(double p, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out) {
        CpuMatrix ma = open(a, "pairwiseDistances a"), mb = open(b, "pairwiseDistances b"),
                mo = open(out, "pairwiseDistances out");
        OperandChecks.pairwiseDistances(p, ma, mb, mo);
        panels(p, null, ma, mb, mo, false);
    }

    @Override
    public void kernelMatrix(Kernel kernel, DeviceMatrix a, DeviceMatrix b, DeviceMatrix out) {
        CpuMatrix ma = open(a, "kernelMatrix a"), mb = open(b, "kernelMatrix b"), mo = open(out, "kernelMatrix out");
        OperandChecks.kernelMatrix("kernelMatrix", kernel, ma, mb, mo);
        panels(kernel.p(), kernel, ma, mb, mo, false);
    }

    /** Computes only the lower triangle: panel rows [i0, i1) against columns [0, i1), scheduled dynamically. */
    @Override
    public void kernelMatrixLower(Kernel kernel, DeviceMatrix a, DeviceMatrix out) {
        CpuMatrix ma = open(a, "kernelMatrixLower a"), mo = open(out, "kernelMatrixLower out");
        OperandChecks.kernelMatrix("kernelMatrixLower", kernel, ma, ma, mo);
        panels(kernel.p(), kernel, ma, ma, mo, true);
    }

    /**
     * Fills out (a.rows x b.rows) with distances, or kernel values when kernel != null, panel by panel;
     * with lowerOnly (a == b) only columns j &lt; i1 of each panel, so about half the work.
     */
    private void panels(double p, Kernel kernel, CpuMatrix ma, CpuMatrix mb, CpuMatrix mo, boolean lowerOnly) {
        int n = ma.rows(), m = mb.rows(), d = ma.cols();
        double[] ad = ma.asDoubles();
        double[] bd = mb.asDoubles();
        boolean l2 = p == 2;
        double[] sqA = l2 ? KernelPanels.rowSquaredNorms(ad, n, d) : null;
        double[] sqB = l2 ? KernelPanels.rowSquaredNorms(bd, m, d) : null;
        boolean same = ma == mb;
        int panels = (n + PANEL_ROWS - 1) / PANEL_ROWS;
        Parallel.forEachTask(panels, new Parallel.TaskBody() {
            @Override
            public void run(int worker, int t) {
                double[] buf = Scratch.doubles(Scratch.Slot.KERNEL_PANEL, PANEL_ROWS * m);
                int i0 = t * PANEL_ROWS, i1 = Math.min(n, i0 + PANEL_ROWS);
                int cols = lowerOnly ? i1 : m;
                KernelPanels.distancePanel(p, ad, sqA, bd, sqB, cols, d, i0, i1, buf);
                if (same) {
                    for (int i = i0; i < i1; i++) {
                        buf[(i - i0) * cols + i] = 0; // the expansion leaves ~1e-8 round-off on the diagonal
                    }
                }
                int len = (i1 - i0) * cols;
                if (kernel != null) {
                    KernelPanels.kernelFromDistance(kernel, buf, len);
                }
                if (cols == m) {
                    mo.store(buf, 0, i0 * m, len);
                } else {
                    for (int r = 0; r < i1 - i0; r++) {
                        mo.store(buf, r * cols, (i0 + r) * m, cols);
                    }
                }
            }
        });
    }

    @Override
    public void predict(Kernel kernel, DeviceMatrix u, DeviceMatrix alpha, DeviceMatrix q, DeviceMatrix out) {
        CpuMatrix mu = open(u, "predict u"), ma = open(alpha, "predict alpha"), mq = open(q, "predict q"),
                mo = open(out, "predict out");
        OperandChecks.predict(kernel, mu, ma, mq, mo);
        int n = mu.rows(), d = mu.cols(), c = ma.cols(), m = mq.rows();
        double[] ud = mu.asDoubles(), ad = ma.asDoubles(), qd = mq.asDoubles();
        boolean same = q == u; // the queries are the training points: self-distances exactly 0
        boolean l2 = kernel.isL2();
        double[] sqU = l2 ? KernelPanels.rowSquaredNorms(ud, n, d) : null;
        double[] sqQ = l2 ? KernelPanels.rowSquaredNorms(qd, m, d) : null;
        int panels = (m + PANEL_ROWS - 1) / PANEL_ROWS;
        Parallel.forEachChunk(panels, new Parallel.ChunkBody() {
            @Override
            public void run(int first, int last) {
                double[] buf = Scratch.doubles(Scratch.Slot.KERNEL_PANEL, PANEL_ROWS * n);
                double[] res = new double[PANEL_ROWS * c];
                for (int t = first; t < last; t++) {
                    int i0 = t * PANEL_ROWS, i1 = Math.min(m, i0 + PANEL_ROWS);
                    KernelPanels.distancePanel(kernel.p(), qd, sqQ, ud, sqU, n, d, i0, i1, buf);
                    if (same) {
                        for (int i = i0; i < i1; i++) {
                            buf[(i - i0) * n + i] = 0; // the expansion leaves ~1e-8 round-off, amplified by r^q, q < 1
                        }
                    }
                    KernelPanels.kernelFromDistance(kernel, buf, (i1 - i0) * n);
                    Gemm_D.gemm(false, false, i1 - i0, c, n, 1.0, buf, ad, 0.0, res);
                    mo.store(res, 0, i0 * c, (i1 - i0) * c);
                }
            }
        });
    }

    @Override
    public void agopAccumulate(Kernel kernel, DeviceMatrix u, DeviceMatrix alpha, DeviceMatrix z, int[] zIndex,
                               DeviceMatrix g, DeviceMatrix jacobianSum) {
        CpuMatrix mu = open(u, "agop u"), ma = open(alpha, "agop alpha"), mz = open(z, "agop z"),
                mg = open(g, "agop G"), mj = open(jacobianSum, "agop jacobianSum");
        boolean diag = OperandChecks.agop(kernel, mu, ma, mz, zIndex, mg, mj);
        int n = mu.rows(), d = mu.cols(), c = ma.cols(), nz = mz.rows();
        // float32 l2 kernels: float32 GEMMs (CpuAgopF); otherwise float64 throughout (CpuAgop)
        // a fixed split of the points (not one per thread), summed in order: the same rounding on any machine
        int chunks = CpuAgop.chunks(nz, diag ? d : (long) d * d);
        int maxRows = (nz + chunks - 1) / chunks;
        long vBytes = LinalgParams.AGOP_SCALED_POINTS_BYTES;
        boolean single = !mu.isDouble() && kernel.isL2();
        CpuAgop agop = single ? null : new CpuAgop(kernel, mu.asDoubles(), n, d, ma.asDoubles(), c, diag, vBytes, maxRows);
        CpuAgopF agopF = single ? new CpuAgopF(kernel, mu.f, n, d, ma.f, c, diag, vBytes, maxRows) : null;
        double[] zd = single ? null : mz.asDoubles();
        double[] sqZ = !kernel.isL2() ? null
                : single ? CpuAgopF.squaredNorms(mz.f, nz, d) : KernelPanels.rowSquaredNorms(zd, nz, d);
        List<Callable<CpuAgop.Partial>> tasks = new ArrayList<>();
        for (int t = 0; t < chunks; t++) {
            int j0 = (int) ((long) nz * t / chunks), j1 = (int) ((long) nz * (t + 1) / chunks);
            tasks.add(new Callable<CpuAgop.Partial>() {
                @Override
                public CpuAgop.Partial call() {
                    return single ? agopF.run(mz.f, sqZ, zIndex, j0, j1) : agop.run(zd, sqZ, zIndex, j0, j1);
                }
            });
        }
        double[] gAcc = mg.asDoubles().clone();
        double[] jAcc = mj.asDoubles().clone();
        for (CpuAgop.Partial part : Parallel.invokeAll(tasks)) {
            for (int i = 0; i < gAcc.length; i++) {
                gAcc[i] += part.g[i];
            }
            for (int i = 0; i < jAcc.length; i++) {
                jAcc[i] += part.jsum[i];
            }
        }
        mg.store(gAcc, 0, 0, gAcc.length);
        mj.store(jAcc, 0, 0, jAcc.length);
    }

    /**
     * Runs the tasks side by side on the shared thread pool, the kernels of each on an equal share of the
     * threads; the kernels' results do not depend on their thread count, so each task computes what it
     * would alone. This backend may be called from those tasks at once: it keeps no state between calls.
     */
    @Override
    public void forEachConcurrently(int tasks, int maxConcurrent, java.util.function.IntConsumer task) {
        checkOpen();
        Parallel.forEachJob(tasks, maxConcurrent, task);
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---- checks --------------------------------------------------------------------------

    private void checkOpen() {
        if (closed) {
            throw OperandChecks.closedBackend(NAME);
        }
    }

    /** The CPU matrix behind a handle this backend made, still open; {@code op} names the call for the message. */
    private CpuMatrix open(DeviceMatrix m, String op) {
        checkOpen();
        if (!(m instanceof CpuMatrix) || ((CpuMatrix) m).owner() != this) {
            throw OperandChecks.foreign(op, m, NAME);
        }
        CpuMatrix c = (CpuMatrix) m;
        if (c.isClosed()) {
            throw OperandChecks.closedMatrix(op, c);
        }
        return c;
    }
}
