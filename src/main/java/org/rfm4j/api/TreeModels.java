// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.io.ModelFile;
import org.rfm4j.tree.TreeFit;

/**
 * For fitting an RFM tree outside this library's own loop (the rfm4j-spark module fits each leaf in a
 * Spark task): a leaf shipped between processes as checksummed model-file bytes, and a finished tree
 * turned into the ordinary model that {@link RfmModels} saves and loads.
 */
public final class TreeModels {
    private static final String LEAF_KIND = "rfm4j.leaf";

    private TreeModels() {
    }

    /** One fitted leaf as the bytes of a model file holding only it. */
    public static byte[] leafToBytes(SingleRfm leaf) {
        ModelFile.Builder b = ModelFile.builder().putString("kind", LEAF_KIND);
        ModelEntries.putSingle(b, "", leaf);
        return b.toBytes();
    }

    /** A leaf back from {@link #leafToBytes}, checked as a model file is on load. */
    public static SingleRfm leafFromBytes(byte[] bytes, String label) {
        ModelFile.Contents f = ModelFile.read(bytes, label);
        if (!f.has("kind") || !LEAF_KIND.equals(f.getString("kind"))) {
            throw new RfmException(ErrorCode.IO, label + " does not hold a fitted leaf");
        }
        return ModelEntries.readSingle(f, "", Path.of(label));
    }

    /** A regression model of a tree fitted elsewhere; {@code where} describes where it was fitted. */
    public static RfmRegressionModel regression(RfmParams params, TreeFit fit, int trainingRows, String where) {
        return new RfmRegressionModel(params, fit.tree(), report(params, fit, "regression", trainingRows, where));
    }

    /** A classification model of a tree fitted elsewhere on the one-hot targets of {@code classes}. */
    public static RfmClassificationModel classification(RfmParams params, TreeFit fit, int trainingRows, String where,
                                                        String[] classes) {
        return new RfmClassificationModel(params, fit.tree(), report(params, fit, "classification", trainingRows, where),
                classes.clone());
    }

    /** The report of a tree fit, as {@link RfmRegressor} and {@link RfmClassifier} give it. */
    static FitReport report(RfmParams params, TreeFit f, String task, int trainingRows, String backendName,
                            String backendDescription, String why) {
        int d = f.tree().d();
        int[] top = RfmModel.topFeatures(f.tree().featureMatrix(), d, f.tree().diagonal());
        List<String> notes = new ArrayList<>();
        if (why != null) {
            notes.add("solver: " + why);
        }
        notes.addAll(f.notes());
        TreeReport tree = new TreeReport(f.leafSize(), f.workers(), f.depth(), f.leaves(), f.routing(),
                f.routingScores(), f.validation());
        return new FitReport(backendName, backendDescription, params.precision().toString(), trainingRows, d,
                f.tree().c(), task, List.of(), -1, List.copyOf(notes), top, f.seconds(), Map.of(), "tree", tree);
    }

    private static FitReport report(RfmParams params, TreeFit f, String task, int trainingRows, String where) {
        return report(params, f, task, trainingRows, where, where, null);
    }
}
