// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.nfa;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rfm4j.algo.Metrics;
import org.rfm4j.nn.FeatureAnsatz;
import org.rfm4j.nn.GradientHook;
import org.rfm4j.nn.Network;
import org.rfm4j.nn.NetworkParams;
import org.rfm4j.nn.NetworkTrainer;
import org.rfm4j.spi.ComputeBackend;

/** One training run of the NFA experiment: trains epoch by epoch and measures after each (and at init). */
final class NfaRun {
    private NfaRun() {
    }

    /** The data of a run: training rows, test rows, one-hot targets, and the AGOP sample. */
    record Data(double[] x, double[] y, int n, double[] testX, double[] testY, int nTest, int d, int c,
                double[] sampleX, int sampleRows) {
    }

    /** Trains a fresh network (seeded by params) for {@code epochs}, printing one row per epoch. */
    static List<EpochRecord> train(ComputeBackend be, NetworkParams params, Data data, int epochs, GradientHook hook,
                                   String title, PrintStream log) {
        Network net = Network.initial(params, data.d(), data.c());
        Network w0 = net.copy();
        NetworkTrainer trainer = new NetworkTrainer(be, params, net, hook);
        List<EpochRecord> out = new ArrayList<>();
        int hidden = net.layerCount() - 1;
        log.println(title + ":");
        StringBuilder head = new StringBuilder("  epoch  train_loss  test_acc");
        for (String k : new String[] {"nfa", "cnfa", "dW/W"}) {
            for (int l = 1; l <= hidden; l++) {
                head.append(String.format(Locale.ROOT, " %7s", k + l));
            }
        }
        log.println(head);
        double loss = Double.NaN;
        for (int e = 0; e <= epochs; e++) {
            if (e > 0) {
                loss = trainer.epoch(data.x(), data.y(), data.n());
            }
            double acc = data.nTest() == 0 ? Double.NaN : Metrics.accuracy(
                    trainer.backprop().forward(net, data.testX(), data.nTest()).output(), data.testY(), data.nTest(), data.c());
            EpochRecord r = new EpochRecord(e, loss, acc,
                    FeatureAnsatz.measure(trainer.backprop(), net, w0, data.sampleX(), data.sampleRows()));
            out.add(r);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %5d %11.5f %9.4f", e, loss, acc));
            for (int l = 0; l < hidden; l++) {
                row.append(String.format(Locale.ROOT, " %7.4f", r.nfa(l)));
            }
            for (int l = 0; l < hidden; l++) {
                row.append(String.format(Locale.ROOT, " %7.4f", r.cnfa(l)));
            }
            for (int l = 0; l < hidden; l++) {
                row.append(String.format(Locale.ROOT, " %7.4f", r.layers().get(l).relChange()));
            }
            log.println(row);
        }
        return out;
    }
}
