package org.rfm4j.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.EigenProSettings;
import org.rfm4j.algo.FittedRfm;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.io.ModelFile;
import org.rfm4j.spi.Precision;
import org.rfm4j.tree.RfmTree;
import org.rfm4j.tree.TreeSettings;

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
        RfmParams p = model.params;
        TreeSettings t = p.tree();
        ModelFile.Builder b = ModelFile.builder()
                .putString("kind", KIND)
                .putString("task", model instanceof RfmClassificationModel ? "classification" : "regression")
                .putString("params.kernel", p.kernel())
                .putDouble("params.bandwidth", p.bandwidth())
                .putDouble("params.p", p.p())
                .putDouble("params.q", p.q())
                .putDouble("params.reg", p.reg())
                .putInt("params.iterations", p.iterations())
                .putInt("params.agop_samples", p.agopSamples())
                .putInt("params.diagonal", p.diagonal() ? 1 : 0)
                .putInt("params.centering", p.centering() ? 1 : 0)
                .putDouble("params.power", p.power())
                .putInt("params.adaptive_bandwidth", p.adaptiveBandwidth() ? 1 : 0)
                .putString("params.tuning_metric", p.tuningMetric() == null ? "" : p.tuningMetric())
                .putInt("params.early_stopping", p.earlyStopping() ? 1 : 0)
                .putDouble("params.time_limit", p.timeLimitSeconds())
                .putString("params.precision", p.precision().toString())
                .putLong("params.seed", p.seed())
                .putString("params.solver", p.solver())
                .putInt("params.tree.leaf_size", t.leafSize())
                .putInt("params.tree.split_sample", t.splitSample())
                .putString("params.tree.routing", t.routing())
                .putDouble("params.tree.temperature", t.temperature())
                .putInt("params.tree.leaf_workers", t.leafWorkers())
                .putInt("params.eigenpro.subsample", p.eigenPro().subsample())
                .putInt("params.eigenpro.top_q", p.eigenPro().topQ())
                .putInt("params.eigenpro.batch", p.eigenPro().batchSize())
                .putInt("params.eigenpro.max_epochs", p.eigenPro().maxEpochs())
                .putInt("params.eigenpro.patience", p.eigenPro().patience());
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

    /** The parameters; files before the tree lack the solver entries (they were direct fits), and before 0.2 held params.backend. */
    private static RfmParams params(ModelFile.Contents f) {
        String tm = f.getString("params.tuning_metric");
        RfmParams.Builder b = RfmParams.builder()
                .kernel(f.getString("params.kernel")).bandwidth(f.getDouble("params.bandwidth"))
                .p(f.getDouble("params.p")).q(f.getDouble("params.q")).reg(f.getDouble("params.reg"))
                .iterations(f.getInt("params.iterations")).agopSamples(f.getInt("params.agop_samples"))
                .diagonal(f.getInt("params.diagonal") != 0).centering(f.getInt("params.centering") != 0)
                .power(f.getDouble("params.power")).adaptiveBandwidth(f.getInt("params.adaptive_bandwidth") != 0)
                .tuningMetric(tm.isEmpty() ? null : tm).earlyStopping(f.getInt("params.early_stopping") != 0)
                .timeLimitSeconds(f.getDouble("params.time_limit"))
                .precision(Precision.parse(f.getString("params.precision")))
                .seed(f.getLong("params.seed"));
        if (f.has("params.solver")) {
            b.solver(f.getString("params.solver")).tree(new TreeSettings(f.getInt("params.tree.leaf_size"),
                    f.getInt("params.tree.split_sample"), f.getString("params.tree.routing"),
                    f.getDouble("params.tree.temperature"), f.getInt("params.tree.leaf_workers")));
        }
        if (f.has("params.eigenpro.subsample")) {
            b.eigenPro(new EigenProSettings(f.getInt("params.eigenpro.subsample"), f.getInt("params.eigenpro.top_q"),
                    f.getInt("params.eigenpro.batch"), f.getInt("params.eigenpro.max_epochs"),
                    f.getInt("params.eigenpro.patience")));
        }
        return b.build();
    }
}
