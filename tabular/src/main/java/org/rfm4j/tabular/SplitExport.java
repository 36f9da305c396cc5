// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.rfm4j.experiments.ExperimentFiles;
import org.rfm4j.io.AtomicFiles;

/**
 * Writes every fold of the settings' data sets as the models see it (standardised with the training split's
 * statistics, before any row normalisation), for an independent reference to run on identical splits
 * (bench/peers/rfm_numpy_tabular.py): DIR/NAME/foldK_{train,validation,test}.csv, features then the label or
 * target in the last column, no header, numbers in full precision.
 */
public final class SplitExport {
    private SplitExport() {
    }

    /** Writes the folds under {@code dir}. */
    public static void write(Path dir, TabularSettings s) {
        for (String name : s.dataSets()) {
            TabularData data = DataSets.load(name, s);
            Path sub = dir.resolve(name);
            ExperimentFiles.prepare(sub);
            List<Folds.Split> splits = Folds.make(data, s.folds(), s.seed());
            for (int k = 0; k < splits.size(); k++) {
                FoldData f = FoldData.of(data, splits.get(k));
                csv(sub.resolve("fold" + k + "_train.csv"), f.xTrain(), f.lTrain(), f.yTrain());
                csv(sub.resolve("fold" + k + "_validation.csv"), f.xVal(), f.lVal(), f.yVal());
                csv(sub.resolve("fold" + k + "_test.csv"), f.xTest(), f.lTest(), f.yTest());
            }
        }
    }

    private static void csv(Path file, double[][] x, String[] labels, double[] y) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            for (double v : x[i]) {
                b.append(repr(v)).append(',');
            }
            b.append(labels != null ? labels[i] : repr(y[i])).append('\n');
        }
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String repr(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }
}
