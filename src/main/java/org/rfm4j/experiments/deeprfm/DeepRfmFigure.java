// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.deeprfm;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.rfm4j.io.Png;

/**
 * The Deep RFM figure (NC1 and NC2 per layer, Deep RFM against the control). In a class of its own so
 * that AWT loads only when a figure is drawn: the CLI must run in a Java runtime without java.desktop.
 */
final class DeepRfmFigure {
    private DeepRfmFigure() {
    }

    /** Two panels (NC1, NC2), log y; x = layer, with the projected stage at layer + 0.5 and the output at L. */
    static void writePng(Path png, NeuralCollapseRecorder deep, NeuralCollapseRecorder control, String data, int n) {
        Png.write(png, Png.sideBySide(List.of(panel("NC1 = tr(Sigma_W)/tr(Sigma_B)", "nc1", deep, control, data, n),
                panel("NC2 (distance to simplex ETF)", "nc2", deep, control, data, n))));
    }

    private static BufferedImage panel(String title, String metric, NeuralCollapseRecorder deep,
                                       NeuralCollapseRecorder control, String data, int n) {
        XYChart chart = new XYChartBuilder().width(700).height(480).title(title + " (" + data + ", n=" + n + ")")
                .xAxisTitle("depth (layer l input at l, after M^1/2 at l+0.5, output at L)").yAxisTitle(metric).build();
        Styler st = chart.getStyler();
        chart.getStyler().setYAxisLogarithmic(true);
        st.setLegendPosition(Styler.LegendPosition.InsideSW);
        st.setChartBackgroundColor(Color.WHITE);
        st.setMarkerSize(6);
        addSeries(chart, "Deep RFM", metric, deep);
        addSeries(chart, "control (M = I)", metric, control);
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static void addSeries(XYChart chart, String name, String metric, NeuralCollapseRecorder rec) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int layers = rec.layerCount();
        for (int l = 0; l < layers; l++) {
            add(xs, ys, l, rec.get(l, metric + "_input"));
            add(xs, ys, l + 0.5, rec.get(l, metric + "_projected"));
        }
        add(xs, ys, layers, rec.get(layers - 1, metric + "_activated"));
        if (xs.isEmpty()) {
            xs.add(0.0);
            ys.add(1e-12);
        }
        chart.addSeries(name, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void add(List<Double> xs, List<Double> ys, double x, double y) {
        if (Double.isFinite(y) && y > 0) {
            xs.add(x);
            ys.add(y);
        }
    }
}
