// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.rfm4j.io.Png;

/**
 * PNG figures of the grokking experiments, drawn headless: XChart line charts plus heatmaps painted
 * directly into a {@link BufferedImage} (blue negative, white 0, red positive, scaled by the largest |entry|).
 */
public final class GrokkingFigure {
    private static final int PANEL_W = 520;
    private static final int PANEL_H = 380;
    private static final int HEAT = 300;

    private GrokkingFigure() {
    }

    /**
     * The paper-style figure of a run: accuracy, test loss, and circulant deviation with alignment against
     * iteration (top row), heatmaps of M's off-diagonal block at an early, the transition and the final
     * iteration (bottom row; discrete-log order for mul and div).
     */
    public static void writeRun(Path png, GrokkingResult r) {
        System.setProperty("java.awt.headless", "true");
        List<IterationMetrics> its = r.iterations();
        int n = its.size();
        double[] x = new double[n], trAcc = new double[n], teAcc = new double[n], teMse = new double[n];
        List<Double> dx = new ArrayList<>(), dev = new ArrayList<>(), al = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            IterationMetrics m = its.get(i);
            x[i] = m.iter();
            trAcc[i] = m.trainAccuracy();
            teAcc[i] = m.testAccuracy();
            teMse[i] = m.testMse();
            if (Double.isFinite(m.circulantDeviation())) {
                dx.add((double) m.iter());
                dev.add(m.circulantDeviation());
                al.add(m.alignment());
            }
        }
        GrokkingConfig c = r.config();
        String what = c.task() + " mod " + c.p() + ", r = " + c.trainFraction() + ", " + c.kernel();
        XYChart acc = chart("Accuracy (" + what + ")", "iteration", "accuracy");
        acc.addSeries("train", x, trAcc);
        acc.addSeries("test", x, teAcc);
        acc.getStyler().setYAxisMin(0.0);
        acc.getStyler().setYAxisMax(1.0);
        XYChart loss = chart("Loss (train MSE ~ 0 throughout)", "iteration", "test MSE");
        loss.addSeries("test MSE", x, teMse);
        loss.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        XYChart feat = chart("Feature structure", "iteration", "value");
        if (!dx.isEmpty()) {
            double[] dxa = unbox(dx);
            feat.addSeries("circulant deviation", dxa, unbox(dev));
            feat.addSeries("alignment rho(M_t, M_final)", dxa, unbox(al));
        }
        feat.getStyler().setYAxisMin(0.0);
        feat.getStyler().setYAxisMax(1.0);

        int early = Math.min(1, n - 1);
        int trans = r.firstReaching(0.5);
        if (trans < 0) {
            trans = n / 2;
        }
        int last = n - 1;
        int[] show = {early, trans, last};
        int width = 3 * PANEL_W;
        int height = PANEL_H + HEAT + 70;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(BitmapEncoder.getBufferedImage(acc), 0, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(loss), PANEL_W, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(feat), 2 * PANEL_W, 0, null);
            boolean mul = CirculantMetrics.multiplicative(c.task());
            int k = mul ? c.p() - 1 : c.p();
            for (int s = 0; s < show.length; s++) {
                IterationMetrics m = its.get(show[s]);
                double[] block = CirculantMetrics.taskBlock(c.task(), r.featureMatrices().get(show[s]), c.p());
                String title = String.format(Locale.ROOT, "M off-diagonal block, iteration %d (test acc %.3f, dev %.3f)%s",
                        m.iter(), m.testAccuracy(), m.circulantDeviation(), mul && s == 0 ? ", discrete-log order" : "");
                heatmap(g, block, k, s * PANEL_W + (PANEL_W - HEAT) / 2, PANEL_H + 40, HEAT, title);
            }
        } finally {
            g.dispose();
        }
        Png.write(png, img);
    }

    /** The random-circulant sweep: test accuracy against r for M* and for M = I. */
    public static void writeSweep(Path png, String title, double[] r, double[] accStar, double[] accIdentity) {
        System.setProperty("java.awt.headless", "true");
        XYChart ch = new XYChartBuilder().width(640).height(440).title(title)
                .xAxisTitle("training fraction r").yAxisTitle("test accuracy").build();
        ch.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        ch.getStyler().setYAxisMin(0.0);
        ch.getStyler().setYAxisMax(1.0);
        ch.getStyler().setChartBackgroundColor(Color.WHITE);
        ch.addSeries("M = (M*)^(1/2), random circulant", r, accStar);
        ch.addSeries("M = I", r, accIdentity);
        Png.write(png, BitmapEncoder.getBufferedImage(ch));
    }

    private static XYChart chart(String title, String xt, String yt) {
        XYChart ch = new XYChartBuilder().width(PANEL_W).height(PANEL_H).title(title).xAxisTitle(xt).yAxisTitle(yt)
                .build();
        ch.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        ch.getStyler().setChartBackgroundColor(Color.WHITE);
        ch.getStyler().setMarkerSize(4);
        return ch;
    }

    private static double[] unbox(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    private static void heatmap(Graphics2D g, double[] a, int k, int x0, int y0, int size, String title) {
        double max = 0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        double cell = (double) size / k;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double t = max == 0 ? 0 : a[i * k + j] / max;
                g.setColor(diverging(t));
                int xa = x0 + (int) Math.floor(j * cell), xb = x0 + (int) Math.floor((j + 1) * cell);
                int ya = y0 + (int) Math.floor(i * cell), yb = y0 + (int) Math.floor((i + 1) * cell);
                g.fillRect(xa, ya, Math.max(1, xb - xa), Math.max(1, yb - ya));
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(x0, y0, size, size);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int tw = g.getFontMetrics().stringWidth(title);
        g.setColor(Color.BLACK);
        g.drawString(title, x0 + size / 2 - tw / 2, y0 - 10);
    }

    /** -1 blue, 0 white, +1 red. */
    static Color diverging(double t) {
        t = Math.max(-1, Math.min(1, t));
        if (t >= 0) {
            int o = (int) Math.round(255 * (1 - t));
            return new Color(255, o, o);
        }
        int o = (int) Math.round(255 * (1 + t));
        return new Color(o, o, 255);
    }

}
