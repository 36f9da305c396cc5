package org.rfm4j.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.RfmSolution;
import org.rfm4j.data.Matrix;
import org.rfm4j.io.ModelFile;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * Saves and loads fitted models in the rfm4j model file format (docs/MODEL_FORMAT.md): a checksummed
 * container of named arrays, written atomically, never Java serialization. The file holds the
 * parameters, the kernel with its final bandwidth, M, S, alpha, the training points, and for
 * classifiers the classes. Entry names are versioned by the container's format version.
 */
public final class RfmModels {
    /** Identifies the content of a model file, beside the container's magic. */
    static final String KIND = "rfm4j.model";

    private RfmModels() {
    }

    public static void save(RfmModel model, Path file) {
        RfmParams p = model.params;
        RfmSolution s = model.solution;
        int d = s.d();
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
                .putString("kernel.type", s.kernel().type().cliName())
                .putDouble("kernel.p", s.kernel().p())
                .putDouble("kernel.q", s.kernel().q())
                .putDouble("kernel.bandwidth", s.kernel().bandwidth())
                .putInt("iteration", s.iteration())
                .put("m", s.m(), s.diagonal() ? new int[] {d} : new int[] {d, d})
                .put("s", s.s(), s.diagonal() ? new int[] {d} : new int[] {d, d})
                .put("alpha", s.alpha(), model.xTrain.rows(), s.c())
                .put("x_train", model.xTrain.data(), model.xTrain.rows(), d);
        if (model instanceof RfmClassificationModel) {
            String[] classes = ((RfmClassificationModel) model).classes();
            b.putInt("classes.count", classes.length);
            for (int i = 0; i < classes.length; i++) {
                b.putString("classes." + i, classes[i]);
            }
        }
        b.write(file);
    }

    /** Loads a model; a corrupt, truncated, foreign or future-version file fails with a clear IO error. */
    public static RfmModel load(Path file) {
        ModelFile.Contents f = ModelFile.read(file);
        if (!f.has("kind") || !KIND.equals(f.getString("kind"))) {
            throw new RfmException(ErrorCode.IO, file + " is an rfm4j container but not a model (kind "
                    + (f.has("kind") ? f.getString("kind") : "missing") + ")");
        }
        try {
            String tm = f.getString("params.tuning_metric");
            RfmParams p = RfmParams.builder()
                    .kernel(f.getString("params.kernel")).bandwidth(f.getDouble("params.bandwidth"))
                    .p(f.getDouble("params.p")).q(f.getDouble("params.q")).reg(f.getDouble("params.reg"))
                    .iterations(f.getInt("params.iterations")).agopSamples(f.getInt("params.agop_samples"))
                    .diagonal(f.getInt("params.diagonal") != 0).centering(f.getInt("params.centering") != 0)
                    .power(f.getDouble("params.power")).adaptiveBandwidth(f.getInt("params.adaptive_bandwidth") != 0)
                    .tuningMetric(tm.isEmpty() ? null : tm).earlyStopping(f.getInt("params.early_stopping") != 0)
                    .timeLimitSeconds(f.getDouble("params.time_limit"))
                    .precision(Precision.parse(f.getString("params.precision")))
                    .seed(f.getLong("params.seed")).build(); // files before 0.2 also hold params.backend: unused
            Kernel kernel = Kernel.of(f.getString("kernel.type"), f.getDouble("kernel.bandwidth"),
                    f.getDouble("kernel.p"), f.getDouble("kernel.q"));
            int[] xs = f.shape("x_train");
            int[] as = f.shape("alpha");
            int[] ms = f.shape("m");
            if (xs.length != 2 || as.length != 2 || as[0] != xs[0]) {
                throw new RfmException(ErrorCode.IO, file + ": inconsistent shapes (x_train " + java.util.Arrays.toString(xs)
                        + ", alpha " + java.util.Arrays.toString(as) + "): the file is corrupt");
            }
            int n = xs[0], d = xs[1], c = as[1];
            boolean diag = ms.length == 1;
            if ((diag && ms[0] != d) || (!diag && (ms[0] != d || ms[1] != d))) {
                throw new RfmException(ErrorCode.IO, file + ": M has shape " + java.util.Arrays.toString(ms)
                        + " but the model has " + d + " features: the file is corrupt");
            }
            double[] x = f.getDoubles("x_train");
            double[] alpha = f.getDoubles("alpha");
            double[] m = f.getDoubles("m");
            double[] s = f.getDoubles("s");
            for (double[] a : new double[][] {x, alpha, m, s}) {
                for (double v : a) {
                    if (!Double.isFinite(v)) {
                        throw new RfmException(ErrorCode.IO, file + " holds NaN or inf in its arrays: the file is corrupt");
                    }
                }
            }
            RfmSolution sol = new RfmSolution(kernel, diag, d, m, s, alpha, c, f.getInt("iteration"));
            String task = f.getString("task");
            FitReport report = new FitReport("none", "loaded from " + file, p.precision().toString(), n, d, c, task,
                    List.of(), sol.iteration(), List.of("loaded from " + file), RfmModel.topFeatures(m, d, diag), 0,
                    Map.of());
            if (task.equals("classification")) {
                int k = f.getInt("classes.count");
                if (k < 2 || k > 1_000_000 || (k == 2 ? 1 : k) != c) {
                    throw new RfmException(ErrorCode.IO, file + ": " + k + " classes for " + c + " output columns: corrupt");
                }
                String[] classes = new String[k];
                for (int i = 0; i < k; i++) {
                    classes[i] = f.getString("classes." + i);
                }
                return new RfmClassificationModel(p, sol, new Matrix(x, n, d), report, classes);
            }
            return new RfmRegressionModel(p, sol, new Matrix(x, n, d), report);
        } catch (RfmException e) {
            if (e.code() == ErrorCode.IO) {
                throw e;
            }
            throw new RfmException(ErrorCode.IO, file + " holds invalid model parameters (" + e.getMessage()
                    + "): the file is corrupt or was written by an incompatible version", e);
        }
    }
}
