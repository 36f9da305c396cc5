// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.IterationRecord;
import org.rfm4j.api.FitReport;
import org.rfm4j.api.RfmClassificationModel;
import org.rfm4j.api.RfmClassifier;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmModels;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmRegressionModel;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.api.TreeReport;
import org.rfm4j.data.Dataset;
import org.rfm4j.data.Splits;
import org.rfm4j.experiments.ExperimentFiles;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.tree.LeafRecord;

/**
 * What `rfm fit` does once its options are parsed: fit on one backend (opened once, for the fit and
 * the test score), print the iteration table and the summary, save the model, write the JSON report.
 */
final class FitJob {
    private FitJob() {
    }

    static void run(RfmParams params, BackendOption backend, Splits splits, boolean classification, boolean quiet,
                    Path save, Path reportJson) {
        Dataset train = splits.train();
        Dataset val = splits.validation();
        if (classification && train.labels() == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "classification needs one label column, but the data has "
                    + train.c() + " target columns: choose one with --target");
        }
        if (!classification && train.y() == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the target column holds text labels: use --task classification");
        }
        System.out.printf(Locale.ROOT, "rfm fit: %s, %s, n_train=%d, d=%d, %s%s%n", train.name(),
                classification ? "classification" : "regression", train.n(), train.d(), params.kernelSpec(),
                val == null ? ", no validation set" : ", n_val=" + val.n());
        ProgressPrinter progress = new ProgressPrinter(quiet);
        RfmModel model;
        Map<String, Double> test = Map.of();
        Dataset testSet = splits.test();
        try (ComputeBackend be = backend.open()) { // one backend for the fit and the test score
            if (classification) {
                RfmClassificationModel m = new RfmClassifier(params).fit(be, train, val, progress);
                if (testSet != null) {
                    test = m.score(be, testSet.features(), testSet.labels());
                }
                model = m;
            } else {
                RfmRegressionModel m = new RfmRegressor(params).fit(be, train, val, progress);
                if (testSet != null) {
                    test = m.score(be, testSet.features(), testSet.targets());
                }
                model = m;
            }
        }
        FitReport report = model.report().withTest(test);
        printSummary(report, model);
        if (save != null) {
            RfmModels.save(model, save);
            System.out.println("model saved to " + save);
        }
        if (reportJson != null) {
            ExperimentFiles.writeJson(reportJson, toJson(report, params, train, model));
            System.out.println("report written to " + reportJson);
        }
    }

    private static void printSummary(FitReport r, RfmModel model) {
        TreeReport t = r.tree();
        if (t == null) {
            System.out.printf(Locale.ROOT, "best iteration: %d of %d, fit %.2f s on %s (%s, %s)%n", r.bestIteration(),
                    r.iterations().size() - 1, r.seconds(), r.backend(), r.backendDescription(), r.precision());
        } else {
            StringBuilder v = new StringBuilder();
            t.validation().forEach((k, x) -> v.append(String.format(Locale.ROOT, " %s=%.6g", k, x)));
            System.out.printf(Locale.ROOT, "tree: %d leaves (leaf size %d, depth %d, %d at once), routing %s; fit %.2f s"
                    + " on %s (%s, %s)%n", t.leaves().size(), t.leafSize(), t.depth(), t.workers(), t.routing(),
                    r.seconds(), r.backend(), r.backendDescription(), r.precision());
            if (v.length() > 0) {
                System.out.println("validation:" + v);
            }
        }
        if (!r.test().isEmpty()) {
            StringBuilder sb = new StringBuilder("test:");
            r.test().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.6g", k, v)));
            System.out.println(sb);
        }
        StringBuilder top = new StringBuilder("top features:");
        boolean named = !model.featureNames().isEmpty();
        for (int i = 0; i < Math.min(10, r.topFeatures().length); i++) {
            int f = r.topFeatures()[i];
            top.append(' ').append(f);
            if (named) {
                top.append('(').append(model.featureName(f)).append(')');
            }
        }
        System.out.println(top);
    }

    static Map<String, Object> toJson(FitReport r, RfmParams p, Dataset train, RfmModel model) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("backend", r.backend());
        j.put("backend_description", r.backendDescription());
        j.put("precision", r.precision());
        j.put("task", r.task());
        j.put("data", train.name());
        j.put("n_train", r.nTrain());
        j.put("d", r.d());
        j.put("c", r.c());
        j.put("kernel", p.kernelSpec().toString());
        j.put("reg", p.reg());
        List<Object> its = new ArrayList<>();
        for (IterationRecord rec : r.iterations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("iter", rec.iter());
            m.put("validation", rec.validation());
            m.put("seconds", rec.seconds());
            m.put("bandwidth", rec.bandwidth());
            m.put("jitter", rec.jitter());
            its.add(m);
        }
        j.put("iterations", its);
        j.put("best_iteration", r.bestIteration());
        j.put("solver", r.solver());
        if (r.tree() != null) {
            j.put("tree", treeJson(r.tree()));
        }
        if (!r.test().isEmpty()) {
            j.put("test", r.test());
        }
        j.put("top_features", r.topFeatures());
        if (!model.featureNames().isEmpty()) {
            List<String> topNames = new ArrayList<>();
            for (int f : r.topFeatures()) {
                topNames.add(model.featureName(f));
            }
            j.put("top_feature_names", topNames);
            j.put("feature_names", model.featureNames());
        }
        j.put("seconds", r.seconds());
        j.put("notes", r.notes());
        return j;
    }

    private static Map<String, Object> treeJson(TreeReport t) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("leaf_size", t.leafSize());
        j.put("workers", t.workers());
        j.put("depth", t.depth());
        j.put("routing", t.routing());
        j.put("routing_scores", t.routingScores());
        j.put("validation", t.validation());
        List<Object> leaves = new ArrayList<>();
        for (LeafRecord l : t.leaves()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("leaf", l.leaf());
            m.put("rows", l.rows());
            m.put("validation_rows", l.validationRows());
            m.put("best_iteration", l.bestIteration());
            m.put("iterations", l.iterations());
            m.put("validation", l.validation());
            m.put("seconds", l.seconds());
            leaves.add(m);
        }
        j.put("leaves", leaves);
        return j;
    }
}
