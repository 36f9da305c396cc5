// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.Agop;
import org.rfm4j.algo.Metrics;
import org.rfm4j.data.Builtins;
import org.rfm4j.data.Dataset;
import org.rfm4j.data.Splits;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * The RFM loop of the grokking paper, on the compute SPI (so it runs on CUDA when a backend is
 * available), float64 throughout:
 *
 * <pre>
 *   M_0 = I
 *   for t = 0 .. T:   K = k_M(X, X);  alpha = K^-1 Y  (ridge 0: Cholesky; least squares when K is singular)
 *                     metrics of f_t on train and test
 *                     G = (1/n) sum_j (J_j - Jbar)^T (J_j - Jbar)   (centred AGOP over the n training points)
 *                     M_{t+1} = G^(1/2)
 * </pre>
 *
 * Kernels: gaussian exp(-||x - z||_M^2 / (2 L^2)) through the SPI's radial kernel in u = S x coordinates
 * (S = M^(1/2)) with the SPI's AGOP; quadratic 3 (x^T M z)^2, which is not radial, by GEMMs plus a
 * host-side elementwise square for K, and its gradient in closed form,
 * grad f_c(z) = 6 M sum_i alpha_ic (x_i^T M z) x_i, as GEMMs per output.
 *
 * <p>The least-squares fallback (when the Cholesky factorisation of K fails) is the minimum-norm
 * solution by EJML's SVD pseudo-inverse on the host, which at n = 1860 costs seconds.
 */
public final class GrokkingRfm {
    /** How the centred AGOP is scaled before the square root. */
    public enum Normalisation {
        /** M = G^(1/2) with G the centred AGOP averaged over the n points (the paper's formula). */
        NONE,
        /** M = (G / max_ab G_ab)^(1/2). */
        MAX
    }

    /** How the AGOP is computed. */
    public enum AgopPath {
        /** The SPI: agopAccumulate for the gaussian, per-output GEMMs for the quadratic (dense, n N c d flops). */
        SPI,
        /** {@link OneHotAgop}: the same AGOP using the two non-zeros per input row (2 n N c flops + GEMMs). */
        ONEHOT
    }

    private static final Precision F64 = Precision.FLOAT64;

    private final ComputeBackend be;
    private Normalisation normalisation = Normalisation.NONE;
    private int lstsq;
    private AgopPath agopPath;
    private int[] aIdx;
    private int[] bIdx;
    private int p;

    public GrokkingRfm(ComputeBackend backend) {
        this.be = backend;
    }

    /** Forces an AGOP path (default: ONEHOT on the CPU backend, SPI elsewhere). */
    public GrokkingRfm agopPath(AgopPath path) {
        this.agopPath = path;
        return this;
    }

    /** The AGOP path this run uses. */
    public AgopPath agopPath() {
        return agopPath != null ? agopPath : be.hostMemory() ? AgopPath.ONEHOT : AgopPath.SPI;
    }

    public GrokkingRfm normalisation(Normalisation n) {
        this.normalisation = n;
        return this;
    }

