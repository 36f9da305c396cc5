// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rfm4j.RfmException;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/** The kernel's closed form at depth 1, its symmetry, the expansion layout and the option checks. */
class ConvNtkTest {

    @Test
    void depthOneIsTheMeanOverPositionsOfTheReluNtk() {
        Random rng = new Random(1);
        PatchGeometry g = new PatchGeometry(3, 6, 6, 3, false);
        ConvNtk ntk = ConvNtk.of(g, 1);
        int positions = g.positions(), dim = g.patchDim();
        double[] a = ConvNtkGradientTest.gaussian(rng, positions * dim);
        double[] b = ConvNtkGradientTest.gaussian(rng, positions * dim);
        double[] s = ConvNtkGradientTest.cross(a, b, positions, dim);
        double[] x = ConvNtkGradientTest.norms(a, positions, dim);
        double[] z = ConvNtkGradientTest.norms(b, positions, dim);
        double expected = 0;
        for (int p = 0; p < positions; p++) {
            double sp = s[p] / 3, xp = x[p] / 3, zp = z[p] / 3; // divided by the channels
            double theta = Math.acos(sp / Math.sqrt(xp * zp));
            double nngp = Math.sqrt(xp * zp) * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta)) / Math.PI;
            expected += nngp + sp * (Math.PI - theta) / Math.PI;
        }
        expected /= positions;
        double k = ntk.value(s, ntk.diagonals(x), ntk.diagonals(z), ntk.workspace());
        assertEquals(expected, k, 1e-12 * Math.abs(expected));
    }

    @Test
    void kernelMatrixIsSymmetricAndAgreesWithTheCrossMatrix() {
        Random rng = new Random(2);
        PatchGeometry g = new PatchGeometry(1, 10, 10, 3, true);
        ConvNtk ntk = ConvNtk.of(g, 2);
        double[] images = ConvNtkGradientTest.gaussian(rng, 6 * g.imageSize());
        try (ComputeBackend be = Backends.open("cpu")) {
            PatchFeatures f = PatchFeatures.of(be, g, ntk, images, 0, 6, null);
            double[] sym = ConvKernelMatrix.symmetric(ntk, f);
            double[] full = ConvKernelMatrix.between(ntk, f, f);
            assertArrayEquals(full, sym, 1e-12);
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    assertEquals(sym[i * 6 + j], sym[j * 6 + i], 0.0);
                }
            }
        }
    }

    @Test
    void expansionLaysOutChannelRowColumn() {
        PatchGeometry valid = new PatchGeometry(2, 4, 5, 3, false);
        assertEquals(2 * 3, valid.positions());
        double[] img = new double[valid.imageSize()];
        for (int k = 0; k < img.length; k++) {
            img[k] = k;
        }
        double[] out = PatchExpansion.expandRange(valid, img, 0, 1);
        // position (1, 2): channel 1, dy 2, dx 1 is pixel (1, 3 + ... ) of channel 1
        int p = 1 * valid.outWidth() + 2;
        int k = 1 * 9 + 2 * 3 + 1;
        assertEquals(img[20 + (1 + 2) * 5 + (2 + 1)], out[p * valid.patchDim() + k]);
        PatchGeometry same = new PatchGeometry(1, 4, 4, 3, true);
        double[] o2 = PatchExpansion.expandRange(same, new double[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 0, 1);
        assertEquals(16, same.positions());
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 2, 0, 5, 6}, java.util.Arrays.copyOfRange(o2, 0, 9));
    }

    @Test
    void fastLoopsAgreeWithNaiveOnes() {
        // the suite runs with jdk.incubator.vector, so the kernel's loops take the Vector API path unless
        // -Drfm4j.cpu.vector=false selects the scalar ones (which the checks below then test)
        if (!"false".equalsIgnoreCase(System.getProperty("rfm4j.cpu.vector", ""))) {
            assertTrue(ConvKernels.VECTOR, "the vector loops should be in use under the test JVM");
        }
        assertTrue(ConvKernelsVec.selfTest());
        Random rng = new Random(5);
        int h = 13, w = 17, q = 3, nc = w - q + 1, nr = h - q + 1;
        double[] grid = ConvNtkGradientTest.gaussian(rng, h * w);
        double[] out = new double[nr * nc];
        ConvKernels.windowSum(grid, h, w, q, out, new double[h * nc]);
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                double e = 0;
                for (int dy = 0; dy < q; dy++) {
                    for (int dx = 0; dx < q; dx++) {
                        e += grid[(r + dy) * w + c + dx];
                    }
                }
                assertEquals(e, out[r * nc + c], 1e-12);
            }
        }
        int positions = 37, dim = 9;
        double[] a = ConvNtkGradientTest.gaussian(rng, positions * dim);
        double[] b = ConvNtkGradientTest.gaussian(rng, positions * dim);
        double[] prod = new double[positions];
        ConvKernels.products(a, 0, b, 0, dim, prod);
        for (int p = 0; p < positions; p++) {
            double e = 0;
            for (int k = 0; k < dim; k++) {
                e += a[k * positions + p] * b[k * positions + p];
            }
            assertEquals(e, prod[p], 1e-12);
        }
        int n = 29;
        double[] x = new double[n], z = new double[n], s = new double[n], t = ConvNtkGradientTest.gaussian(rng, n);
        for (int p = 0; p < n; p++) {
            x[p] = p == 3 ? 0 : 0.1 + rng.nextDouble();
            z[p] = 0.1 + rng.nextDouble();
            s[p] = p == 7 ? Math.sqrt(x[p] * z[p]) : (2 * rng.nextDouble() - 1) * Math.sqrt(x[p] * z[p]);
        }
        double[][] v = {new double[n], new double[n], new double[n], new double[n]};
        double[][] ref = {new double[n], new double[n], new double[n], new double[n]};
        ConvKernels.layer(s, t, x, z, n, v[0], v[1], v[2], v[3]);
        ConvKernels.layerScalar(s, t, x, z, 0, n, ref[0], ref[1], ref[2], ref[3]);
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(ref[k], v[k], 1e-13);
        }
    }

    @Test
    void badSettingsAreUserErrors() {
        assertThrows(RfmException.class, () -> new PatchGeometry(1, 8, 8, 9, false));
        assertThrows(RfmException.class, () -> ConvNtk.of(new PatchGeometry(1, 8, 8, 3, false), 4));
        assertThrows(RfmException.class, () -> new ConvRfmParams(3, 0, 1e-3, 2, 20, false));
        assertThrows(RfmException.class, () -> new ConvRfmParams(3, 1, -1, 2, 20, false));
        assertThrows(RfmException.class, () -> new ConvRfmParams(3, 1, 1e-3, 0, 20, false));
        RfmException e = assertThrows(RfmException.class, () -> ConvNtk.of(new PatchGeometry(1, 8, 8, 3, false), 4));
        assertTrue(e.getMessage().contains("--depth"), e.getMessage());
    }
}
