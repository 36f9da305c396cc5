// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Gradient-boosted trees through XGBoost4J (the native library comes inside its jar). Grid: max_depth in
 * {3, 6} x eta in {0.1, 0.3}, each boosted for up to {@link TabularSettings#xgbRounds()} rounds with early
 * stopping after 20 rounds without improvement of the validation loss (logloss, mlogloss or rmse); the
 * candidate is scored at its best round. Histogram trees, the other parameters XGBoost's defaults.
 */
public final class XgboostRunner implements ModelRunner {
    static final int[] DEPTHS = {3, 6};
    static final double[] ETAS = {0.1, 0.3};
    static final int EARLY_STOP = 20;

    private final TabularSettings settings;

    /** XGBoost with the settings' round cap, threads and seed. */
    public XgboostRunner(TabularSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "XGBoost";
    }

    @Override
    public String grid() {
        return "max_depth in {3, 6} x eta in {0.1, 0.3}; up to " + settings.xgbRounds()
                + " rounds, early stopping after 20 rounds on the validation loss; tree_method hist";
    }

    @Override
    public Outcome run(TabularData data, FoldData f) {
        long t0 = System.nanoTime();
        try {
            LabelIndex classes = f.task() == Task.CLASSIFICATION ? new LabelIndex(f.lTrain()) : null;
            DMatrix train = matrix(f.xTrain(), targets(f, classes, f.lTrain(), f.yTrain()));
            DMatrix val = matrix(f.xVal(), targets(f, classes, f.lVal(), f.yVal()));
            double bestVal = Double.NaN, bestTest = Double.NaN;
            Map<String, Object> chosen = null;
            int fits = 0;
            try {
                for (int depth : DEPTHS) {
                    for (double eta : ETAS) {
                        Map<String, Object> p = params(f.task(), classes, depth, eta);
                        Map<String, DMatrix> watches = new LinkedHashMap<>();
                        watches.put("validation", val);
                        Booster b = XGBoost.train(train, p, settings.xgbRounds(), watches, null, null, null, EARLY_STOP);
                        fits++;
                        try {
                            int rounds = bestRounds(b);
                            double v = score(f, classes, b, f.xVal(), f.lVal(), f.yVal(), rounds);
                            if (f.task().better(v, bestVal)) {
                                bestVal = v;
                                bestTest = score(f, classes, b, f.xTest(), f.lTest(), f.yTest(), rounds);
                                chosen = new LinkedHashMap<>();
                                chosen.put("max_depth", depth);
                                chosen.put("eta", eta);
                                chosen.put("rounds", rounds);
                            }
                        } finally {
                            b.dispose();
                        }
                    }
                }
            } finally {
                train.dispose();
                val.dispose();
            }
            return new Outcome(bestTest, bestVal, chosen, (System.nanoTime() - t0) / 1e9, fits);
        } catch (XGBoostError e) {
            throw new RfmException(ErrorCode.INTERNAL, "XGBoost failed on " + data.name() + ": " + e.getMessage()
                    + " (is libgomp1 installed? XGBoost4J's native library needs it)", e);
        }
    }

    private Map<String, Object> params(Task task, LabelIndex classes, int depth, double eta) {
        Map<String, Object> p = new HashMap<>();
        p.put("max_depth", depth);
        p.put("eta", eta);
        p.put("tree_method", "hist");
        p.put("nthread", settings.threads());
        p.put("seed", (int) settings.seed());
        p.put("verbosity", 0);
        p.put("verbose_eval", false);
        if (task == Task.REGRESSION) {
            p.put("objective", "reg:squarederror");
            p.put("eval_metric", "rmse");
        } else if (classes.size() == 2) {
            p.put("objective", "binary:logistic");
            p.put("eval_metric", "logloss");
        } else {
            p.put("objective", "multi:softprob");
            p.put("num_class", classes.size());
            p.put("eval_metric", "mlogloss");
        }
        return p;
    }

    private static int bestRounds(Booster b) throws XGBoostError {
        String best = b.getAttr("best_iteration");
        return best == null ? 0 : Integer.parseInt(best) + 1;
    }

    private double score(FoldData f, LabelIndex classes, Booster b, double[][] x, String[] labels, double[] y,
                         int rounds) throws XGBoostError {
        int[] range = rounds > 0 ? new int[] {0, rounds} : new int[] {0, 0};
        float[][] p = b.inplace_predict(flat(x), x.length, f.d(), Float.NaN, range);
        if (f.task() == Task.REGRESSION) {
            double[] pred = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                pred[i] = p[i][0];
            }
            return Scores.rmse(pred, y);
        }
        String[] pred = new String[x.length];
        for (int i = 0; i < x.length; i++) {
            int k;
            if (classes.size() == 2) {
                k = p[i][0] > 0.5f ? 1 : 0;
            } else {
                k = 0;
                for (int j = 1; j < p[i].length; j++) {
                    if (p[i][j] > p[i][k]) {
                        k = j;
                    }
                }
            }
            pred[i] = classes.label(k);
        }
        return Scores.accuracy(pred, labels);
    }

    private static float[] targets(FoldData f, LabelIndex classes, String[] labels, double[] y) {
        int n = labels != null ? labels.length : y.length;
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = classes != null ? Math.max(0, classes.of(labels[i])) : (float) y[i];
        }
        return t;
    }

    private static DMatrix matrix(double[][] x, float[] labels) throws XGBoostError {
        DMatrix m = new DMatrix(flat(x), x.length, x.length == 0 ? 0 : x[0].length, Float.NaN);
        m.setLabel(labels);
        return m;
    }

    static float[] flat(double[][] x) {
        int d = x.length == 0 ? 0 : x[0].length;
        float[] o = new float[x.length * d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                o[i * d + j] = (float) x[i][j];
            }
        }
        return o;
    }
}
