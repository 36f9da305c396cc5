// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.inconsistency;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.rfm4j.io.Png;

/** Risk against n, log-log, ridgeless and tuned ridge for each kernel. AWT loads only when drawn. */
final class InconsistencyFigure {
    private InconsistencyFigure() {
    }

    static void writePng(Path png, List<InconsistencyExperiment.Row> rows, double sigma) {
        XYChart chart = new XYChartBuilder().width(760).height(520)
                .title("Excess risk on the 1-D torus (f* = cos 2 pi x, sigma = " + sigma + ")")
                .xAxisTitle("n (grid design)").yAxisTitle("excess risk at the best bandwidth").build();
        Styler st = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        st.setLegendPosition(Styler.LegendPosition.InsideSW);
        st.setChartBackgroundColor(Color.WHITE);
        st.setMarkerSize(6);
        for (String kernel : rows.stream().map(InconsistencyExperiment.Row::kernel).distinct().toList()) {
            List<InconsistencyExperiment.Row> k = rows.stream().filter(r -> r.kernel().equals(kernel)).toList();
            double[] n = k.stream().mapToDouble(InconsistencyExperiment.Row::n).toArray();
            chart.addSeries(kernel + ", ridgeless (interpolant)", n, k.stream().mapToDouble(r -> r.ridgeless().risk()).toArray());
            chart.addSeries(kernel + ", tuned ridge", n, k.stream().mapToDouble(r -> r.ridge().risk()).toArray());
        }
        Png.write(png, BitmapEncoder.getBufferedImage(chart));
    }
}
