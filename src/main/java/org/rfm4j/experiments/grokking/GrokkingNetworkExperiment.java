// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.Metrics;
import org.rfm4j.data.Builtins;
import org.rfm4j.data.Dataset;
import org.rfm4j.data.Splits;
import org.rfm4j.experiments.ExperimentFiles;
import org.rfm4j.nn.Backprop;
import org.rfm4j.nn.FeatureAnsatz;
import org.rfm4j.nn.MatrixCorrelation;
import org.rfm4j.nn.Network;
import org.rfm4j.nn.NetworkParams;
import org.rfm4j.nn.NetworkTrainer;
import org.rfm4j.spi.ComputeBackend;

/**
 * The grokking network (`rfm experiment grokking-network`, docs/EXPERIMENTS.md section 1): a two-layer
 * network f(x) = W2 sigma(W1 x) (quadratic activation by default) trained on modular arithmetic with MSE
 * on one-hot targets; per epoch the train loss, train and test accuracy, and the correlation of the
 * first layer's W1^T W1 with sqrt(AGOP) of the network with respect to its input (over the training
 * pairs, uncentred), also over the off-diagonal entries only, and the circulant deviation of W1^T W1's
 * off-diagonal block (the block-circulant features the RFM learns). Writes OUT/report.json and OUT/grokking_network.png.
 */
