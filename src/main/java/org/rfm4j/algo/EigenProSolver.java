// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.MemoryInfo;
import org.rfm4j.spi.Precision;

/**
 * Solves (K + reg I) alpha = Y by EigenPro 2 (Ma and Belkin, "Kernel machines that adapt to GPUs for
 * effective large batch training", 2019) without ever forming K: steps on the squared loss, each
 * gradient g = K(batch, X) alpha + reg alpha_batch - y_batch computed by the backend's blocked
 * prediction, alpha_batch -= eta g, and a correction of the coefficients of a fixed Nystrom subsample
 * that flattens the kernel's top eigen-directions, alpha_s += eta V diag(d) V^T K(s, batch) g
 * ({@link EigenProPreconditioner}; K(s, batch) g is a blocked prediction too).
 *
 * <p>Two regimes, by the flattened top eigenvalue lambda (of K / n; k(x, x) = 1 for every kernel of
 * the family). Where n lambda is at most {@link #FULL_BATCH_MAX_TOP} and the subsample holds at least
 * half the rows, each epoch is one full-batch step
 * of 1 / (n lambda + reg) with Nesterov's momentum for the condition number (n lambda + reg) / reg and
 * a gradient restart: deterministic, so no sampling noise bounds the step, and the momentum resolves
 * the small eigen-directions in the square root of the epochs plain steps need (at n = 4000 the fit
 * then matches the Cholesky fit's validation error to four digits). Elsewhere EigenPro 2's minibatches:
 * bs = min(1 / lambda + 1, limit), eta = 0.99 bs below that critical size, else
 * 0.99 x 2 bs / (1 + (bs - 1) lambda), per row eta / bs.
 *
 * <p>Each solve starts from the previous RFM iteration's coefficients (the kernel changes little
 * between late iterations) and runs until the relative residual ||(K + reg I) alpha - Y|| / ||Y||,
 * measured on the way at no extra cost, is below {@link #TOLERANCE}, or has fallen by less than
 * {@link #MIN_RELATIVE_GAIN} for the patience's epochs, or the epochs are spent. It converges to the
 * direct solve's coefficients rather than stopping on validation (which fits the validation rows
 * twice: in the epoch and in the iteration chosen); the validation metrics are reported per epoch.
 */
public final class EigenProSolver {
    /**
     * Full batches (one accelerated step per epoch) when the flattened operator's top, n x lambda, is at
     * most this: Nesterov's momentum then resolves the directions that minibatches leave for later epochs.
     */
    static final double FULL_BATCH_MAX_TOP = 8;
    /**
     * ... and when the subsample holds at least this fraction of the rows: from a smaller one the
     * flattening of the whole operator is too rough for full steps (at n = 200,000 from s = 10,000 they
     * diverged; minibatches, whose step the diagonal k(x, x) = 1 bounds as much as lambda, did not).
     */
    static final double FULL_BATCH_MIN_COVERAGE = 0.5;
    /** An epoch makes progress when it lowers the relative residual by more than this fraction. */
    static final double MIN_RELATIVE_GAIN = 0.01;
    /** Relative residual at which the solve has converged (predictions then agree with the direct solve's to about 1e-3). */
    static final double TOLERANCE = 1e-3;
    /** A relative residual this many times the best (or the start's, 1) means the steps diverge. */
    static final double DIVERGED = 10;
    /** Times a full-batch solve may halve its step when the residual rises. */
    static final int MAX_HALVINGS = 4;

    private final ComputeBackend be;
    private final TrainerSettings settings;
    private final FitListener listener;
    private final Consumer<String> note;
    /** The gradient of the last step, batch rows x c, and the sum of its squares over this epoch's steps. */
    private double[] lastGradient;
    private double squaredGradient;

    EigenProSolver(ComputeBackend be, TrainerSettings settings, FitListener listener, Consumer<String> note) {
        this.be = be;
        this.settings = settings;
        this.listener = listener;
        this.note = note;
    }

