// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.convrfm;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.conv.ConvRfm;
import org.rfm4j.conv.ConvRfmParams;
import org.rfm4j.conv.ConvRfmResult;
import org.rfm4j.conv.PatchGeometry;
import org.rfm4j.experiments.ExperimentFiles;
import org.rfm4j.io.ImageSets;
import org.rfm4j.spi.ComputeBackend;

/**
 * ConvRFM (`rfm experiment convrfm`): the convolutional NTK with a learned patch metric on the star task,
 * noisy images or Fashion-MNIST. Writes OUT/report.json ({@code task, q, depth, iterations: [{iter,
 * test_accuracy}], plain_cntk_accuracy} and more), OUT/accuracy.png and OUT/patch_agop_eigenvectors.png.
 */
public final class ConvRfmExperiment {
    /** The tasks, as the option lists them. */
    public static final List<String> TASKS = List.of("star", "noisy", "fashion");

    /**
     * One run.
     *
     * @param task   star, noisy or fashion
     * @param images for noisy: the image set pasted into the frame (mnist or fashion)
     * @param nTrain training images
     * @param nTest  test images
     * @param seed   data seed
     * @param starSplit for star: balanced or reference ({@link StarTask#SPLITS})
     * @param params the ConvRFM settings
     */
    public record Config(String task, String images, int nTrain, int nTest, long seed, String starSplit,
                         ConvRfmParams params) {
        public Config {
            if (!TASKS.contains(task)) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown --task '" + task + "': use star, noisy or fashion");
            }
            StarTask.checkSplit(starSplit);
            if (nTrain < 2 || nTest < 1) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--n-train must be at least 2 and --n-test at least 1, got "
                        + nTrain + " and " + nTest);
            }
        }

        /** The balanced star split. */
        public Config(String task, String images, int nTrain, int nTest, long seed, ConvRfmParams params) {
            this(task, images, nTrain, nTest, seed, "balanced", params);
        }
    }

    private ConvRfmExperiment() {
    }

    /** The task's images. */
    public static TaskData load(Config c) {
        switch (c.task()) {
            case "star":
                return StarTask.generate(c.nTrain(), c.nTest(), c.seed(), c.starSplit());
            case "noisy":
                return NoisyImages.framed("noisy-" + c.images(), ImageSets.load(c.images(), 20000), c.nTrain(), c.nTest(),
                        c.seed());
            default:
                return NoisyImages.plain("fashion", ImageSets.load("fashion", 20000), c.nTrain(), c.nTest(), c.seed());
        }
    }

    /** Runs the experiment, printing one line per round to {@code log}; returns the report file. */
    public static Path run(ComputeBackend be, Config config, Path out, PrintStream log) {
        TaskData data = load(config);
        return run(be, config, data, out, log);
    }

    /** Runs on given images (the tests use small ones). */
    public static Path run(ComputeBackend be, Config config, TaskData data, Path out, PrintStream log) {
        ConvRfmParams p = config.params();
        PatchGeometry g = data.geometry(p.q(), p.samePadding());
        ExperimentFiles.prepare(out);
        boolean star = "star".equals(config.task());
        // the reference split does not fix the training positives: the log says how many were drawn
        String split = star ? " (" + config.starSplit() + " split, " + positives(data.trainLabels()) + " positive training images)"
                : "";
        log.printf(Locale.ROOT, "rfm experiment convrfm: %s%s, %d train / %d test, %d x %d x %d images, %d classes, q=%d, "
                        + "depth=%d, lambda=%s, %s padding, %d patch positions of %d values, s=%d, backend %s%n",
                data.name(), split, data.nTrain(), data.nTest(), data.channels(), data.height(), data.width(), data.classes(), p.q(),
                p.depth(), p.lambda(), p.samePadding() ? "same" : "valid", g.positions(), g.patchDim(), p.samples(), be.name());
        long t0 = System.nanoTime();
        ConvRfmResult r = ConvRfm.fit(be, g, p, data.train(), data.oneHot(), data.classes(), data.test(),
                data.testLabels(), log);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("task", config.task());
        report.put("q", p.q());
        report.put("depth", p.depth());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConvRfmResult.Round round : r.rounds()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("iter", round.iter());
            row.put("test_accuracy", round.testAccuracy());
            row.put("train_accuracy", round.trainAccuracy());
            row.put("test_mse", round.testMse());
            row.put("seconds", round.seconds());
            rows.add(row);
        }
        report.put("iterations", rows);
        report.put("plain_cntk_accuracy", r.rounds().get(0).testAccuracy());
        report.put("data", data.name());
        report.put("n_train", data.nTrain());
        report.put("n_test", data.nTest());
        report.put("seed", config.seed());
        if (star) {
            report.put("star_split", config.starSplit());
            report.put("train_positives", positives(data.trainLabels()));
        }
        report.put("lambda", p.lambda());
        report.put("samples", p.samples());
        report.put("padding", p.samePadding() ? "same" : "valid");
        report.put("kernel", "NTK of conv(q, stride q) on the patch-expanded image -> sqrt2-ReLU -> (depth-1) x "
                + "[conv q valid -> sqrt2-ReLU] -> flatten -> dense; K / max(K_train)");
        report.put("backend", be.name());
        report.put("seconds", seconds);
        Path accPng = out.resolve("accuracy.png");
        ConvRfmFigure.writeAccuracy(accPng, r, data.name(), p);
        report.put("accuracy_figure", accPng.toString());
        if (r.lastAgop() != null) {
            Path eigPng = out.resolve("patch_agop_eigenvectors.png");
            double[] eigenvalues = ConvRfmFigure.writeEigenvectors(eigPng, r.lastAgop(), g, 8);
            report.put("agop_top_eigenvalues", eigenvalues);
            report.put("eigenvector_figure", eigPng.toString());
        }
        Path json = ExperimentFiles.writeJson(out.resolve("report.json"), report);
        log.printf(Locale.ROOT, "plain kernel %.4f -> last round %.4f; %.1f s; report: %s%n",
                r.rounds().get(0).testAccuracy(), r.rounds().get(r.rounds().size() - 1).testAccuracy(), seconds, json);
        return json;
    }

    private static int positives(int[] labels) {
        int n = 0;
        for (int label : labels) {
            n += label == 1 ? 1 : 0;
        }
        return n;
    }
}
