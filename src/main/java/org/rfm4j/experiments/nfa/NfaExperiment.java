// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.nfa;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.experiments.ExperimentFiles;
import org.rfm4j.experiments.ImageSubsets;
import org.rfm4j.io.ImageSets;
import org.rfm4j.nn.GradientScaling;
import org.rfm4j.nn.NetworkParams;
import org.rfm4j.spi.ComputeBackend;

/**
 * The Neural Feature Ansatz and its centred form (`rfm experiment nfa`, docs/EXPERIMENTS.md section 3):
 * trains a fully connected network on a class-balanced, standardised image subset (one-hot targets, MSE),
 * records per hidden layer and epoch NFA, C-NFA and ||dW|| / ||W||, then repeats the run with the
 * gradient-scaling intervention on the layer whose NFA ended lowest (or a chosen one). Writes
 * OUT/report.json, OUT/nfa.png and OUT/intervention.png.
 */
public final class NfaExperiment {
    /**
     * One experiment.
     *
     * @param data          an image set of {@link ImageSets}
     * @param n             class-balanced training subset size
     * @param nTest         class-balanced test subset size (0: no test accuracy)
     * @param epochs        training epochs of each run
     * @param agopSamples   training rows (seeded sample) on which K and the AGOPs are measured
     * @param params        the network and its training (the untreated run)
     * @param interventionC C of the intervention (0: no treated run)
     * @param interventionLr the treated run's learning rate (its gradients have unit norm times C or 1/C)
     * @param target        the treated layer, 1-based (0: the untreated run's lowest final NFA)
     */
    public record Config(String data, int n, int nTest, int epochs, int agopSamples, NetworkParams params,
                         double interventionC, double interventionLr, int target) {
        /** Validates the options that the network settings do not cover. */
        public Config {
            if (n < 10) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--n must be at least 10, got " + n);
            }
            if (nTest < 0) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--n-test must be >= 0, got " + nTest);
            }
            if (epochs < 1 || epochs > 10000) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--epochs must be 1 to 10000, got " + epochs);
            }
            if (agopSamples < 1) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--agop-samples must be at least 1, got " + agopSamples);
            }
            if (interventionC != 0 && !(interventionC >= 1 && Double.isFinite(interventionC))) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--intervention-c must be 0 (no treated run) or a finite"
                        + " number >= 1, got " + interventionC);
            }
            if (!(interventionLr > 0) || Double.isInfinite(interventionLr)) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--intervention-lr must be a positive finite number, got "
                        + interventionLr);
            }
            if (target < 0 || target > params.hiddenLayers()) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--target must be 0 (lowest NFA) or a hidden layer 1.."
                        + params.hiddenLayers() + ", got " + target);
            }
        }
    }

    private NfaExperiment() {
    }

    /** Runs the experiment on {@code be}, printing per-epoch rows to {@code log}; returns the report file. */
    public static Path run(ComputeBackend be, Config config, Path out, PrintStream log) {
        NetworkParams p = config.params();
        int needed = config.n() + config.nTest();
        ImageSubsets.Subset[] sets = ImageSubsets.balancedStandardised(
                ImageSets.load(config.data(), Math.min(60000, Math.max(2000, 3 * needed))), config.n(), config.nTest(),
                p.seed());
        NfaRun.Data data = data(sets, Math.min(config.agopSamples(), config.n()), p.seed());
        ExperimentFiles.prepare(out);
        log.printf(Locale.ROOT, "rfm experiment nfa: %s, n=%d, n_test=%d, d=%d, c=%d; %d hidden layers of %d, %s, no bias,"
                        + " MSE, %s lr=%s wd=%s batch %d, %d epochs, %s on %s; AGOP on %d training rows%n",
                config.data(), data.n(), data.nTest(), data.d(), data.c(), p.hiddenLayers(), p.width(), p.activation(),
                p.optimizer(), p.learningRate(), p.weightDecay(), p.batchSize(), config.epochs(), p.precision(), be.name(),
                data.sampleRows());
        long t0 = System.nanoTime();
        List<EpochRecord> untreated = NfaRun.train(be, p, data, config.epochs(), null, "untreated", log);
        double untreatedSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("experiment", "nfa");
        report.put("layers", p.hiddenLayers());
        report.put("epochs", epochsJson(untreated));
        int target = config.target() > 0 ? config.target() - 1 : lowestFinalNfa(untreated);
        List<EpochRecord> treated = null;
        if (config.interventionC() > 0) {
            NetworkParams tp = new NetworkParams(p.hiddenLayers(), p.width(), p.activation(), p.optimizer(),
                    config.interventionLr(), p.weightDecay(), p.batchSize(), p.initScale(), p.seed(), p.precision());
            treated = NfaRun.train(be, tp, data, config.epochs(), new GradientScaling(target, config.interventionC()),
                    String.format(Locale.ROOT, "treated (layer %d boosted, C = %s, lr = %s)", target + 1,
                            config.interventionC(), config.interventionLr()), log);
            report.put("intervention", intervention(untreated, treated, target, config));
            report.put("treated_epochs", epochsJson(treated));
            log.printf(Locale.ROOT, "intervention on layer %d: final NFA untreated %.4f, treated %.4f%n", target + 1,
                    untreated.get(untreated.size() - 1).nfa(target), treated.get(treated.size() - 1).nfa(target));
        }
        report.put("settings", settings(config, data, be));
        report.put("untreated_seconds", untreatedSeconds);
        report.put("definitions", "layer l = the l-th hidden weight matrix (1-based; the linear read-out is not listed);"
                + " K = (1/m) sum over m sample rows and all outputs c of g g^T, g = d f_c / d h_l (h_l = W_l a_(l-1));"
                + " nfa = pearson(W^T W, W^T K W); cnfa = pearson(dW^T dW, dW^T K dW), dW = W(t) - W(0), K at t;"
                + " rel_change = ||dW||_F / ||W(t)||_F; epoch 0 = at initialisation; test_accuracy on the held-out subset");
        Path nfaPng = out.resolve("nfa.png");
        NfaFigure.writeLayers(nfaPng, untreated, config.data());
        report.put("figure", nfaPng.toString());
        if (treated != null) {
            Path ivPng = out.resolve("intervention.png");
            NfaFigure.writeIntervention(ivPng, untreated, treated, target, config.data());
            report.put("intervention_figure", ivPng.toString());
        }
        Path json = ExperimentFiles.writeJson(out.resolve("report.json"), report);
        log.println("report: " + json + ", figures: " + nfaPng + (treated != null ? ", " + out.resolve("intervention.png") : ""));
        return json;
    }

    static int lowestFinalNfa(List<EpochRecord> run) {
        EpochRecord last = run.get(run.size() - 1);
        int best = 0;
        for (int l = 1; l < last.layers().size(); l++) {
            if (last.nfa(l) < last.nfa(best)) {
                best = l;
            }
        }
        return best;
    }

    private static NfaRun.Data data(ImageSubsets.Subset[] sets, int m, long seed) {
        ImageSubsets.Subset tr = sets[0], te = sets[1];
        int k = tr.k();
        int[] idx = new int[tr.n()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Random r = new Random(seed + 17);
        for (int i = idx.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] sample = java.util.Arrays.copyOf(idx, m);
        return new NfaRun.Data(tr.x().data(), oneHot(tr.labels(), k), tr.n(), te == null ? new double[0] : te.x().data(),
                te == null ? new double[0] : oneHot(te.labels(), k), te == null ? 0 : te.n(), tr.d(), k,
                tr.x().selectRows(sample).data(), m);
    }

    private static double[] oneHot(int[] labels, int k) {
        double[] y = new double[labels.length * k];
        for (int i = 0; i < labels.length; i++) {
            y[i * k + labels[i]] = 1;
        }
        return y;
    }

    private static List<Object> epochsJson(List<EpochRecord> run) {
        List<Object> out = new ArrayList<>();
        for (EpochRecord r : run) {
            out.add(r.toJson());
        }
        return out;
    }

    private static Map<String, Object> intervention(List<EpochRecord> untreated, List<EpochRecord> treated, int target,
                                                    Config config) {
        Map<String, Object> iv = new LinkedHashMap<>();
        iv.put("target_layer", target + 1);
        iv.put("target_chosen", config.target() > 0 ? "given" : "lowest final NFA of the untreated run");
        iv.put("c", config.interventionC());
        iv.put("lr", config.interventionLr());
        List<Object> u = new ArrayList<>(), t = new ArrayList<>();
        for (EpochRecord r : untreated) {
            u.add(r.nfa(target));
        }
        for (EpochRecord r : treated) {
            t.add(r.nfa(target));
        }
        iv.put("nfa_untreated", u);
        iv.put("nfa_treated", t);
        iv.put("test_accuracy_untreated", untreated.get(untreated.size() - 1).testAccuracy());
        iv.put("test_accuracy_treated", treated.get(treated.size() - 1).testAccuracy());
        return iv;
    }

    private static Map<String, Object> settings(Config c, NfaRun.Data data, ComputeBackend be) {
        NetworkParams p = c.params();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("data", c.data());
        s.put("n", data.n());
        s.put("n_test", data.nTest());
        s.put("d", data.d());
        s.put("classes", data.c());
        s.put("hidden_layers", p.hiddenLayers());
        s.putAll(p.reportEntries());
        s.put("epochs", c.epochs());
        s.put("agop_samples", data.sampleRows());
        s.put("backend", be.name());
        s.put("backend_description", be.description());
        return s;
    }
}