    /** Runs the experiment; {@code onIteration} sees each iteration's metrics (alignment not yet known). */
    public GrokkingResult run(GrokkingConfig cfg, Consumer<IterationMetrics> onIteration) {
        long t0 = System.nanoTime();
        Splits splits = Builtins.modular(cfg.task(), cfg.p(), cfg.trainFraction(), cfg.seed());
        Dataset train = splits.train(), test = splits.test();
        int d = train.d();
        p = cfg.p();
        aIdx = new int[train.n()];
        bIdx = new int[train.n()];
        for (int i = 0; i < train.n(); i++) {
            aIdx[i] = argmax(train.x(), i * d, p);
            bIdx[i] = argmax(train.x(), i * d + p, p);
        }
        double[] m = identity(d);
        List<double[]> mats = new ArrayList<>();
        List<IterationMetrics> out = new ArrayList<>();
        lstsq = 0;
        try (DeviceMatrix x = be.upload(train.x(), train.n(), d, F64);
             DeviceMatrix xt = be.upload(test.x(), test.n(), d, F64)) {
            for (int it = 0; it <= cfg.iterations(); it++) {
                long ti = System.nanoTime();
                mats.add(m);
                boolean update = it < cfg.iterations();
                Step step = cfg.quadratic() ? quadraticStep(x, xt, train.y(), m, update)
                        : gaussianStep(Kernel.gaussian(cfg.bandwidth()), x, xt, train.y(), m, update);
                int c = train.c();
                IterationMetrics im = new IterationMetrics(it,
                        accuracy(step.predTrain, train.y(), train.n(), c),
                        accuracy(step.predTest, test.y(), test.n(), c),
                        mse(step.predTrain, train.y()), mse(step.predTest, test.y()),
                        CirculantMetrics.taskDeviation(cfg.task(), m, cfg.p()), Double.NaN, step.solver,
                        (System.nanoTime() - ti) * 1e-9);
                out.add(im);
                if (onIteration != null) {
                    onIteration.accept(im);
                }
                if (update) {
                    m = nextM(step.agop, d, it);
                }
            }
        }
        double[] fin = mats.get(mats.size() - 1);
        List<IterationMetrics> aligned = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            aligned.add(out.get(i).withAlignment(CirculantMetrics.alignment(mats.get(i), fin)));
        }
        return new GrokkingResult(cfg, normalisation.name().toLowerCase(java.util.Locale.ROOT), train.n(), test.n(),
                aligned, mats, be.name(), be.description(), (System.nanoTime() - t0) * 1e-9, lstsq);
    }

    /**
     * One fit with a given feature matrix M (2p x 2p, row-major) and no AGOP: the metrics of that kernel
     * machine on the config's split (iteration 0, alignment NaN). Used by the random-circulant experiment.
     */
    public IterationMetrics fitWith(GrokkingConfig cfg, double[] m) {
        long ti = System.nanoTime();
        Splits splits = Builtins.modular(cfg.task(), cfg.p(), cfg.trainFraction(), cfg.seed());
        Dataset train = splits.train(), test = splits.test();
        int d = train.d(), c = train.c();
        if (m.length != d * d) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "M has " + m.length + " entries, not " + d + " x " + d);
        }
        try (DeviceMatrix x = be.upload(train.x(), train.n(), d, F64);
             DeviceMatrix xt = be.upload(test.x(), test.n(), d, F64)) {
            Step step = cfg.quadratic() ? quadraticStep(x, xt, train.y(), m, false)
                    : gaussianStep(Kernel.gaussian(cfg.bandwidth()), x, xt, train.y(), m, false);
            return new IterationMetrics(0, accuracy(step.predTrain, train.y(), train.n(), c),
                    accuracy(step.predTest, test.y(), test.n(), c), mse(step.predTrain, train.y()),
                    mse(step.predTest, test.y()), CirculantMetrics.taskDeviation(cfg.task(), m, cfg.p()), Double.NaN,
                    step.solver, (System.nanoTime() - ti) * 1e-9);
        }
    }

    /** Predictions, the solver used and the centred AGOP (d x d, x coordinates, averaged over n; null if not asked). */
    private static final class Step {
        double[] predTrain;
        double[] predTest;
        double[] agop;
        String solver;
    }

    private Step gaussianStep(Kernel kernel, DeviceMatrix x, DeviceMatrix xt, double[] y, double[] m, boolean agop) {
        int n = x.rows(), nt = xt.rows(), d = x.cols(), c = y.length / n;
        Step st = new Step();
        double[] s = psdPower(m, d, 0.5);
        try (DeviceMatrix sd = be.upload(s, d, d, F64);
             DeviceMatrix u = be.zeros(n, d, F64);
             DeviceMatrix ut = be.zeros(nt, d, F64)) {
            be.gemm(false, false, 1, x, sd, 0, u);
            be.gemm(false, false, 1, xt, sd, 0, ut);
            String[] solver = new String[1];
            boolean onehot = agop && agopPath() == AgopPath.ONEHOT;
            double[] kHost = null;
            if (onehot) {
                try (DeviceMatrix k = be.zeros(n, n, F64)) {
                    be.kernelMatrix(kernel, u, u, k);
                    kHost = be.download(k);
                }
            }
            double[] kh = kHost;
            try (DeviceMatrix alpha = solve(n, y, c, solver, () -> {
                     if (kh != null) {
                         return be.upload(kh, n, n, F64);
                     }
                     DeviceMatrix k = be.zeros(n, n, F64);
                     be.kernelMatrix(kernel, u, u, k);
                     return k;
                 });
                 DeviceMatrix pr = be.zeros(n, c, F64);
                 DeviceMatrix prt = be.zeros(nt, c, F64)) {
                st.solver = solver[0];
                be.predict(kernel, u, alpha, u, pr);
                be.predict(kernel, u, alpha, ut, prt);
                st.predTrain = be.download(pr);
                st.predTest = be.download(prt);
                if (onehot) {
                    double[] gv = OneHotAgop.centredMoment(be, kHost, n, be.download(alpha), c, aIdx, bIdx, p, true);
                    double l2 = kernel.bandwidth() * kernel.bandwidth();
                    for (int i = 0; i < gv.length; i++) {
                        gv[i] /= l2 * l2; // grad = -(1/L^2) M v
                    }
                    st.agop = sandwich(m, gv, d);
                } else if (agop) {
                    int[] self = new int[n];
                    for (int i = 0; i < n; i++) {
                        self[i] = i;
                    }
                    double[] g, jsum;
                    try (DeviceMatrix gm = be.zeros(d, d, F64); DeviceMatrix jm = be.zeros(c, d, F64)) {
                        be.agopAccumulate(kernel, u, alpha, u, self, gm, jm);
                        g = be.download(gm);
                        jsum = be.download(jm);
                    }
                    center(g, jsum, c, d, n);
                    st.agop = sandwich(s, g, d); // x coordinates: grad_x = S grad_u
                }
            }
        }
        return st;
    }

    private Step quadraticStep(DeviceMatrix x, DeviceMatrix xt, double[] y, double[] m, boolean agop) {
        int n = x.rows(), nt = xt.rows(), d = x.cols(), c = y.length / n;
        Step st = new Step();
        try (DeviceMatrix md = be.upload(m, d, d, F64);
             DeviceMatrix xm = be.zeros(n, d, F64);
             DeviceMatrix xtm = be.zeros(nt, d, F64);
             DeviceMatrix inner = be.zeros(n, n, F64)) {
            be.gemm(false, false, 1, x, md, 0, xm);
            be.gemm(false, false, 1, xt, md, 0, xtm);
            be.gemm(false, true, 1, xm, x, 0, inner); // P = X M X^T
            double[] pHost = be.download(inner);
            double[] kHost = quadratic(pHost);
            String[] solver = new String[1];
            try (DeviceMatrix alpha = solve(n, y, c, solver, () -> be.upload(kHost, n, n, F64));
                 DeviceMatrix pr = be.zeros(n, c, F64);
                 DeviceMatrix prt = be.zeros(nt, c, F64)) {
                st.solver = solver[0];
                try (DeviceMatrix kd = be.upload(kHost, n, n, F64)) {
                    be.gemm(false, false, 1, kd, alpha, 0, pr);
                }
                try (DeviceMatrix pt = be.zeros(nt, n, F64)) {
                    be.gemm(false, true, 1, xtm, x, 0, pt);
                    try (DeviceMatrix kt = be.upload(quadratic(be.download(pt)), nt, n, F64)) {
                        be.gemm(false, false, 1, kt, alpha, 0, prt);
                    }
                }
                st.predTrain = be.download(pr);
                st.predTest = be.download(prt);
                if (agop && agopPath() == AgopPath.ONEHOT) {
                    double[] gv = OneHotAgop.centredMoment(be, pHost, n, be.download(alpha), c, aIdx, bIdx, p, false);
                    for (int i = 0; i < gv.length; i++) {
                        gv[i] *= 36; // grad = 6 M v
                    }
                    st.agop = sandwich(m, gv, d);
                } else if (agop) {
                    // grad f_c(x_j) = 6 M Q_c[j]^T with Q_c = (P diag(alpha_c)) X (n x d), P = X M X^T
                    double[] a = be.download(alpha);
                    double[] g, jsum = new double[c * d];
                    double[] ones = new double[n];
                    java.util.Arrays.fill(ones, 1);
                    double[] col = new double[n];
                    try (DeviceMatrix gm = be.zeros(d, d, F64);
                         DeviceMatrix pc = be.zeros(n, n, F64);
                         DeviceMatrix q = be.zeros(n, d, F64);
                         DeviceMatrix one = be.upload(ones, 1, n, F64);
                         DeviceMatrix jrow = be.zeros(1, d, F64)) {
                        for (int cc = 0; cc < c; cc++) {
                            for (int i = 0; i < n; i++) {
                                col[i] = a[i * c + cc];
                            }
                            be.scaleColumns(inner, col, pc);
                            be.gemm(false, false, 1, pc, x, 0, q);
                            be.gemm(true, false, 1, q, q, 1, gm);
                            be.gemm(false, false, 1, one, q, 0, jrow);
                            System.arraycopy(be.download(jrow), 0, jsum, cc * d, d);
                        }
                        g = be.download(gm);
                    }
                    center(g, jsum, c, d, n);
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= 36; // (6 M q)(6 M q)^T
                    }
                    st.agop = sandwich(m, g, d);
                }
            }
        }
        return st;
    }

    private static double[] quadratic(double[] inner) {
        double[] k = new double[inner.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = 3 * inner[i] * inner[i];
        }
        return k;
    }

    /** Makes a new n x n device matrix holding K. */
    private interface KernelMaker {
        DeviceMatrix make();
    }

    /**
     * alpha = K^-1 Y with ridge 0: Cholesky; if K is not numerically positive definite, the minimum-norm
     * least-squares solution (EJML SVD pseudo-inverse on the host).
     */
    private DeviceMatrix solve(int n, double[] y, int c, String[] solver, KernelMaker maker) {
        try (DeviceMatrix k = maker.make()) {
            int info = be.choleskyFactor(k);
            if (info == 0) {
                DeviceMatrix alpha = be.upload(y, n, c, F64);
                be.choleskySolve(k, alpha);
                solver[0] = "cholesky";
                return alpha;
            }
            double[] kh;
            try (DeviceMatrix k2 = maker.make()) {
                kh = be.download(k2);
            }
            solver[0] = "lstsq";
            lstsq++;
            return be.upload(leastSquares(kh, n, y, c), n, c, F64);
        }
    }

    static double[] leastSquares(double[] k, int n, double[] y, int c) {
        LinearSolverDense<DMatrixRMaj> ls = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!ls.setA(DMatrixRMaj.wrap(n, n, k.clone()))) {
            throw new RfmException(ErrorCode.NUMERICAL, "the least-squares fallback (SVD of the " + n + " x " + n
                    + " kernel matrix) did not converge: check the bandwidth");
        }
        DMatrixRMaj out = new DMatrixRMaj(n, c);
        ls.solve(DMatrixRMaj.wrap(n, c, y.clone()), out);
        return out.data;
    }

    /** G -= (1/N) J^T J, then G /= N: the centred AGOP averaged over the N points (J the c x d Jacobian sum). */
    static void center(double[] g, double[] jsum, int c, int d, int count) {
        Agop.center(g, jsum, c, d, count, false);
        double inv = 1.0 / count;
        for (int i = 0; i < g.length; i++) {
            g[i] *= inv;
        }
    }

    /** A G A for symmetric A (d x d), on the backend. */
    private double[] sandwich(double[] a, double[] g, int d) {
        return Agop.sandwich(be, a, g, d);
    }

    private double[] nextM(double[] g, int d, int it) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double v = g[a * d + b];
                if (!Double.isFinite(v)) {
                    throw new RfmException(ErrorCode.NUMERICAL, "iteration " + it + ": the AGOP holds " + v
                            + ": try a larger bandwidth");
                }
                max = Math.max(max, v);
            }
        }
        if (!(max > 0)) {
            throw new RfmException(ErrorCode.NUMERICAL, "iteration " + it + ": the AGOP is zero (the fitted function"
                    + " is constant): try a larger bandwidth or training fraction");
        }
        double[] gs = new double[d * d];
        double f = normalisation == Normalisation.MAX ? 1 / max : 1;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                gs[a * d + b] = 0.5 * f * (g[a * d + b] + g[b * d + a]);
            }
        }
        return psdPower(gs, d, 0.5);
    }

    private double[] psdPower(double[] a, int d, double e) {
        try (DeviceMatrix am = be.upload(a, d, d, F64); DeviceMatrix r = be.psdPower(am, e)) {
            return be.download(r);
        }
    }

    static double[] identity(int d) {
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            m[i * d + i] = 1;
        }
        return m;
    }

    /** Fraction of rows whose argmax matches the one-hot target's. */
    public static double accuracy(double[] pred, double[] y, int n, int c) {
        return Metrics.accuracy(pred, y, n, c);
    }

    static int argmax(double[] a, int off, int c) {
        return Metrics.argmax(a, off, c);
    }

    /** Mean over all n x c entries of the squared error. */
    public static double mse(double[] pred, double[] y) {
        return Metrics.mse(pred, y);
    }
}
