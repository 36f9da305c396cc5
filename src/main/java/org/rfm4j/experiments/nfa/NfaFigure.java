// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.nfa;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.rfm4j.io.Png;

/**
 * The NFA figures: NFA and C-NFA against epoch per layer; the intervention (target layer's NFA and test
 * accuracy, treated against untreated). A class of its own so AWT loads only when a figure is drawn.
 */
final class NfaFigure {
    private NfaFigure() {
    }

    static void writeLayers(Path png, List<EpochRecord> run, String data) {
        int layers = run.get(0).layers().size();
        XYChart nfa = chart("NFA = rho(W^T W, W^T K W) (" + data + ")", "NFA");
        XYChart cnfa = chart("C-NFA = rho(dW^T dW, dW^T K dW) (" + data + ")", "C-NFA");
        for (int l = 0; l < layers; l++) {
            int layer = l;
            add(nfa, "layer " + (l + 1), run, r -> r.nfa(layer));
            add(cnfa, "layer " + (l + 1), run, r -> r.cnfa(layer));
        }
        Png.write(png, Png.sideBySide(List.of(image(nfa), image(cnfa))));
    }

    static void writeIntervention(Path png, List<EpochRecord> untreated, List<EpochRecord> treated, int target,
                                  String data) {
        XYChart nfa = chart("NFA of layer " + (target + 1) + ", treated vs untreated (" + data + ")", "NFA");
        add(nfa, "untreated", untreated, r -> r.nfa(target));
        add(nfa, "treated (layer " + (target + 1) + " boosted)", treated, r -> r.nfa(target));
        XYChart acc = chart("test accuracy (" + data + ")", "accuracy");
        add(acc, "untreated", untreated, EpochRecord::testAccuracy);
        add(acc, "treated", treated, EpochRecord::testAccuracy);
        Png.write(png, Png.sideBySide(List.of(image(nfa), image(acc))));
    }

    private static XYChart chart(String title, String y) {
        XYChart chart = new XYChartBuilder().width(640).height(460).title(title).xAxisTitle("epoch").yAxisTitle(y).build();
        Styler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.InsideSE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setMarkerSize(5);
        return chart;
    }

    private static void add(XYChart chart, String name, List<EpochRecord> run, ToDoubleFunction<EpochRecord> f) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (EpochRecord r : run) {
            double v = f.applyAsDouble(r);
            if (Double.isFinite(v)) {
                xs.add((double) r.epoch());
                ys.add(v);
            }
        }
        if (xs.isEmpty()) {
            xs.add(0.0);
            ys.add(0.0);
        }
        chart.addSeries(name, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static BufferedImage image(XYChart chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }
}
