// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.rfm4j.io.Png;

/**
 * The grokking network's figure: accuracies, the W1^T W1 vs sqrt(AGOP) correlations, and the circulant
 * deviation of W1^T W1's off-diagonal block, per epoch.
 */
final class GrokkingNetworkFigure {
    private GrokkingNetworkFigure() {
    }

    static void writePng(Path png, List<GrokkingNetworkExperiment.Row> rows, String task) {
        XYChart acc = chart("Two-layer network, " + task + ": accuracy", "accuracy");
        add(acc, "train", rows, GrokkingNetworkExperiment.Row::trainAccuracy);
        add(acc, "test", rows, GrokkingNetworkExperiment.Row::testAccuracy);
        XYChart corr = chart("corr(W1^T W1, sqrt(AGOP))", "Pearson correlation");
        add(corr, "all entries", rows, GrokkingNetworkExperiment.Row::corrSqrtAgop);
        add(corr, "off-diagonal entries", rows, GrokkingNetworkExperiment.Row::corrSqrtAgopOffDiagonal);
        XYChart circ = chart("circulant deviation of W1^T W1's off-diagonal block", "deviation");
        add(circ, "circulant deviation", rows, GrokkingNetworkExperiment.Row::circulantDeviation);
        Png.write(png, Png.sideBySide(List.of(BitmapEncoder.getBufferedImage(acc), BitmapEncoder.getBufferedImage(corr),
                BitmapEncoder.getBufferedImage(circ))));
    }

    private static XYChart chart(String title, String y) {
        XYChart chart = new XYChartBuilder().width(560).height(460).title(title).xAxisTitle("epoch").yAxisTitle(y).build();
        Styler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.InsideSE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setMarkerSize(5);
        return chart;
    }

    private static void add(XYChart chart, String name, List<GrokkingNetworkExperiment.Row> rows,
                            ToDoubleFunction<GrokkingNetworkExperiment.Row> f) {
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = rows.get(i).epoch();
            double v = f.applyAsDouble(rows.get(i));
            y[i] = Double.isFinite(v) ? v : 0;
        }
        chart.addSeries(name, x, y);
    }
}
