// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.deeprfm;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Matrix;
import org.rfm4j.deep.DeepRfm;
import org.rfm4j.deep.DeepRfmModel;
import org.rfm4j.experiments.ExperimentFiles;
import org.rfm4j.experiments.ImageSubsets;
import org.rfm4j.io.ImageSets;
import org.rfm4j.spi.ComputeBackend;

/**
 * Deep RFM and deep neural collapse (`rfm experiment deep-rfm`): fits Deep RFM and the control (M = I
 * at every layer) on a class-balanced, standardised image subset, records NC1 and NC2 of every layer's
 * input, projection and activation, and writes OUT/report.json and OUT/neural_collapse.png. The expected
 * result and the figures of record are in docs/EXPERIMENTS.md.
 */
public final class DeepRfmExperiment {
    /**
     * One run.
     *
     * @param data   an image set of {@link ImageSets}
     * @param n      class-balanced training subset size
     * @param nTest  class-balanced held-out subset for test accuracy (0: none)
     * @param params the Deep RFM settings (the control uses the same with M = I)
     */
    public record Config(String data, int n, int nTest, DeepRfm.Params params) {
        public Config {
            if (n < 2) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--n must be at least 2, got " + n);
            }
            if (nTest < 0) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--n-test must be >= 0, got " + nTest);
            }
        }
    }

    private DeepRfmExperiment() {
    }

    /** Runs the experiment on {@code be}, printing per-layer tables to {@code log}; returns the report file. */
    public static Path run(ComputeBackend be, Config config, Path out, PrintStream log) {
        DeepRfm.Params params = config.params();
        int needed = config.n() + config.nTest();
        ImageSubsets.Subset[] sets = ImageSubsets.balancedStandardised(
                ImageSets.load(config.data(), Math.min(60000, Math.max(2000, 3 * needed))), config.n(), config.nTest(),
                params.seed());
        ImageSubsets.Subset train = sets[0];
        Matrix y = new Matrix(DeepRfm.signedOneHot(train.labels(), train.k()), train.n(), train.k());
        log.printf(Locale.ROOT, "rfm experiment deep-rfm: %s, n=%d, d=%d, K=%d, %d layers, %d %s features, "
                + "Laplace L=%s, reg=%s%n", config.data(), train.n(), train.d(), train.k(), params.layers(),
                params.features(), params.featureMap().cliName(), params.bandwidth(), params.reg());
        ExperimentFiles.prepare(out);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("experiment", "deep-rfm");
        report.put("data", config.data());
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
        Map<String, NeuralCollapseRecorder> recs = new LinkedHashMap<>();
        for (boolean control : new boolean[] {false, true}) {
            String name = control ? "control" : "deep_rfm";
            NeuralCollapseRecorder rec = new NeuralCollapseRecorder(train.labels(), train.k());
            DeepRfmModel model = new DeepRfm(params.withIdentityMetric(control)).fit(be, train.x(), y, rec);
            recs.put(name, rec);
            report.put(name, rec.layers);
            Map<String, Object> acc = new LinkedHashMap<>();
            acc.put("fit_seconds", model.fitSeconds());
            acc.put("train_accuracy", accuracy(model.predictClass(be, train.x()), train.labels()));
            if (sets[1] != null) {
                acc.put("test_accuracy", accuracy(model.predictClass(be, sets[1].x()), sets[1].labels()));
            }
            acc.put("notes", model.notes());
            report.put(name + "_fit", acc);
            printTable(log, control ? "control (M = I)" : "Deep RFM", rec, acc);
        }
        report.put("summary", summary(recs.get("deep_rfm"), recs.get("control"), params.layers()));
        Path png = out.resolve("neural_collapse.png");
        DeepRfmFigure.writePng(png, recs.get("deep_rfm"), recs.get("control"), config.data(), train.n());
        report.put("figure", png.toString());
        Path json = ExperimentFiles.writeJson(out.resolve("report.json"), report);
        log.println("report: " + json + ", figure: " + png);
        return json;
    }

    private static void printTable(PrintStream log, String title, NeuralCollapseRecorder rec, Map<String, Object> acc) {
        log.println(title + ":");
        log.println("  layer   nc1_in   nc1_proj    nc1_act     nc2_in   nc2_proj    nc2_act");
        for (int l = 0; l < rec.layerCount(); l++) {
            log.printf(Locale.ROOT, "  %5d %9.4g %10.4g %10.4g %10.4g %10.4g %10.4g%n", l,
                    rec.get(l, "nc1_input"), rec.get(l, "nc1_projected"), rec.get(l, "nc1_activated"),
                    rec.get(l, "nc2_input"), rec.get(l, "nc2_projected"), rec.get(l, "nc2_activated"));
        }
        log.printf(Locale.ROOT, "  fit %.2f s, train accuracy %.4f%s%n", (Double) acc.get("fit_seconds"),
                (Double) acc.get("train_accuracy"), acc.containsKey("test_accuracy")
                        ? String.format(Locale.ROOT, ", test accuracy %.4f", (Double) acc.get("test_accuracy")) : "");
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

    private static Map<String, Object> summary(NeuralCollapseRecorder deep, NeuralCollapseRecorder control,
                                               int layers) {
        Map<String, Object> s = new LinkedHashMap<>();
        int last = layers - 1;
        s.put("deep_nc1_input_first", deep.get(0, "nc1_input"));
        s.put("deep_nc1_input_last", deep.get(last, "nc1_input"));
        s.put("deep_nc1_output", deep.get(last, "nc1_activated"));
        s.put("deep_nc1_input_fall_factor", deep.get(0, "nc1_input") / deep.get(last, "nc1_input"));
        double perLayer = last > 0 ? Math.pow(deep.get(last, "nc1_input") / deep.get(0, "nc1_input"), 1.0 / last)
                : Double.NaN;
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

}
