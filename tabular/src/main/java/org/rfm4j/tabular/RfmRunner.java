// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.api.RfmClassificationModel;
import org.rfm4j.api.RfmClassifier;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmRegressionModel;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;
import org.rfm4j.tree.TreeSettings;

/**
 * RFM under the protocol of spec/EXPERIMENTS.md section 5: Laplace kernel (L = 10), ridge in {@link #LAMBDAS},
 * row normalisation off and on, and the best iteration 0..{@code iterations} chosen on validation by the RFM
 * loop itself (xRFM's rule, early stopping included); on a training split of at least
 * {@link TabularSettings#treeRows()} rows the RFM tree (leaf size {@link TabularSettings#treeLeafSize()}) is a
 * further candidate. With {@code iterations = 0} this is Laplace kernel ridge regression (M = I), the KRR baseline.
 * Ties on validation keep the earlier candidate (grid order: solver, lambda, normalisation).
 */
public final class RfmRunner implements ModelRunner {
    /** The protocol's ridge grid. */
    public static final double[] LAMBDAS = {10, 1, 0.1, 0.01, 0.001};

    private final String name;
    private final int iterations;
    private final ComputeBackend backend;
    private final TabularSettings settings;

    /** RFM with {@code iterations} AGOP updates (4: iterations 0-4) on {@code backend}. */
    public RfmRunner(String name, int iterations, ComputeBackend backend, TabularSettings settings) {
        this.name = name;
        this.iterations = iterations;
        this.backend = backend;
        this.settings = settings;
    }

    /** The RFM of the protocol (iterations 0-4). */
    public static RfmRunner rfm(ComputeBackend be, TabularSettings s) {
        return new RfmRunner("RFM", 4, be, s);
    }

    /** Laplace kernel ridge regression: the RFM with no AGOP update (M = I). */
    public static RfmRunner krr(ComputeBackend be, TabularSettings s) {
        return new RfmRunner("KRR", 0, be, s);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String grid() {
        return "Laplace kernel L = 10, lambda in {10, 1, 0.1, 0.01, 0.001} x row normalisation {off, on}"
                + (iterations > 0 ? " x best iteration 0-" + iterations + " on validation (early stopping at 1.1 x best)"
                + "; the RFM tree (leaf size " + settings.treeLeafSize() + ") as well when the training split has >= "
                + settings.treeRows() + " rows" : " (M = I: no AGOP update)") + "; " + settings.precision();
    }

    @Override
    public Outcome run(TabularData data, FoldData fold) {
        long t0 = System.nanoTime();
        FoldData[] variants = {fold, fold.rowNormalised()};
        List<String> solvers = iterations > 0 && fold.nTrain() >= settings.treeRows()
                ? List.of("direct", "tree") : List.of("direct");
        double bestVal = Double.NaN;
        double bestTest = Double.NaN;
        Map<String, Object> chosen = null;
        int fits = 0;
        for (String solver : solvers) {
            for (double lambda : LAMBDAS) {
                for (int norm = 0; norm < 2; norm++) {
                    FoldData f = variants[norm];
                    RfmParams p = params(solver, lambda);
                    double[] vt = fitAndScore(p, f);
                    fits++;
                    if (fold.task().better(vt[0], bestVal)) {
                        bestVal = vt[0];
                        bestTest = vt[1];
                        chosen = new LinkedHashMap<>();
                        chosen.put("solver", solver);
                        chosen.put("lambda", lambda);
                        chosen.put("row_normalisation", norm == 1);
                        chosen.put("iteration", (int) vt[2]);
                    }
                }
            }
        }
        return new Outcome(bestTest, bestVal, chosen, (System.nanoTime() - t0) / 1e9, fits);
    }

    RfmParams params(String solver, double lambda) {
        RfmParams.Builder b = RfmParams.builder().kernel("laplace").bandwidth(10).reg(lambda).iterations(iterations)
                .precision(settings.precision()).seed(settings.seed()).solver(solver);
        if (solver.equals("tree")) {
            b.tree(TreeSettings.defaults().withLeafSize(settings.treeLeafSize()).withLeafWorkers(1));
        }
        return b.build();
    }

    /** {validation score, test score, best iteration (-1 for the tree)} of one candidate. */
    double[] fitAndScore(RfmParams p, FoldData f) {
        if (f.task() == Task.CLASSIFICATION) {
            RfmClassificationModel m = new RfmClassifier(p).fit(backend, f.xTrain(), f.lTrain(), f.xVal(), f.lVal());
            return new double[] {Scores.accuracy(m.predict(backend, f.xVal()), f.lVal()),
                    Scores.accuracy(m.predict(backend, f.xTest()), f.lTest()), iteration(m)};
        }
        RfmRegressionModel m = new RfmRegressor(p).fit(backend, f.xTrain(), column(f.yTrain()), f.xVal(), column(f.yVal()));
        return new double[] {Scores.rmse(first(m.predict(backend, f.xVal())), f.yVal()),
                Scores.rmse(first(m.predict(backend, f.xTest())), f.yTest()), iteration(m)};
    }

    private static int iteration(RfmModel m) {
        return m.report().bestIteration();
    }

    static double[][] column(double[] y) {
        double[][] c = new double[y.length][1];
        for (int i = 0; i < y.length; i++) {
            c[i][0] = y[i];
        }
        return c;
    }

    static double[] first(double[][] p) {
        double[] o = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            o[i] = p[i][0];
        }
        return o;
    }

    /** Precision of the fits, for the report. */
    Precision precision() {
        return settings.precision();
    }
}
