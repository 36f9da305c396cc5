// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.convrfm;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.XYStyler;
import org.rfm4j.conv.ConvRfmParams;
import org.rfm4j.conv.ConvRfmResult;
import org.rfm4j.conv.PatchGeometry;
import org.rfm4j.io.Png;

/**
 * The ConvRFM figures: test accuracy per round, and the top eigenvectors of the patch AGOP drawn as
 * q x q images (one row per channel; each eigenvector scaled to its largest absolute entry, blue negative,
 * red positive). A class of its own so that AWT loads only when a figure is drawn.
 */
final class ConvRfmFigure {
    private static final int CELL = 12;

    private ConvRfmFigure() {
    }

    static void writeAccuracy(Path png, ConvRfmResult r, String data, ConvRfmParams p) {
        XYChart chart = new XYChartBuilder().width(640).height(440)
                .title("ConvRFM on " + data + " (q=" + p.q() + ", depth " + p.depth() + ")")
                .xAxisTitle("round (0 = plain convolutional NTK)").yAxisTitle("test accuracy").build();
        XYStyler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendVisible(false);
        st.setMarkerSize(8);
        st.setYAxisDecimalPattern("0.000");
        st.setXAxisDecimalPattern("0");
        double[] x = new double[r.rounds().size()];
        double[] y = new double[x.length];
        double lo = 1, hi = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = r.rounds().get(i).iter();
            y[i] = r.rounds().get(i).testAccuracy();
            lo = Math.min(lo, y[i]);
            hi = Math.max(hi, y[i]);
        }
        st.setYAxisMin(Math.max(0, lo - 0.05));
        st.setYAxisMax(Math.min(1, hi + 0.05));
        chart.addSeries("test accuracy", x, y);
        Png.write(png, BitmapEncoder.getBufferedImage(chart));
    }

    /** Draws the top {@code count} eigenvectors; returns their eigenvalues, largest first. */
    static double[] writeEigenvectors(Path png, double[] agop, PatchGeometry g, int count) {
        int d = g.patchDim();
        int q = g.q();
        int c = g.channels();
        double[][] top = topEigenvectors(agop, d, Math.min(count, d));
        double[] values = top[0];
        int k = values.length;
        int cell = Math.max(CELL, 96 / q);
        int pad = 8;
        int header = 18;
        int w = pad + k * (q * cell + pad);
        int h = header + pad + c * (q * cell + pad);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        gr.setColor(Color.WHITE);
        gr.fillRect(0, 0, w, h);
        gr.setColor(Color.BLACK);
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        gr.drawString("top " + k + " patch-AGOP eigenvectors (rows: channels)", pad, 13);
        for (int e = 0; e < k; e++) {
            double[] v = top[e + 1];
            double max = 0;
            for (double a : v) {
                max = Math.max(max, Math.abs(a));
            }
            for (int ch = 0; ch < c; ch++) {
                for (int dy = 0; dy < q; dy++) {
                    for (int dx = 0; dx < q; dx++) {
                        double t = max > 0 ? v[ch * q * q + dy * q + dx] / max : 0;
                        gr.setColor(diverging(t));
                        gr.fillRect(pad + e * (q * cell + pad) + dx * cell, header + pad + ch * (q * cell + pad) + dy * cell,
                                cell, cell);
                    }
                }
            }
        }
        gr.dispose();
        Png.write(png, img);
        return values;
    }

    /** {values, v_1, ..., v_k}: the largest eigenpairs of the symmetric d x d matrix. */
    static double[][] topEigenvectors(double[] sym, int d, int k) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(new DMatrixRMaj(d, d, true, sym))) {
            return new double[][] {new double[0]};
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).getReal(), eig.getEigenvalue(a).getReal()));
        double[][] out = new double[k + 1][];
        out[0] = new double[k];
        for (int e = 0; e < k; e++) {
            out[0][e] = eig.getEigenvalue(order[e]).getReal();
            out[e + 1] = eig.getEigenVector(order[e]).getData().clone();
        }
        return out;
    }

    private static Color diverging(double t) {
        t = Math.max(-1, Math.min(1, t));
        int a = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? new Color(255, a, a) : new Color(a, a, 255);
    }
}
