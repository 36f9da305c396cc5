// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.nio.file.Path;
import java.util.List;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.Precision;

/**
 * How a tabular benchmark run is set up; validated on construction.
 *
 * @param dataSets     data set names to run, in order (see {@link DataSets#names()})
 * @param dataDir      folder holding the converted CSVs (mlbench/ and sklearn/; scripts/install-data.sh)
 * @param folds        test folds K (each data set is split into K folds; every fold is the test split once)
 * @param seed         seeds the folds, the subsamples and every model
 * @param maxRows      a data set with more rows is first cut to a stratified random sample of this many
 * @param fashionRows  rows of the Fashion-MNIST subset (class-balanced, from the training file)
 * @param treeRows     the RFM tree joins the RFM grid when the training split has at least this many rows
 * @param treeLeafSize leaf size of that tree
 * @param precision    precision of the RFM and KRR fits
 * @param xgbRounds    XGBoost's boosting round cap
 * @param forestTrees  trees per random forest
 * @param threads      XGBoost's threads (the CPU backend uses its own pool of all cores; Tribuo one thread)
 * @param models       models to run, among {@link #MODELS}
 */
public record TabularSettings(List<String> dataSets, Path dataDir, int folds, long seed, int maxRows, int fashionRows,
                              int treeRows, int treeLeafSize, Precision precision, int xgbRounds, int forestTrees,
                              int threads, List<String> models) {
    /** The models by name, in report order. */
    public static final List<String> MODELS = List.of("RFM", "KRR", "XGBoost", "RandomForest");

    public TabularSettings {
        positive(folds - 1, "folds must be at least 2, got " + folds);
        positive(maxRows, "max rows must be positive, got " + maxRows);
        positive(fashionRows, "Fashion-MNIST rows must be positive, got " + fashionRows);
        positive(treeRows, "tree rows must be positive, got " + treeRows);
        positive(treeLeafSize, "tree leaf size must be positive, got " + treeLeafSize);
        positive(xgbRounds, "XGBoost rounds must be positive, got " + xgbRounds);
        positive(forestTrees, "forest trees must be positive, got " + forestTrees);
        positive(threads, "threads must be positive, got " + threads);
        if (dataSets == null || dataSets.isEmpty()) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "no data sets given: name at least one of " + DataSets.names());
        }
        for (String s : dataSets) {
            DataSets.require(s);
        }
        if (models == null || models.isEmpty()) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "no models given: name at least one of " + MODELS);
        }
        for (String m : models) {
            if (!MODELS.contains(m)) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown model '" + m + "': use " + MODELS);
            }
        }
        dataSets = List.copyOf(dataSets);
        models = List.copyOf(models);
    }

    /**
     * The full run: every data set, 4 folds, rows capped at 3000, Fashion-MNIST 1000 rows, the tree from 1500
     * training rows (leaf size 750), float64, 300 XGBoost rounds on one thread, 100 trees.
     */
    public static TabularSettings full(Path dataDir) {
        return new TabularSettings(DataSets.names(), dataDir, 4, 0, 3000, 1000, 1500, 750, Precision.FLOAT64, 300, 100,
                1, MODELS);
    }

    /** The quick subset for tests and CI: {@link DataSets#QUICK}, 4 folds, 100 rounds, 30 trees. */
    public static TabularSettings quick(Path dataDir) {
        return new TabularSettings(DataSets.QUICK, dataDir, 4, 0, 600, 300, 1500, 750, Precision.FLOAT64, 100, 30,
                1, MODELS);
    }

    /** These settings with other data sets. */
    public TabularSettings withDataSets(List<String> v) {
        return new TabularSettings(v, dataDir, folds, seed, maxRows, fashionRows, treeRows, treeLeafSize, precision,
                xgbRounds, forestTrees, threads, models);
    }

    /** These settings with other models. */
    public TabularSettings withModels(List<String> v) {
        return new TabularSettings(dataSets, dataDir, folds, seed, maxRows, fashionRows, treeRows, treeLeafSize, precision,
                xgbRounds, forestTrees, threads, v);
    }

    private static void positive(long v, String message) {
        if (v <= 0) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, message);
        }
    }
}