public final class GrokkingNetworkExperiment {
    /**
     * One run.
     *
     * @param task          add, sub, mul or div
     * @param p             the modulus
     * @param trainFraction training fraction r
     * @param epochs        training epochs
     * @param params        the network (one hidden layer) and its training
     */
    public record Config(String task, int p, double trainFraction, int epochs, NetworkParams params) {
        /** Validates the options the network settings and the data generator do not cover. */
        public Config {
            if (epochs < 1 || epochs > 100000) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--epochs must be 1 to 100000, got " + epochs);
            }
            if (params.hiddenLayers() != 1) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the grokking network has one hidden layer, got "
                        + params.hiddenLayers());
            }
        }
    }

    /** One logged epoch. */
    record Row(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double corrSqrtAgop,
               double corrSqrtAgopOffDiagonal, double corrAgop, double circulantDeviation) {
    }

    private GrokkingNetworkExperiment() {
    }

    /** Runs the experiment on {@code be}, one row per epoch to {@code log}; returns the report file. */
    public static Path run(ComputeBackend be, Config config, Path out, PrintStream log) {
        NetworkParams np = config.params();
        Splits s = Builtins.modular(config.task(), config.p(), config.trainFraction(), np.seed());
        Dataset tr = s.train(), te = s.test();
        ExperimentFiles.prepare(out);
        log.printf(Locale.ROOT, "rfm experiment grokking-network: %s mod %d, r=%s (%d train, %d test pairs); width %d, %s,"
                        + " %s lr=%s wd=%s batch %d, %d epochs, %s on %s%n", config.task(), config.p(), config.trainFraction(),
                tr.n(), te.n(), np.width(), np.activation(), np.optimizer(), np.learningRate(), np.weightDecay(),
                np.batchSize(), config.epochs(), np.precision(), be.name());
        log.println("  epoch  train_loss  train_acc  test_acc  corr(W1'W1,sqrt(AGOP))  off-diagonal  corr(W1'W1,AGOP)  circ_dev");
        Network net = Network.initial(np, tr.d(), tr.c());
        NetworkTrainer trainer = new NetworkTrainer(be, np, net, null);
        List<Row> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        double loss = Double.NaN;
        for (int e = 0; e <= config.epochs(); e++) {
            if (e > 0) {
                loss = trainer.epoch(tr.x(), tr.y(), tr.n());
            }
            Row r = measure(trainer.backprop(), net, tr, te, e, loss, config);
            rows.add(r);
            log.printf(Locale.ROOT, "  %5d %11.6f %10.4f %9.4f %23.4f %13.4f %17.4f %9.4f%n", e, loss, r.trainAccuracy(),
                    r.testAccuracy(), r.corrSqrtAgop(), r.corrSqrtAgopOffDiagonal(), r.corrAgop(), r.circulantDeviation());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("experiment", "grokking-network");
        report.put("settings", settings(config, tr.n(), te.n(), be));
        report.put("seconds", seconds);
        report.put("definitions", "corr = pearson over entries; AGOP = (1/n) sum over training pairs and outputs of "
                + "grad_x f_c grad_x f_c^T = W1^T K W1 (uncentred); sqrt = PSD square root; off_diagonal = pearson over "
                + "the entries off the diagonal; circulant_deviation = that of the off-diagonal p x p block of W1^T W1 (as for the RFM's M, "
                + "discrete-log order for mul and div); epoch 0 = at initialisation");
        List<Object> epochs = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch());
            m.put("train_loss", r.trainLoss());
            m.put("train_accuracy", r.trainAccuracy());
            m.put("test_accuracy", r.testAccuracy());
            m.put("corr_nfm_sqrt_agop", r.corrSqrtAgop());
            m.put("corr_nfm_sqrt_agop_off_diagonal", r.corrSqrtAgopOffDiagonal());
            m.put("corr_nfm_agop", r.corrAgop());
            m.put("circulant_deviation", r.circulantDeviation());
            epochs.add(m);
        }
        report.put("epochs", epochs);
        report.put("summary", summary(rows));
        Path png = out.resolve("grokking_network.png");
        GrokkingNetworkFigure.writePng(png, rows, config.task() + " mod " + config.p());
        report.put("figure", png.toString());
        Path json = ExperimentFiles.writeJson(out.resolve("report.json"), report);
        log.println("report: " + json + ", figure: " + png);
        return json;
    }

    private static Row measure(Backprop bp, Network net, Dataset tr, Dataset te, int epoch, double loss, Config c) {
        double trainAcc = Metrics.accuracy(bp.forward(net, tr.x(), tr.n()).output(), tr.y(), tr.n(), tr.c());
        double testAcc = Metrics.accuracy(bp.forward(net, te.x(), te.n()).output(), te.y(), te.n(), te.c());
        double[][] k = FeatureAnsatz.preActivationGrams(bp, net, tr.x(), tr.n());
        int d = tr.d();
        double[] agop = FeatureAnsatz.agop(bp, net, 0, k[0]);
        double[] sqrt = FeatureAnsatz.psdSqrt(bp, agop, d);
        double[] nfm = FeatureAnsatz.nfm(bp, net, 0);
        return new Row(epoch, loss, trainAcc, testAcc, MatrixCorrelation.pearson(nfm, sqrt),
                MatrixCorrelation.pearsonOffDiagonal(nfm, sqrt, d), MatrixCorrelation.pearson(nfm, agop),
                CirculantMetrics.taskDeviation(c.task(), nfm, c.p()));
    }

    private static Map<String, Object> summary(List<Row> rows) {
        Map<String, Object> s = new LinkedHashMap<>();
        Row first = rows.get(0), last = rows.get(rows.size() - 1);
        s.put("corr_initial", first.corrSqrtAgop());
        s.put("corr_final", last.corrSqrtAgop());
        s.put("corr_off_diagonal_initial", first.corrSqrtAgopOffDiagonal());
        s.put("corr_off_diagonal_final", last.corrSqrtAgopOffDiagonal());
        s.put("circulant_deviation_initial", first.circulantDeviation());
        s.put("circulant_deviation_final", last.circulantDeviation());
        s.put("test_accuracy_final", last.testAccuracy());
        s.put("train_accuracy_final", last.trainAccuracy());
        int firstTrain = -1, firstTest50 = -1, firstTest90 = -1;
        for (Row r : rows) {
            if (firstTrain < 0 && r.trainAccuracy() >= 0.99) {
                firstTrain = r.epoch();
            }
            if (firstTest50 < 0 && r.testAccuracy() >= 0.5) {
                firstTest50 = r.epoch();
            }
            if (firstTest90 < 0 && r.testAccuracy() >= 0.9) {
                firstTest90 = r.epoch();
            }
        }
        s.put("first_epoch_train_accuracy_99", firstTrain);
        s.put("first_epoch_test_accuracy_50", firstTest50);
        s.put("first_epoch_test_accuracy_90", firstTest90);
        return s;
    }

    private static Map<String, Object> settings(Config c, int nTrain, int nTest, ComputeBackend be) {
        NetworkParams p = c.params();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("task", c.task());
        s.put("p", c.p());
        s.put("train_fraction", c.trainFraction());
        s.put("n_train", nTrain);
        s.put("n_test", nTest);
        s.putAll(p.reportEntries());
        s.put("epochs", c.epochs());
        s.put("backend", be.name());
        s.put("backend_description", be.description());
        return s;
    }
}
