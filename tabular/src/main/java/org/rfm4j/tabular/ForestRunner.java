// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * A random forest from Oracle Tribuo (Apache-2.0): {@link TabularSettings#forestTrees()} CART trees on bootstrap
 * samples, unlimited depth, majority vote (classification) or mean (regression). Grid: the share of features tried
 * at each split in {sqrt(d)/d, 1/2}.
 */
public final class ForestRunner implements ModelRunner {
    /** Tribuo logs every tree it builds at INFO: this module raises org.tribuo's level to WARNING (held, not collected). */
    private static final java.util.logging.Logger TRIBUO_LOG = quiet();

    private final TabularSettings settings;

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger("org.tribuo");
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    /** A forest with the settings' tree count and seed. */
    public ForestRunner(TabularSettings settings) {
        this.settings = settings;
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    @Override
    public String name() {
        return "RandomForest";
    }

    @Override
    public String grid() {
        return settings.forestTrees() + " trees (Tribuo RandomForestTrainer over CART, unlimited depth); "
                + "share of features per split in {sqrt(d)/d, 1/2}";
    }

    @Override
    public Outcome run(TabularData data, FoldData f) {
        long t0 = System.nanoTime();
        String[] names = featureNames(f.d());
        float[] fractions = {(float) Math.min(1, Math.sqrt(f.d()) / f.d()), 0.5f};
        double bestVal = Double.NaN, bestTest = Double.NaN;
        Map<String, Object> chosen = null;
        int fits = 0;
        for (float frac : fractions) {
            double[] vt = f.task() == Task.CLASSIFICATION ? classify(f, names, frac) : regress(f, names, frac);
            fits++;
            if (f.task().better(vt[0], bestVal)) {
                bestVal = vt[0];
                bestTest = vt[1];
                chosen = new LinkedHashMap<>();
                chosen.put("feature_fraction", (double) frac);
                chosen.put("trees", settings.forestTrees());
            }
        }
        return new Outcome(bestTest, bestVal, chosen, (System.nanoTime() - t0) / 1e9, fits);
    }

    private double[] classify(FoldData f, String[] names, float frac) {
        LabelFactory lf = new LabelFactory();
        MutableDataset<Label> train = dataset(lf, names, f.xTrain(), i -> new Label(f.lTrain()[i]));
        var trainer = new RandomForestTrainer<>(new CARTClassificationTrainer(Integer.MAX_VALUE, frac, settings.seed()),
                new VotingCombiner(), settings.forestTrees(), settings.seed());
        Model<Label> m = trainer.train(train);
        return new double[] {Scores.accuracy(labels(m, names, f.xVal()), f.lVal()),
                Scores.accuracy(labels(m, names, f.xTest()), f.lTest())};
    }

    private double[] regress(FoldData f, String[] names, float frac) {
        RegressionFactory rf = new RegressionFactory();
        MutableDataset<Regressor> train = dataset(rf, names, f.xTrain(), i -> new Regressor("target", f.yTrain()[i]));
        var trainer = new RandomForestTrainer<>(new CARTRegressionTrainer(Integer.MAX_VALUE, 5f, 0f, frac,
                new MeanSquaredError(), settings.seed()), new AveragingCombiner(), settings.forestTrees(), settings.seed());
        Model<Regressor> m = trainer.train(train);
        return new double[] {Scores.rmse(values(m, names, f.xVal()), f.yVal()),
                Scores.rmse(values(m, names, f.xTest()), f.yTest())};
    }

    private static <T extends org.tribuo.Output<T>> MutableDataset<T> dataset(OutputFactory<T> factory, String[] names,
                                                                           double[][] x,
                                                                           java.util.function.IntFunction<T> output) {
        MutableDataset<T> ds = new MutableDataset<>(new SimpleDataSourceProvenance("fold", factory), factory);
        for (int i = 0; i < x.length; i++) {
            ds.add(new ArrayExample<>(output.apply(i), names, x[i]));
        }
        return ds;
    }

    private static String[] labels(Model<Label> m, String[] names, double[][] x) {
        List<Example<Label>> ex = examples(names, x, LabelFactory.UNKNOWN_LABEL);
        String[] out = new String[x.length];
        List<Prediction<Label>> p = m.predict(ex);
        for (int i = 0; i < out.length; i++) {
            out[i] = p.get(i).getOutput().getLabel();
        }
        return out;
    }

    private static double[] values(Model<Regressor> m, String[] names, double[][] x) {
        List<Example<Regressor>> ex = examples(names, x, RegressionFactory.UNKNOWN_REGRESSOR);
        double[] out = new double[x.length];
        List<Prediction<Regressor>> p = m.predict(ex);
        for (int i = 0; i < out.length; i++) {
            out[i] = p.get(i).getOutput().getValues()[0];
        }
        return out;
    }

    private static <T extends org.tribuo.Output<T>> List<Example<T>> examples(String[] names, double[][] x, T unknown) {
        List<Example<T>> ex = new ArrayList<>(x.length);
        for (double[] row : x) {
            ex.add(new ArrayExample<>(unknown, names, row));
        }
        return ex;
    }

    private static String[] featureNames(int d) {
        String[] n = new String[d];
        for (int j = 0; j < d; j++) {
            n[j] = String.format("f%05d", j);
        }
        return n;
    }
}
