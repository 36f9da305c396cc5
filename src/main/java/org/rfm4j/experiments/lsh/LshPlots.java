// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.lsh;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.rfm4j.io.Png;
import org.rfm4j.lsh.LshEvaluation;

/** The experiment's PNG figures (xchart; needs {@code java.awt.headless=true} without a display). */
public final class LshPlots {
    private static final Color LEARNED = new Color(0xD6, 0x27, 0x28);
    private static final Color UNIFORM = new Color(0x1F, 0x77, 0xB4);

    private LshPlots() {
    }

    /** Side-by-side histograms (20 bins over [0, 1]) of the per-query success of both forests. */
    public static void successHistogram(LshExperiment.Result result, Path png) {
        int bins = 20;
        double[] x = new double[bins];
        for (int b = 0; b < bins; b++) {
            x[b] = (b + 0.5) / bins;
        }
        String[] labels = new String[bins];
        for (int b = 0; b < bins; b++) {
            labels[b] = String.format(java.util.Locale.ROOT, "%.2f", x[b]);
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
                .title(title(result, "per-query success (fraction of trees where the query meets its source)"))
                .xAxisTitle("success (bin centre)").yAxisTitle("queries").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setSeriesColors(new Color[] {LEARNED, UNIFORM});
        chart.getStyler().setXAxisLabelRotation(60);
        chart.addSeries(String.format(java.util.Locale.ROOT, "learned (mean %.3f, p10 %.3f)",
                        result.learned().mean(), result.learned().p10()), java.util.Arrays.asList(labels),
                toList(LshEvaluation.histogram(result.learned().successes(), bins)));
        chart.addSeries(String.format(java.util.Locale.ROOT, "uniform (mean %.3f, p10 %.3f)",
                        result.uniform().mean(), result.uniform().p10()), java.util.Arrays.asList(labels),
                toList(LshEvaluation.histogram(result.uniform().successes(), bins)));
        save(chart, png);
    }

    /** Recall of r'-neighbours against queries per second (log scale), one point per tree count. */
    public static void recallQps(LshExperiment.Result result, Path png) {
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title(title(result, "recall vs queries per second (points: 1, 2, 4, ... trees)"))
                .xAxisTitle("recall of r'-neighbours").yAxisTitle("queries per second (1 thread)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setSeriesColors(new Color[] {LEARNED, UNIFORM});
        add(chart, "learned", result.learned().curve());
        add(chart, "uniform", result.uniform().curve());
        save(chart, png);
    }

    private static void add(XYChart chart, String name, List<LshEvaluation.CurvePoint> curve) {
        double[] x = curve.stream().mapToDouble(LshEvaluation.CurvePoint::recall).toArray();
        double[] y = curve.stream().mapToDouble(LshEvaluation.CurvePoint::qps).toArray();
        chart.addSeries(name, x, y);
    }

    private static String title(LshExperiment.Result r, String what) {
        return String.format(java.util.Locale.ROOT, "%s, n=%d, r=%d, %d trees: %s", r.config().data().name(),
                r.config().data().bits().rows(), r.config().params().flips(), r.config().params().trees(), what);
    }

    private static List<Integer> toList(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path png) {
        Png.write(png, BitmapEncoder.getBufferedImage(chart));
    }
}
