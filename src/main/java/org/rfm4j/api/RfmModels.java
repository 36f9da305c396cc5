// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FittedRfm;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.io.ModelFile;
import org.rfm4j.tree.RfmTree;

/**
 * Saves and loads fitted models in the rfm4j model file format (docs/MODEL_FORMAT.md): a checksummed
 * container of named arrays, written atomically, never Java serialization. The file holds the
 * parameters, the kernel with its final bandwidth, M, S, alpha, the training points (for a tree: its
 * nodes and those of every leaf, in format version 2), the feature names when the columns had names,
 * and for classifiers the classes.
 */
public final class RfmModels {
    /** Identifies the content of a model file, beside the container's magic. */
    static final String KIND = "rfm4j.model";

    private RfmModels() {
    }

    /** Writes {@code model} to {@code file}, atomically; a failed write is an {@link ErrorCode#IO} error. */
    public static void save(RfmModel model, Path file) {
        builder(model).write(file);
    }

    /** The model file's bytes, in memory: what {@link #save} writes (to ship a model between processes). */
    public static byte[] toBytes(RfmModel model) {
        return builder(model).toBytes();
    }

    /** Loads a model from its file's bytes ({@link #toBytes}), with every check of {@link #load}. */
    public static RfmModel fromBytes(byte[] bytes, String label) {
        return model(ModelFile.read(bytes, label), Path.of(label));
    }

    private static ModelFile.Builder builder(RfmModel model) {
        ModelFile.Builder b = ModelFile.builder()
                .putString("kind", KIND)
                .putString("task", model instanceof RfmClassificationModel ? "classification" : "regression");
        // params.NAME for every parameter of RfmParams.toMap, typed by its value (flags as 0/1 I32)
        model.params.toMap().forEach((name, v) -> {
            String key = "params." + name;
            if (v == null || v instanceof String) {
                b.putString(key, v == null ? "" : (String) v);
            } else if (v instanceof Double) {
                b.putDouble(key, (Double) v);
            } else if (v instanceof Long) {
                b.putLong(key, (Long) v);
            } else if (v instanceof Boolean) {
                b.putInt(key, (Boolean) v ? 1 : 0);
            } else {
                b.putInt(key, (Integer) v);
            }
        });
        if (model.fitted instanceof RfmTree) {
            ModelEntries.putTree(b, (RfmTree) model.fitted);
        } else {
            ModelEntries.putSingle(b, "", (SingleRfm) model.fitted);
        }
        if (model.featureNames != null) {
            b.putInt("feature_names.count", model.featureNames.length);
            for (int j = 0; j < model.featureNames.length; j++) {
                b.putString("feature_names." + j, model.featureNames[j]);
            }
        }
        if (model instanceof RfmClassificationModel) {
            String[] classes = ((RfmClassificationModel) model).classes();
            b.putInt("classes.count", classes.length);
            for (int i = 0; i < classes.length; i++) {
                b.putString("classes." + i, classes[i]);
            }
        }
        return b;
    }

    /** Loads a model; a corrupt, truncated, foreign or future-version file fails with a clear IO error. */
    public static RfmModel load(Path file) {
        return model(ModelFile.read(file), file);
    }

    private static RfmModel model(ModelFile.Contents f, Path file) {
        if (!f.has("kind") || !KIND.equals(f.getString("kind"))) {
            throw new RfmException(ErrorCode.IO, file + " is an rfm4j container but not a model (kind "
                    + (f.has("kind") ? f.getString("kind") : "missing") + ")");
        }
        try {
            RfmParams p = params(f);
            boolean tree = f.has(ModelEntries.MODEL) && f.getString(ModelEntries.MODEL).equals(ModelEntries.TREE);
            FittedRfm fitted = tree ? ModelEntries.readTree(f, file) : ModelEntries.readSingle(f, "", file);
            int c = fitted.c();
            String task = f.getString("task");
            FitReport report = loadedReport(p, fitted, task, file);
            String[] names = featureNames(f, fitted.d(), file);
            if (task.equals("classification")) {
                int k = f.getInt("classes.count");
                if (k < 2 || k > 1_000_000 || (k == 2 ? 1 : k) != c) {
                    throw new RfmException(ErrorCode.IO, file + ": " + k + " classes for " + c + " output columns: corrupt");
                }
                String[] classes = new String[k];
                for (int i = 0; i < k; i++) {
                    classes[i] = f.getString("classes." + i);
                }
                return new RfmClassificationModel(p, fitted, report, classes, names);
            }
            return new RfmRegressionModel(p, fitted, report, names);
        } catch (RfmException e) {
            if (e.code() == ErrorCode.IO) {
                throw e;
            }
            throw new RfmException(ErrorCode.IO, file + " holds invalid model parameters (" + e.getMessage()
                    + "): the file is corrupt or was written by an incompatible version", e);
        }
    }

    /** The training columns' names, or null in a file without them (unnamed columns, or before 0.1). */
    private static String[] featureNames(ModelFile.Contents f, int d, Path file) {
        if (!f.has("feature_names.count")) {
            return null;
        }
        int k = f.getInt("feature_names.count");
        if (k != d) {
            throw ModelEntries.corrupt(file, k + " feature names for " + d + " features");
        }
        String[] names = new String[k];
        for (int j = 0; j < k; j++) {
            names[j] = f.getString("feature_names." + j);
        }
        try {
            return RfmModel.checkedNames(names, d);
        } catch (RfmException e) {
            throw ModelEntries.corrupt(file, e.getMessage());
        }
    }

    /** The report of a model read from a file: what the file says, no fit history. */
    static FitReport loadedReport(RfmParams p, FittedRfm fitted, String task, Path file) {
        int iteration = fitted instanceof SingleRfm ? ((SingleRfm) fitted).solution().iteration() : -1;
        int d = fitted.d();
        return new FitReport("none", "loaded from " + file, p.precision().toString(), fitted.trainingRows(), d,
                fitted.c(), task, List.of(), iteration, List.of("loaded from " + file),
                RfmModel.topFeatures(fitted.featureMatrix(), d, fitted.diagonal()), 0, Map.of(),
                fitted instanceof SingleRfm ? (p.solver().equals("eigenpro") ? "eigenpro" : "direct") : "tree", null);
    }

    /**
     * The parameters: every params.NAME entry the file has, read with the type of RfmParams' default for
     * NAME; a name the file lacks keeps its default (files before the tree lack the solver and tree entries,
     * files before EigenPro lack its entries; files before 0.2 hold a params.backend, no longer a parameter,
     * which is ignored).
     */
    private static RfmParams params(ModelFile.Contents f) {
        RfmParams defaults = RfmParams.builder().build();
        Map<String, Object> m = new LinkedHashMap<>();
        defaults.toMap().forEach((name, v) -> {
            String key = "params." + name;
            if (!f.has(key)) {
                return;
            }
            if (v == null || v instanceof String) {
                m.put(name, f.getString(key));
            } else if (v instanceof Double) {
                m.put(name, f.getDouble(key));
            } else if (v instanceof Long) {
                m.put(name, f.getLong(key));
            } else if (v instanceof Boolean) {
                m.put(name, f.getInt(key) != 0);
            } else {
                m.put(name, f.getInt(key));
            }
        });
        return defaults.with(m);
    }
}
