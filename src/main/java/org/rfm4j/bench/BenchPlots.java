// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.rfm4j.io.JsonReader;
import org.rfm4j.io.Png;

/**
 * PNG plots of a bench report, drawn with XChart (headless):
 * <ul>
 * <li>time_vs_n_KERNEL_dD_cC.png: log-log seconds against n, one panel per phase, one line per
 *     implementation (rfm4j's direct fit, rfm4j-tree, the peers), device and precision, and a last
 *     panel with the test error;</li>
 * <li>gflops_vs_n_KERNEL_dD_cC.png: achieved GFLOP/s against n per phase, with the NumPy floor
 *     (its GEMM in the kernel panel, its Cholesky in the solve panel);</li>
 * <li>ratio_vs_PEER.png: bars of rfm4j time / peer time per phase and point (below 1: rfm4j faster).</li>
 * </ul>
 */
public final class BenchPlots {
    private static final int W = 640;
    private static final int H = 420;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private BenchPlots() {
    }

    public static List<Path> write(BenchReport report, Path dir) {
        System.setProperty("java.awt.headless", "true");
        List<Path> out = new ArrayList<>();
        Map<String, List<BenchRow>> combos = new TreeMap<>();
        for (BenchRow r : report.rows()) {
            if (r.status.equals("ok")) {
                combos.computeIfAbsent(r.kernel + "_d" + r.d + "_c" + r.c, k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<BenchRow>> e : combos.entrySet()) {
            List<BufferedImage> time = new ArrayList<>();
            List<BufferedImage> rate = new ArrayList<>();
            for (String phase : BenchRow.PHASES) {
                time.add(lines(e.getValue(), phase, "seconds", r -> r.seconds.get(phase), e.getKey()));
                rate.add(lines(e.getValue(), phase, "GFLOP/s", r -> r.gflops(phase), e.getKey()));
            }
            time.add(lines(e.getValue(), "test error", "test mse / target variance", r -> r.testRelMse, e.getKey()));
            out.add(save(grid(time), dir.resolve("time_vs_n_" + e.getKey() + ".png")));
            out.add(save(grid(rate), dir.resolve("gflops_vs_n_" + e.getKey() + ".png")));
        }
        Map<String, List<BenchReport.Ratio>> byPeer = new LinkedHashMap<>();
        for (BenchReport.Ratio r : report.ratios()) {
            byPeer.computeIfAbsent(r.peer().impl, k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<BenchReport.Ratio>> e : byPeer.entrySet()) {
            out.add(save(BitmapEncoder.getBufferedImage(bars(e.getKey(), e.getValue())),
                    dir.resolve("ratio_vs_" + e.getKey() + ".png")));
        }
        return out;
    }

    /**
     * Redraws the plots of a finished run from its bench.json:
     * {@code java -cp target/rfm4j.jar org.rfm4j.bench.BenchPlots DIR}.
     */
    public static void main(String[] args) throws IOException {
        Path dir = java.nio.file.Paths.get(args.length > 0 ? args[0] : ".");
        Map<String, Object> j = JsonReader.parseObject(java.nio.file.Files.readString(dir.resolve("bench.json")));
        List<BenchRow> rows = new ArrayList<>();
        for (Object o : (List<?>) j.get("points")) {
            Map<?, ?> m = (Map<?, ?>) o;
            BenchRow r = new BenchRow();
            r.impl = (String) m.get("impl");
            r.backend = (String) m.get("backend");
            r.device = (String) m.get("device");
            r.precision = (String) m.get("precision");
            r.kernel = (String) m.get("kernel");
            r.n = ((Double) m.get("n")).intValue();
            r.d = ((Double) m.get("d")).intValue();
            r.c = ((Double) m.get("c")).intValue();
            r.status = (String) m.get("status");
            for (String ph : BenchRow.PHASES) {
                Object sv = ((Map<?, ?>) m.get("seconds")).get(ph);
                Object fv = ((Map<?, ?>) m.get("flops")).get(ph);
                r.seconds.put(ph, sv instanceof Double ? (Double) sv : Double.NaN);
                r.flops.put(ph, fv instanceof Double ? (Double) fv : Double.NaN);
            }
            rows.add(r);
        }
        BenchReport report = new BenchReport(null, rows, List.of(), Map.of(), null, Double.NaN);
        for (Path p : write(report, dir)) {
            System.out.println("wrote " + p);
        }
    }

    private static BufferedImage lines(List<BenchRow> rows, String phase, String unit, ToDoubleFunction<BenchRow> y,
                                       String combo) {
        XYChart chart = new XYChartBuilder().width(W).height(H).title(phase + " (" + combo.replace('_', ' ') + ")")
                .xAxisTitle("n (training points)").yAxisTitle(unit).build();
        Styler st = chart.getStyler();
        int nMin = rows.stream().mapToInt(r -> r.n).min().orElse(1);
        int nMax = rows.stream().mapToInt(r -> r.n).max().orElse(1);
        // a log axis labels only decades: below one decade of n it would show no tick label at all
        chart.getStyler().setXAxisLogarithmic(nMax >= 10L * nMin);
        chart.getStyler().setYAxisLogarithmic(true);
        st.setLegendPosition(Styler.LegendPosition.InsideNW);
        st.setChartBackgroundColor(Color.WHITE);
        st.setMarkerSize(6);
        Map<String, TreeMap<Integer, Double>> series = new TreeMap<>();
        for (BenchRow r : rows) {
            double v = y.applyAsDouble(r);
            if (Double.isFinite(v) && v > 0) {
                String name = r.impl + " " + r.device + " " + r.precision;
                series.computeIfAbsent(name, k -> new TreeMap<>()).put(r.n, v);
            }
        }
        if (series.isEmpty()) {
            chart.addSeries("(no data)", new double[] {1, 2}, new double[] {1, 1});
        }
        // one colour per implementation/device/precision in every panel of a figure
        List<String> all = rows.stream().map(r -> r.impl + " " + r.device + " " + r.precision).distinct().sorted()
                .collect(java.util.stream.Collectors.toList());
        for (Map.Entry<String, TreeMap<Integer, Double>> s : series.entrySet()) {
            double[] xs = s.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] ys = s.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            org.knowm.xchart.XYSeries xy = chart.addSeries(s.getKey(), xs, ys);
            xy.setLineColor(PALETTE[all.indexOf(s.getKey()) % PALETTE.length]);
            xy.setMarkerColor(PALETTE[all.indexOf(s.getKey()) % PALETTE.length]);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static CategoryChart bars(String peer, List<BenchReport.Ratio> ratios) {
        int width = Math.max(800, 90 * ratios.size() + 200);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(480)
                .title("time ratio rfm4j / " + peer + " per phase (below 1: rfm4j faster)")
                .xAxisTitle("point").yAxisTitle("rfm4j seconds / " + peer + " seconds").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<String> labels = new ArrayList<>();
        for (BenchReport.Ratio r : ratios) {
            BenchRow o = r.ours();
            labels.add(String.format(Locale.ROOT, "%s %s n=%d d=%d c=%d %s", o.backend,
                    o.precision.equals("float32") ? "f32" : "f64", o.n, o.d, o.c, o.kernel.substring(0, 3)));
        }
        for (String phase : BenchRow.PHASES) {
            List<Number> vs = new ArrayList<>();
            for (BenchReport.Ratio r : ratios) {
                double v = r.ratio().get(phase);
                vs.add(Double.isFinite(v) ? v : 0.0);
            }
            chart.addSeries(phase, labels, vs);
        }
        return chart;
    }

    private static BufferedImage grid(List<BufferedImage> panels) {
        int cols = 3;
        int rowsN = (panels.size() + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * W, rowsN * H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), (i % cols) * W, (i / cols) * H, null);
        }
        g.dispose();
        return img;
    }

    private static Path save(BufferedImage img, Path file) {
        Png.write(file, img);
        return file;
    }
}
