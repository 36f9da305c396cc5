// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.MemoryInfo;
import org.rfm4j.spi.Precision;
import org.rfm4j.spi.WorkScope;

/**
 * The RFM loop of docs/ALGORITHM.md, device-agnostic: it speaks only to the compute SPI.
 *
 * <pre>
 * M_0 = I
 * for it = 0 .. iters:
 *     U = X S;  K = k(U, U) + reg I;  alpha = K^-1 Y   (Cholesky, jitter retry)
 *     score on validation; keep (alpha, M, S, L, it) if strictly better
 *     stop if it == iters, or the score is worse than best x 1.1 (early stopping), or time is up
 *     G = AGOP over a seeded sample of at most N training points (self pairs masked by index)
 *     M = (G / max G)^power;  S with S S^T = M (pivoted Cholesky for Euclidean kernels at power 1, else M^(1/2))
 * </pre>
 * Without a validation set the last iteration is returned. Inputs must already be validated
 * (finite, consistent shapes): the public estimators do that.
 */
public final class RfmTrainer {
    /**
     * Double::sum as a class: a lambda or method reference is spun into a class at its first use (about a
     * millisecond each in a fresh JVM), which the first fit of a process would pay; see {@code cpu.linalg.Parallel}.
     */
    private static final BiFunction<Double, Double, Double> SUM = new BiFunction<>() {
        @Override
        public Double apply(Double a, Double b) {
            return a + b;
        }
    };
    /** Early stopping factor: stop when the score is worse than best by this factor. */
    static final double EARLY_STOP_FACTOR = 1.1;
    /** Points used to estimate the median distance for the adaptive bandwidth. */
    static final int BANDWIDTH_SAMPLE = 5000;

    private final ComputeBackend backend;
    private final TrainerSettings params;
    private final FitListener listener;
    private final List<String> notes = new ArrayList<>();
    private long startNanos;
    /** EigenPro's coefficients of the last iteration (host, n x c): the next iteration starts from them. */
    private double[] eigenProStart;
    /**
     * The n x n kernel matrix of the fit in progress, kept from one iteration to the next when it is at most
     * {@link #KEEP_KERNEL_BYTES} (null otherwise or between fits): a small fit then allocates it once, not
     * once per iteration (fresh heap memory is what a small fit's first seconds go on; docs/BENCHMARKS.md).
     */
    private DeviceMatrix keptKernel;
    /** {@link #note} as a consumer (a class, not a method reference, for the reason {@link #SUM} gives). */
    private final Consumer<String> noteSink = new Consumer<>() {
        @Override
        public void accept(String message) {
            note(message);
        }
    };
    /** Largest kernel matrix kept across iterations; larger ones are allocated per solve, as their solves dwarf that. */
    static final long KEEP_KERNEL_BYTES = 64L << 20;

    public RfmTrainer(ComputeBackend backend, TrainerSettings params, FitListener listener) {
        this.backend = backend;
        this.params = params;
        this.listener = listener == null ? FitListener.NONE : listener;
    }

    /** What a fit produced: the best iteration's solution, every iteration's record, and notes. */
    public record Result(RfmSolution solution, List<IterationRecord> iterations, int bestIteration,
                         List<String> notes, double seconds) {
    }