    /**
     * alpha (host, n x c) for kernel k on the points u (n x d, on the backend) and targets y (host, n x c),
     * starting from {@code start} (null: zero). {@code uv} (validation points in the same coordinates) and
     * {@code scorer} may be null.
     */
    double[] solve(int it, Kernel kernel, DeviceMatrix u, double[] y, int c, DeviceMatrix uv,
                   ValidationScorer scorer, double[] start, double elapsedAtStart) {
        int[] sample = Sampling.withoutReplacement(u.rows(), settings.eigenPro().subsample(), settings.seed() + 101);
        checkMemory(sample.length, u.precision());
        try (DeviceMatrix us = be.gatherRows(u, sample)) {
            return solve(it, kernel, u, us, sample, y, c, uv, scorer, start, elapsedAtStart);
        }
    }

    /** The solve, with the subsample us = u[sample] gathered once for the preconditioner and every step. */
    private double[] solve(int it, Kernel kernel, DeviceMatrix u, DeviceMatrix us, int[] sample, double[] y, int c,
                           DeviceMatrix uv, ValidationScorer scorer, double[] start, double elapsedAtStart) {
        long t0 = System.nanoTime();
        EigenProSettings ep = settings.eigenPro();
        int n = u.rows();
        Precision pr = u.precision();
        EigenProPreconditioner pc = EigenProPreconditioner.of(be, kernel, us, ep.topQ(),
                Math.min(EigenProSettings.MAX_BATCH, n), n, settings.seed() + 103);
        double top = pc.preconditionedTop(); // beta = k(x, x) = 1
        double critical = 1 / top + 1;
        boolean full = ep.batchSize() > 0 ? ep.batchSize() >= n : fullBatches(n, pc.s, top);
        int bs = full ? n : ep.batchSize() > 0 ? ep.batchSize()
                : (int) Math.max(1, Math.min(Math.floor(critical), EigenProSettings.MAX_BATCH));
        double eta = bs < critical ? bs : 2 * bs / (1 + (bs - 1) * top);
        double step = 0.99 * eta / bs;
        double momentum = 0;
        if (bs == n) {
            // one deterministic step per epoch: no sampling noise, so the step 1 / L of the flattened
            // operator, L = n top + reg (EigenPro's bs / beta rule assumes a sampled batch), with Nesterov's
            // momentum for the condition number L / reg
            step = Math.max(step, 1 / (n * top + settings.reg()));
            momentum = momentum(step);
        }
        note.accept(String.format(Locale.ROOT, "iteration %d: EigenPro with s = %d, q = %d (top eigenvalue %.3g, "
                        + "flattened to %.3g), batch %d%s, step %.3g; setup %.1f s", it, pc.s, pc.q, pc.top, top, bs,
                bs == n ? String.format(Locale.ROOT, " (full, momentum %.3f)", momentum) : "", step, seconds(t0)));
        boolean validate = uv != null && scorer != null;
        double yNorm = norm(y);
        boolean warm = start != null && bs == n; // minibatch epochs are too noisy to judge a warm start by
        double[] alpha = warm ? start.clone() : new double[n * c];
        double[] best = alpha.clone();
        double bestResidual = Double.POSITIVE_INFINITY, lastResidual = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, since = 0, epoch = 0, rises = 0, halvings = 0;
        String stop = "the epoch limit";
        DeviceMatrix alphaDev = be.upload(alpha, n, c, pr);
        try {
            int[] all = bs == n ? permutation(n, null) : null;
            double[] prev = all == null ? null : alpha.clone(); // the previous iterate, for the momentum
            while (epoch < ep.maxEpochs() && yNorm > 0) {
                epoch++;
                long te = System.nanoTime();
                squaredGradient = 0;
                if (all != null) {
                    alphaDev = acceleratedStep(kernel, u, us, alphaDev, alpha, prev, y, c, all, sample, pc, step,
                            momentum);
                } else {
                    int[] perm = permutation(n, new SplittableRandom(settings.seed() + 1009L * epoch + it));
                    for (int b0 = 0; b0 < n; b0 += bs) {
                        int m = Math.min(bs, n - b0);
                        int[] rows = Arrays.copyOfRange(perm, b0, b0 + m);
                        alphaDev = step(kernel, u, us, alphaDev, alpha, y, c, rows, sample, pc, step);
                    }
                }
                // ||(K + reg I) alpha - y|| / ||y|| over the epoch's batches (each before its step)
                double residual = Math.sqrt(squaredGradient) / yNorm;
                Map<String, Double> scores = new LinkedHashMap<>();
                if (validate && Double.isFinite(residual)) {
                    scores.putAll(scorer.score(predict(kernel, u, alphaDev, uv), uv.rows()));
                }
                scores.put("residual", residual);
                listener.epochDone(it, epoch, scores, seconds(te), elapsedAtStart + seconds(t0));
                if (warm && epoch == 1 && !(residual <= 1)) {
                    // the previous iteration's coefficients fit this kernel worse than alpha = 0 (residual 1)
                    note.accept(String.format(Locale.ROOT, "iteration %d: the previous coefficients leave a relative"
                            + " residual of %.3g under this kernel: EigenPro starts from zero", it, residual));
                    Arrays.fill(alpha, 0);
                    Arrays.fill(prev, 0);
                    Arrays.fill(best, 0);
                    alphaDev.close();
                    alphaDev = be.upload(alpha, n, c, pr);
                    continue;
                }
                boolean diverging = !Double.isFinite(residual) || residual > DIVERGED * Math.min(bestResidual, 1);
                rises = residual > lastResidual ? rises + 1 : 0;
                lastResidual = residual;
                if (all != null && (diverging || rises >= 2) && halvings < MAX_HALVINGS) {
                    // the flattened spectrum was underestimated (a subsample smaller than n flattens the
                    // full operator only approximately): back to the best iterate with half the step
                    halvings++;
                    step /= 2;
                    momentum = momentum(step);
                    note.accept(String.format(Locale.ROOT, "iteration %d, epoch %d: the residual rose (%.3g): step"
                            + " halved to %.3g, back to epoch %d", it, epoch, residual, step, bestEpoch));
                    System.arraycopy(best, 0, alpha, 0, alpha.length);
                    System.arraycopy(best, 0, prev, 0, alpha.length);
                    alphaDev.close();
                    alphaDev = be.upload(alpha, n, c, pr);
                    rises = 0;
                    since = 0;
                    lastResidual = Double.POSITIVE_INFINITY;
                    continue;
                }
                if (diverging) {
                    note.accept(String.format(Locale.ROOT, "iteration %d: EigenPro diverged at epoch %d (relative "
                            + "residual %.3g): kept epoch %d; a smaller --eigenpro-batch or --eigenpro-q, float64, or"
                            + " the direct solver may do better", it, epoch, residual, bestEpoch));
                    System.arraycopy(best, 0, alpha, 0, alpha.length);
                    stop = "divergence";
                    break;
                }
                if (residual < bestResidual) {
                    since = residual < bestResidual * (1 - MIN_RELATIVE_GAIN) ? 0 : since + 1;
                    bestResidual = residual;
                    bestEpoch = epoch;
                    System.arraycopy(alpha, 0, best, 0, alpha.length);
                } else {
                    since++;
                }
                if (residual < TOLERANCE) {
                    stop = "convergence";
                    break;
                }
                if (since >= ep.patience()) {
                    stop = "stagnation";
                    break;
                }
            }
        } finally {
            alphaDev.close();
        }
        note.accept(String.format(Locale.ROOT, "iteration %d: EigenPro stopped after %d epochs (%s), relative"
                + " residual %.3g (%.1f s)", it, epoch, stop, bestResidual, seconds(t0)));
        return alpha;
    }

