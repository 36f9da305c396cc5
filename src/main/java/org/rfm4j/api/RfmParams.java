// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.util.List;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.EigenProSettings;
import org.rfm4j.algo.TrainerSettings;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;
import org.rfm4j.tree.TreeSettings;

/**
 * Hyperparameters of an RFM fit: plain data with the defaults of the RFM papers (docs/ALGORITHM.md),
 * validated on construction (a record: Java serialization, as Spark ships them to its tasks, runs the
 * same validation), never changed by a fit. Build with {@link #builder()};
 * {@link #toBuilder()} copies. Where the fit runs is not a hyperparameter: pass a
 * {@link org.rfm4j.spi.ComputeBackend} to fit and predict (or let them open "auto").
 *
 * @param kernel            kernel name: laplace, exponential, gaussian, lpq, product_laplace
 * @param bandwidth         L (with adaptive bandwidth: the multiplier of the median distance)
 * @param p                 norm power of the Lpq kernel (ignored by the l2 kernels)
 * @param q                 exponent of the exponential, Lpq and product kernels (laplace is q = 1)
 * @param reg               ridge added to the kernel diagonal (not scaled by n)
 * @param iterations        AGOP updates; iterations = 5 means 6 solves and 5 AGOPs
 * @param agopSamples       N: AGOP over a seeded sample of at most this many training points
 * @param diagonal          learn a diagonal M (a vector) instead of a full one
 * @param centering         centre the per-sample Jacobians over the AGOP sample
 * @param power             M = (AGOP / max entry)^power
 * @param adaptiveBandwidth L = bandwidth x the median off-diagonal distance under the current metric
 * @param tuningMetric      metric that picks the best iteration; null = mse (regression) or accuracy
 * @param earlyStopping     stop when the tuning metric is worse than the best by a factor 1.1
 * @param timeLimitSeconds  stop after the iteration that passes this time (0 = no limit)
 * @param precision         float32 or float64 for every matrix of the fit
 * @param seed              seeds the AGOP sample and the bandwidth sample
 * @param solver            "direct" (one kernel machine on all rows, Cholesky), "eigenpro" (one kernel machine,
 *                          solved by EigenPro iterations without an n x n matrix), "tree" (an RFM tree: AGOP
 *                          splits, one RFM per leaf) or "auto" (direct when its n x n kernel matrix fits the
 *                          backend's memory, else the tree)
 * @param tree              how the tree splits and routes (used when the solver is the tree)
 * @param eigenPro          how EigenPro iterates (used when the solver is eigenpro)
 * @serial exclude
 */