    /**
     * Fits on (x: n x d, y: n x c); scores each iteration on the validation points xv (nv x d) with the
     * scorer when both are given (xv may be null).
     */
    public Result fit(Matrix x, Matrix y, Matrix xv, ValidationScorer scorer) {
        startNanos = System.nanoTime();
        eigenProStart = null;
        int n = x.rows(), d = x.cols(), c = y.cols(), nv = xv == null ? 0 : xv.rows();
        Precision pr = params.precision();
        if (params.eigenPro() == null) {
            checkKernelMatrixFits(n, d, c, pr);
        }
        Kernel base = params.kernel();
        boolean diag = params.diagonal();
        double[] m = identity(d, diag);
        double[] s = m.clone();
        boolean identityMetric = true;
        int[] sample = Sampling.withoutReplacement(n, params.agopSamples(), params.seed());
        List<IterationRecord> records = new ArrayList<>();
        RfmSolution best = null;
        double bestScore = Double.NaN;
        boolean validate = nv > 0 && scorer != null;
        if (!validate) {
            note("no validation set: the last iteration is returned (give one to select the best iteration)");
        }
        try (WorkScope work = backend.workScope(FitWork.shape(n, d, c));
             DeviceMatrix xs = backend.upload(x.data(), n, d, pr);
             DeviceMatrix xvs = validate ? backend.upload(xv.data(), nv, d, pr) : null) {
            for (int it = 0; it <= params.iterations(); it++) {
                Map<String, Double> sec = new LinkedHashMap<>();
                DeviceMatrix u = identityMetric ? xs : transform(it, xs, s, diag, sec);
                try {
                    Kernel kernel = params.adaptiveBandwidth() ? adaptive(it, base, u, sec) : base;
                    double[] jitter = {0};
                    try (DeviceMatrix alpha = params.eigenPro() == null ? solve(it, kernel, u, y.data(), c, jitter, sec)
                            : eigenPro(it, kernel, u, y.data(), c, xvs, s, diag, identityMetric, validate ? scorer : null,
                            sec)) {
                        Map<String, Double> scores = Map.of();
                        if (validate) {
                            scores = validate(it, kernel, u, alpha, xvs, s, diag, identityMetric, scorer, sec);
                        }
                        double score = validate ? scores.get(scorer.tuningMetric()) : Double.NaN;
                        boolean better = !validate || best == null || isBetter(score, bestScore, scorer.higherIsBetter());
                        if (better) {
                            best = new RfmSolution(kernel, diag, d, m.clone(), s.clone(), backend.download(alpha), c, it);
                            bestScore = score;
                        }
                        String stop = null;
                        if (it == params.iterations()) {
                            stop = "";
                        } else if (validate && params.earlyStopping() && !better
                                && isWorseByFactor(score, bestScore, scorer.higherIsBetter())) {
                            stop = "early stop after iteration " + it + ": " + scorer.tuningMetric() + " " + score
                                    + " is worse than the best " + bestScore + " by more than a factor " + EARLY_STOP_FACTOR;
                        } else if (params.timeLimitSeconds() > 0 && elapsed() > params.timeLimitSeconds()) {
                            stop = "time limit of " + params.timeLimitSeconds() + " s reached after iteration " + it;
                        } else {
                            double[][] ms = agopUpdate(it, kernel, u, alpha, sample, m, s, diag, sec);
                            if (ms != null) {
                                m = ms[0];
                                s = ms[1];
                                identityMetric = false;
                            }
                        }
                        IterationRecord rec = new IterationRecord(it, scores,
                                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sec)), kernel.bandwidth(), jitter[0]);
                        records.add(rec);
                        listener.iterationDone(rec, elapsed());
                        if (stop != null) {
                            if (!stop.isEmpty()) {
                                note(stop);
                            }
                            break;
                        }
                    }
                } finally {
                    if (u != xs) {
                        u.close();
                    }
                }
            }
        } finally {
            releaseKernel();
        }
        return new Result(best, List.copyOf(records), best.iteration(), List.copyOf(notes), elapsed());
    }

    /**
     * The feature matrix after one AGOP step from M = I (one solve, one AGOP): M = (G / max G)^power, d x d
     * or its diagonal, or null when the AGOP is zero (the fitted function is constant). What the tree
     * splits on; cheaper than a fit with one iteration, which would solve twice.
     */
    public double[] agopMetric(Matrix x, Matrix y) {
        startNanos = System.nanoTime();
        int n = x.rows(), d = x.cols(), c = y.cols();
        Precision pr = params.precision();
        checkKernelMatrixFits(n, d, c, pr);
        boolean diag = params.diagonal();
        double[] m = identity(d, diag);
        int[] sample = Sampling.withoutReplacement(n, params.agopSamples(), params.seed());
        Map<String, Double> sec = new LinkedHashMap<>();
        try (WorkScope work = backend.workScope(FitWork.shape(n, d, c));
             DeviceMatrix xs = backend.upload(x.data(), n, d, pr)) {
            Kernel kernel = params.adaptiveBandwidth() ? adaptive(0, params.kernel(), xs, sec) : params.kernel();
            double[] jitter = {0};
            try (DeviceMatrix alpha = solve(0, kernel, xs, y.data(), c, jitter, sec)) {
                double[][] ms = agopUpdate(0, kernel, xs, alpha, sample, m, m.clone(), diag, sec);
                return ms == null ? null : ms[0];
            }
        } finally {
            releaseKernel();
        }
    }

    /** Notes of the last fit or AGOP metric (jitter, early stop, a zero AGOP). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Refuses, before anything is allocated, a fit whose n x n kernel matrix cannot fit in the
     * backend's free memory, naming the limit and the ways out that apply.
     */
    private void checkKernelMatrixFits(int n, int d, int c, Precision pr) {
        MemoryInfo mem = backend.memory();
        if (!MemoryNeeds.directFits(n, d, c, pr, mem)) {
            long need = MemoryNeeds.directFitBytes(n, d, c, pr);
            int largest = MemoryNeeds.largestDirectRows(mem.freeBytes(), d, c, pr);
            throw new RfmException(ErrorCode.OUT_OF_MEMORY, "a direct fit of " + n + " rows needs "
                    + MemoryInfo.gib(need) + " (the " + n + " x " + n + " " + pr + " kernel matrix) but the "
                    + backend.name() + " backend has " + MemoryInfo.gib(mem.freeBytes()) + " free (of "
                    + MemoryInfo.gib(mem.totalBytes()) + "), enough for about " + largest + " rows: use the tree"
                    + " solver (--solver tree or auto; RfmParams.solver(\"tree\"))"
                    + (pr == Precision.FLOAT64 ? ", float32" : "")
                    + ", or more memory (-Xmx / RFM_JAVA_OPTS, a larger GPU)");
        }
    }

    private static boolean isBetter(double score, double best, boolean higher) {
        if (Double.isNaN(score)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return higher ? score > best : score < best;
    }

    private static boolean isWorseByFactor(double score, double best, boolean higher) {
        if (Double.isNaN(score)) {
            return true;
        }
        return higher ? score < best / EARLY_STOP_FACTOR : score > best * EARLY_STOP_FACTOR;
    }

    static double[] identity(int d, boolean diag) {
        if (diag) {
            double[] v = new double[d];
            java.util.Arrays.fill(v, 1.0);
            return v;
        }
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            m[i * d + i] = 1;
        }
        return m;
    }

    /** U = X S (full) or X diag(s) (diagonal): the learned metric's coordinates, timed as "transform". */
    private DeviceMatrix transform(int it, DeviceMatrix xs, double[] s, boolean diag, Map<String, Double> sec) {
        long t = phase(it, "transform");
        DeviceMatrix u = MetricTransform.apply(backend, xs, s, diag);
        sec.merge("transform", seconds(t), SUM);
        return u;
    }

    /** L = bandwidth x median off-diagonal distance of a seeded sample of at most 5000 points of U. */
    private Kernel adaptive(int it, Kernel base, DeviceMatrix u, Map<String, Double> sec) {
        long t = phase(it, "bandwidth");
        int[] idx = Sampling.withoutReplacement(u.rows(), BANDWIDTH_SAMPLE, params.seed() + 1);
        double median;
        try (DeviceMatrix sub = backend.gatherRows(u, idx);
             DeviceMatrix dist = backend.zeros(idx.length, idx.length, u.precision())) {
            backend.pairwiseDistances(base.p(), sub, sub, dist);
            double[] all = backend.download(dist);
            int k = idx.length;
            int len = 0;
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    all[len++] = all[i * k + j];
                }
            }
            median = Sampling.median(all, len);
        }
        if (!(median > 0) || Double.isInfinite(median)) {
            throw new RfmException(ErrorCode.INVALID_DATA, "adaptive bandwidth: the median distance between training"
                    + " points is " + median + " (are all points identical?): use a fixed bandwidth");
        }
        sec.merge("bandwidth", seconds(t), SUM);
        return base.withBandwidth(base.bandwidth() * median);
    }

    /** alpha = (K + reg I)^-1 Y by Cholesky, retrying with jitter (reported) when K + reg I is not PD. */
    private DeviceMatrix solve(int it, Kernel kernel, DeviceMatrix u, double[] y, int c, double[] jitterOut,
                               Map<String, Double> sec) {
        int n = u.rows();
        long t = phase(it, "kernel");
        DeviceMatrix k = kernelBuffer(n, u.precision());
        try {
            backend.kernelMatrixLower(kernel, u, k);
            sec.put("kernel", seconds(t));
            t = phase(it, "solve");
            // retries (rare) rebuild K inside the solve phase, so their time counts as solve time
            jitterOut[0] = KernelRidge.factorWithJitter(backend, kernel, u, k, params.reg(), "iteration " + it,
                    noteSink);
            DeviceMatrix alpha = backend.upload(y, n, c, u.precision());
            try {
                backend.choleskySolve(k, alpha);
            } catch (RuntimeException e) {
                alpha.close();
                throw e;
            }
            sec.put("solve", seconds(t));
            return alpha;
        } finally {
            if (k != keptKernel) {
                k.close();
            }
        }
    }

    /** An n x n matrix for K: the one kept from the last iteration when there is one and it is small enough. */
    private DeviceMatrix kernelBuffer(int n, Precision pr) {
        if (keptKernel != null && keptKernel.rows() == n && keptKernel.precision() == pr) {
            return keptKernel;
        }
        releaseKernel();
        DeviceMatrix k = backend.zeros(n, n, pr);
        if ((long) n * n * pr.bytes() <= KEEP_KERNEL_BYTES) {
            keptKernel = k;
        }
        return k;
    }

    /** Closes the kept kernel matrix (the end of a fit, or a matrix of another size is needed). */
    private void releaseKernel() {
        if (keptKernel != null) {
            keptKernel.close();
            keptKernel = null;
        }
    }

    /** alpha by EigenPro (no n x n matrix), validated per epoch on the validation points in u coordinates. */
    private DeviceMatrix eigenPro(int it, Kernel kernel, DeviceMatrix u, double[] y, int c, DeviceMatrix xvs,
                                  double[] s, boolean diag, boolean identityMetric, ValidationScorer scorer,
                                  Map<String, Double> sec) {
        long t = phase(it, "solve");
        DeviceMatrix uv = scorer == null ? null : identityMetric ? xvs : MetricTransform.apply(backend, xvs, s, diag);
        try {
            eigenProStart = new EigenProSolver(backend, params, listener, this::note).solve(it, kernel, u, y, c, uv,
                    scorer, eigenProStart, elapsed());
            sec.put("solve", seconds(t));
            return backend.upload(eigenProStart, u.rows(), c, u.precision());
        } finally {
            if (uv != null && uv != xvs) {
                uv.close();
            }
        }
    }

    private Map<String, Double> validate(int it, Kernel kernel, DeviceMatrix u, DeviceMatrix alpha, DeviceMatrix xvs,
                                         double[] s, boolean diag, boolean identityMetric, ValidationScorer scorer,
                                         Map<String, Double> sec) {
        Map<String, Double> inner = new LinkedHashMap<>();
        DeviceMatrix uv = identityMetric ? xvs : transform(it, xvs, s, diag, inner);
        long t = phase(it, "validation");
        try (DeviceMatrix out = backend.zeros(xvs.rows(), alpha.cols(), u.precision())) {
            backend.predict(kernel, u, alpha, uv, out);
            double[] pred = backend.download(out);
            Map<String, Double> scores = scorer.score(pred, xvs.rows());
            sec.put("validation", seconds(t) + inner.getOrDefault("transform", 0.0));
            return scores;
        } finally {
            if (uv != xvs) {
                uv.close();
            }
        }
    }

    /**
     * One AGOP step. Returns {M, S} for the next iteration, or null (M kept) when the AGOP is zero.
     */
    private double[][] agopUpdate(int it, Kernel kernel, DeviceMatrix u, DeviceMatrix alpha, int[] sample,
                                  double[] m, double[] s, boolean diag, Map<String, Double> sec) {
        long t = phase(it, "agop");
        int d = u.cols(), c = alpha.cols();
        double[] g;
        double[] jsum;
        try (DeviceMatrix z = backend.gatherRows(u, sample);
             DeviceMatrix gm = backend.zeros(diag ? 1 : d, d, u.precision());
             DeviceMatrix jm = backend.zeros(c, d, u.precision())) {
            backend.agopAccumulate(kernel, u, alpha, z, sample, gm, jm);
            g = backend.download(gm);
            jsum = backend.download(jm);
        }
        if (params.centering()) {
            Agop.center(g, jsum, c, d, sample.length, diag);
        }
        if (diag) {
            for (int a = 0; a < d; a++) {
                g[a] *= s[a] * s[a];
            }
        } else {
            g = Agop.sandwichFactor(backend, s, g, d);
        }
        sec.put("agop", seconds(t));
        t = phase(it, "sqrt");
        double max = Agop.maxEntry(g, it);
        if (max <= 0) {
            note("iteration " + it + ": the AGOP is zero (the fitted function is constant on the sample): M kept");
            sec.put("sqrt", seconds(t));
            return null;
        }
        double[][] ms = Agop.metricAndFactor(backend, g, max, params.power(), d, diag, kernel.isL2());
        sec.put("sqrt", seconds(t));
        return ms;
    }

    private long phase(int it, String name) {
        listener.phaseStarted(it, name, elapsed());
        return System.nanoTime();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }

    private double elapsed() {
        return seconds(startNanos);
    }

    private void note(String message) {
        notes.add(message);
        listener.note(message);
    }
}
