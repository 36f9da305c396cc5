// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.rfm4j.io.Png;

/** The rank plot: each model's rank on each data set (1 = best), grouped by data set, and the Friedman rank. */
final class RankFigure {
    private RankFigure() {
    }

    static void writePng(Path png, TabularResult r) {
        Map<String, Map<String, Summary.Cell>> cells = Summary.cells(r);
        List<String> names = new ArrayList<>();
        for (TabularResult.DataSetInfo d : r.dataSets()) {
            names.add(d.name());
        }
        names.add("FRIEDMAN");
        Map<String, Map<String, Double>> figures = Summary.figures(r);
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 60 * names.size())).height(520)
                .title("Rank per data set (1 = best; test accuracy or RMSE, mean of " + r.settings().folds()
                        + " folds) and Friedman rank")
                .xAxisTitle("data set").yAxisTitle("rank").build();
        Styler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(60);
        for (String m : r.settings().models()) {
            List<Double> y = new ArrayList<>();
            for (TabularResult.DataSetInfo d : r.dataSets()) {
                y.add(Summary.ranks(cells.get(d.name()), d.task()).get(m));
            }
            y.add(figures.get(m).get("friedman_rank"));
            chart.addSeries(m, names, y);
        }
        Png.write(png, BitmapEncoder.getBufferedImage(chart));
    }
}