    /** Whether automatic batches are full ones: see {@link #FULL_BATCH_MAX_TOP} and {@link #FULL_BATCH_MIN_COVERAGE}. */
    static boolean fullBatches(int n, int s, double flattenedTop) {
        return n * flattenedTop <= FULL_BATCH_MAX_TOP && s >= FULL_BATCH_MIN_COVERAGE * n;
    }

    /** Nesterov's momentum for steps of {@code step}: condition number 1 / (step reg), the smallest eigenvalue reg. */
    private double momentum(double step) {
        double smallest = Math.max(settings.reg(), 1e-6 / step); // reg = 0: as if the condition number were 1e6
        double root = Math.sqrt(1 / (step * smallest));
        return Math.max(0, (root - 1) / (root + 1));
    }

    /** The Frobenius norm. */
    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** The subsample's s x s kernel matrix must fit: refuse before allocating, with the way out. */
    private void checkMemory(int s, Precision pr) {
        long need = (long) s * s * pr.bytes();
        MemoryInfo mem = be.memory();
        if (need > 0.9 * mem.freeBytes()) {
            throw new RfmException(ErrorCode.OUT_OF_MEMORY, "EigenPro's subsample of " + s + " rows needs "
                    + MemoryInfo.gib(need) + " for its kernel matrix but the " + be.name() + " backend has "
                    + MemoryInfo.gib(mem.freeBytes()) + " free: use a smaller subsample (--eigenpro-subsample), or"
                    + " more memory");
        }
    }