public record RfmParams(String kernel, double bandwidth, double p, double q, double reg, int iterations,
                        int agopSamples, boolean diagonal, boolean centering, double power,
                        boolean adaptiveBandwidth, String tuningMetric, boolean earlyStopping,
                        double timeLimitSeconds, Precision precision, long seed, String solver, TreeSettings tree,
                        EigenProSettings eigenPro) implements java.io.Serializable {
    /** The solvers by name. */
    public static final List<String> SOLVERS = List.of("auto", "direct", "eigenpro", "tree");

    /**
     * Validates every parameter (the kernel's too) and trims and lower-cases {@code solver}; a bad value is an
     * {@link RfmException} with {@link ErrorCode#INVALID_ARGUMENT}.
     */
    public RfmParams {
        Kernel.of(kernel == null ? "" : kernel, bandwidth, p, q); // validates kernel, L, p, q
        if (!(reg >= 0) || Double.isInfinite(reg)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "reg must be a finite number >= 0, got " + reg);
        }
        if (iterations < 0) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "iterations must be >= 0, got " + iterations);
        }
        if (agopSamples < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "agopSamples must be >= 1, got " + agopSamples);
        }
        if (!(power > 0) || Double.isInfinite(power)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "power must be a positive number, got " + power);
        }
        if (!(timeLimitSeconds >= 0)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "timeLimitSeconds must be >= 0 (0 = none), got " + timeLimitSeconds);
        }
        if (precision == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "precision is null: use float32 or float64");
        }
        if (tuningMetric != null) {
            org.rfm4j.algo.Metrics.requireKnown(tuningMetric);
        }
        solver = solver == null ? "" : solver.trim().toLowerCase(java.util.Locale.ROOT);
        if (!SOLVERS.contains(solver)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown solver '" + solver
                    + "': use auto, direct, eigenpro or tree");
        }
        if (tree == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "tree settings are null: use TreeSettings.defaults()");
        }
        if (eigenPro == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "EigenPro settings are null: use EigenProSettings.defaults()");
        }
    }

    /** The kernel these parameters describe, with the base bandwidth. */
    public Kernel kernelSpec() {
        return Kernel.of(kernel, bandwidth, p, q);
    }

    /** What the RFM loop needs from these parameters. */
    public TrainerSettings trainerSettings() {
        return new TrainerSettings(kernelSpec(), reg, iterations, agopSamples, diagonal, centering, power,
                adaptiveBandwidth, earlyStopping, timeLimitSeconds, precision, seed,
                solver.equals("eigenpro") ? eigenPro : null);
    }

    /**
     * Every parameter by name, as scikit-learn's get_params: the model file's names ("reg", "agop_samples",
     * "tree.leaf_size", "eigenpro.top_q", ...), values as numbers, booleans and strings.
     */
    public java.util.Map<String, Object> toMap() {
        return ParamMap.of(this);
    }

    /**
     * These parameters with the named ones changed (set_params, without changing this object): names as in
     * {@link #toMap}, values of the type there or text that parses to it; an unknown name or a bad value
     * fails with INVALID_ARGUMENT, and the result is validated as on {@link Builder#build}.
     */
    public RfmParams with(java.util.Map<String, ?> changes) {
        return ParamMap.with(this, changes);
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these parameters. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.kernel = kernel; b.bandwidth = bandwidth; b.p = p; b.q = q; b.reg = reg; b.iterations = iterations;
        b.agopSamples = agopSamples; b.diagonal = diagonal; b.centering = centering; b.power = power;
        b.adaptiveBandwidth = adaptiveBandwidth; b.tuningMetric = tuningMetric; b.earlyStopping = earlyStopping;
        b.timeLimitSeconds = timeLimitSeconds; b.precision = precision; b.seed = seed; b.solver = solver;
        b.tree = tree;
        b.eigenPro = eigenPro;
        return b;
    }

    /** Mutable builder holding the defaults of docs/ALGORITHM.md. */
    public static final class Builder {
        private String kernel = "laplace";
        private double bandwidth = 10;
        private double p = 2;
        private double q = 1;
        private double reg = 1e-3;
        private int iterations = 5;
        private int agopSamples = 20000;
        private boolean diagonal;
        private boolean centering;
        private double power = 1;
        private boolean adaptiveBandwidth;
        private String tuningMetric;
        private boolean earlyStopping = true;
        private double timeLimitSeconds;
        private Precision precision = Precision.FLOAT32;
        private long seed;
        private String solver = "auto";
        private TreeSettings tree = TreeSettings.defaults();
        private EigenProSettings eigenPro = EigenProSettings.defaults();

        /** Sets {@link RfmParams#kernel()}; default laplace. */
        public Builder kernel(String v) { kernel = v; return this; }
        /** Sets {@link RfmParams#bandwidth()}; default 10. */
        public Builder bandwidth(double v) { bandwidth = v; return this; }
        /** Sets {@link RfmParams#p()}; default 2. */
        public Builder p(double v) { p = v; return this; }
        /** Sets {@link RfmParams#q()}; default 1. */
        public Builder q(double v) { q = v; return this; }
        /** Sets {@link RfmParams#reg()}; default 1e-3. */
        public Builder reg(double v) { reg = v; return this; }
        /** Sets {@link RfmParams#iterations()}; default 5. */
        public Builder iterations(int v) { iterations = v; return this; }
        /** Sets {@link RfmParams#agopSamples()}; default 20000. */
        public Builder agopSamples(int v) { agopSamples = v; return this; }
        /** Sets {@link RfmParams#diagonal()}; default false. */
        public Builder diagonal(boolean v) { diagonal = v; return this; }
        /** Sets {@link RfmParams#centering()}; default false. */
        public Builder centering(boolean v) { centering = v; return this; }
        /** Sets {@link RfmParams#power()}; default 1. */
        public Builder power(double v) { power = v; return this; }
        /** Sets {@link RfmParams#adaptiveBandwidth()}; default false. */
        public Builder adaptiveBandwidth(boolean v) { adaptiveBandwidth = v; return this; }
        /** Sets {@link RfmParams#tuningMetric()}; default null (mse or accuracy). */
        public Builder tuningMetric(String v) { tuningMetric = v; return this; }
        /** Sets {@link RfmParams#earlyStopping()}; default true. */
        public Builder earlyStopping(boolean v) { earlyStopping = v; return this; }
        /** Sets {@link RfmParams#timeLimitSeconds()}; default 0 (no limit). */
        public Builder timeLimitSeconds(double v) { timeLimitSeconds = v; return this; }
        /** Sets {@link RfmParams#precision()}; default float32. */
        public Builder precision(Precision v) { precision = v; return this; }
        /** Sets {@link RfmParams#seed()}; default 0. */
        public Builder seed(long v) { seed = v; return this; }
        /** Sets {@link RfmParams#solver()}; default auto. */
        public Builder solver(String v) { solver = v; return this; }
        /** Sets {@link RfmParams#tree()}; default {@link TreeSettings#defaults()}. */
        public Builder tree(TreeSettings v) { tree = v; return this; }
        /** Sets {@link RfmParams#eigenPro()}; default {@link EigenProSettings#defaults()}. */
        public Builder eigenPro(EigenProSettings v) { eigenPro = v; return this; }

        /** The validated parameters; a bad value is an {@link RfmException} ({@link ErrorCode#INVALID_ARGUMENT}). */
        public RfmParams build() {
            return new RfmParams(kernel, bandwidth, p, q, reg, iterations, agopSamples, diagonal, centering, power,
                    adaptiveBandwidth, tuningMetric, earlyStopping, timeLimitSeconds, precision, seed, solver, tree,
                    eigenPro);
        }
    }
}