    /**
     * One full-batch step with Nesterov's momentum from the previous iterate {@code prev}: the gradient is
     * taken at z = alpha + momentum (alpha - prev); the momentum restarts (prev = alpha) whenever that
     * gradient points along the step just taken (O'Donoghue and Candes' gradient restart), which keeps the
     * iteration stable where the flattened spectrum was underestimated.
     */
    private DeviceMatrix acceleratedStep(Kernel kernel, DeviceMatrix u, DeviceMatrix us, DeviceMatrix alphaDev,
                                         double[] alpha, double[] prev, double[] y, int c, int[] rows, int[] sample,
                                         EigenProPreconditioner pc, double step, double momentum) {
        int len = alpha.length;
        for (int i = 0; i < len; i++) {
            double z = alpha[i] + momentum * (alpha[i] - prev[i]);
            prev[i] = alpha[i];
            alpha[i] = z;
        }
        alphaDev.close();
        DeviceMatrix at = step(kernel, u, us, be.upload(alpha, u.rows(), c, u.precision()), alpha, y, c, rows, sample, pc,
                step);
        double along = 0;
        for (int r = 0; r < rows.length; r++) {
            int o = rows[r] * c;
            for (int l = 0; l < c; l++) {
                along += lastGradient[r * c + l] * (alpha[o + l] - prev[o + l]);
            }
        }
        if (along > 0) {
            System.arraycopy(alpha, 0, prev, 0, len);
        }
        return at;
    }

    /** One minibatch step; returns the coefficients on the backend after it (the old handle is closed). */
    private DeviceMatrix step(Kernel kernel, DeviceMatrix u, DeviceMatrix us, DeviceMatrix alphaDev, double[] alpha,
                              double[] y, int c, int[] rows, int[] sample, EigenProPreconditioner pc, double step) {
        int m = rows.length;
        double reg = settings.reg();
        double[] g;
        double[] t;
        try (DeviceMatrix ub = be.gatherRows(u, rows)) {
            g = predict(kernel, u, alphaDev, ub);
            for (int r = 0; r < m; r++) {
                int o = rows[r] * c;
                for (int l = 0; l < c; l++) {
                    g[r * c + l] += reg * alpha[o + l] - y[o + l];
                }
            }
            if (pc.q == 0) {
                t = null;
            } else {
                // t = K(Z, batch) g by the blocked prediction: no batch x s block is stored
                try (DeviceMatrix gm = be.upload(g, m, c, u.precision())) {
                    t = predict(kernel, ub, gm, us);
                }
            }
        }
        lastGradient = g;
        for (double v : g) {
            squaredGradient += v * v;
        }
        for (int r = 0; r < m; r++) {
            int o = rows[r] * c;
            for (int l = 0; l < c; l++) {
                alpha[o + l] -= step * g[r * c + l];
            }
        }
        if (t != null) {
            double[] corr = pc.correction(t, c);
            for (int i = 0; i < sample.length; i++) {
                int o = sample[i] * c;
                for (int l = 0; l < c; l++) {
                    alpha[o + l] += step * corr[i * c + l];
                }
            }
        }
        alphaDev.close();
        return be.upload(alpha, u.rows(), c, u.precision());
    }

    /** K(q, u) alpha on the backend. */
    private double[] predict(Kernel kernel, DeviceMatrix u, DeviceMatrix alphaDev, DeviceMatrix q) {
        try (DeviceMatrix out = be.zeros(q.rows(), alphaDev.cols(), u.precision())) {
            be.predict(kernel, u, alphaDev, q, out);
            return be.download(out);
        }
    }

    /** A random permutation of 0..n-1, or the identity when {@code rnd} is null. */
    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; rnd != null && i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }
}
