// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

class DeepRfmTest {
    static final int K = 4;
    static final int PER = 40;
    static final int D = 20;

    /**
     * Gaussian classes whose means differ only in the first 3 coordinates, with isotropic noise in all 20:
     * the label-relevant subspace is small, so the AGOP can find it and collapse the classes.
     */
    static double[] gaussianClasses(int[] labels, long seed) {
        Random r = new Random(seed);
        double[][] mu = new double[K][3];
        for (double[] m : mu) {
            for (int a = 0; a < 3; a++) {
                m[a] = 1.5 * r.nextGaussian();
            }
        }
        double[] x = new double[labels.length * D];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % K;
            for (int a = 0; a < D; a++) {
                x[i * D + a] = (a < 3 ? mu[labels[i]][a] : 0) + r.nextGaussian();
            }
        }
        return x;
    }

    private static List<double[]> nc1PerLayer(DeepRfm.Params p, double[] x, int[] labels, List<Double> projected,
                                              ComputeBackend be) {
        int n = labels.length;
        List<double[]> inputs = new ArrayList<>();
        new DeepRfm(p).fit(be, new Matrix(x, n, D), new Matrix(DeepRfm.signedOneHot(labels, K), n, K),
                (layer, stage, rep) -> {
                    if (stage == LayerObserver.Stage.INPUT) {
                        inputs.add(new double[] {NeuralCollapse.nc1(rep, labels, K)});
                    } else if (stage == LayerObserver.Stage.PROJECTED && projected != null) {
                        projected.add(NeuralCollapse.nc1(rep, labels, K));
                    }
                });
        return inputs;
    }

    @Test
    void deepRfmCollapsesClassesAcrossLayersAndTheControlDoesNot() {
        int[] labels = new int[K * PER];
        double[] x = gaussianClasses(labels, 7);
        DeepRfm.Params p = DeepRfm.Params.defaults().withLayers(4).withFeatures(128).withSeed(3);
        try (ComputeBackend be = Backends.open("cpu")) {
            List<Double> projected = new ArrayList<>();
            List<double[]> deep = nc1PerLayer(p, x, labels, projected, be);
            List<double[]> control = nc1PerLayer(p.withIdentityMetric(true), x, labels, null, be);
            double d0 = deep.get(0)[0], dLast = deep.get(deep.size() - 1)[0];
            double c0 = control.get(0)[0], cLast = control.get(control.size() - 1)[0];
            assertEquals(d0, c0, 1e-12, "both runs start from the same input");
            for (int l = 1; l < deep.size(); l++) {
                assertTrue(deep.get(l)[0] < deep.get(l - 1)[0], "Deep RFM NC1 must fall at every layer, layer " + l
                        + ": " + deep.get(l - 1)[0] + " -> " + deep.get(l)[0]);
            }
            assertTrue(dLast < d0 / 5, "Deep RFM NC1 must fall by > 5x over 4 layers: " + d0 + " -> " + dLast);
            assertTrue(projected.get(0) < d0 / 2, "the drop happens at the M^(1/2) projection: " + d0 + " -> "
                    + projected.get(0));
            assertTrue(cLast > 0.9 * c0, "the control's NC1 must not fall: " + c0 + " -> " + cLast);
        }
    }

    @Test
    void transformReproducesTheTrainingRepresentationAndPredictFitsTheLabels() {
        int[] labels = new int[K * PER];
        double[] x = gaussianClasses(labels, 11);
        int n = labels.length;
        for (FeatureMap map : FeatureMap.values()) {
            DeepRfm.Params p = DeepRfm.Params.defaults().withLayers(2).withFeatures(64).withFeatureMap(map);
            double[][] last = new double[1][];
            try (ComputeBackend be = Backends.open("cpu")) {
                Matrix xs = new Matrix(x, n, D);
                DeepRfmModel model = new DeepRfm(p).fit(be, xs, new Matrix(DeepRfm.signedOneHot(labels, K), n, K),
                        (layer, stage, rep) -> {
                            if (layer == 1 && stage == LayerObserver.Stage.ACTIVATED) {
                                last[0] = rep.data();
                            }
                        });
                assertEquals(2, model.layers().size());
                assertArrayEquals(last[0], model.transform(be, xs).data(), 1e-9, map + ": transform must replay fit");
                int[] pred = model.predictClass(be, xs);
                int ok = 0;
                for (int i = 0; i < n; i++) {
                    ok += pred[i] == labels[i] ? 1 : 0;
                }
                assertTrue(ok >= 0.95 * n, map + ": training accuracy " + ok + "/" + n);
            }
        }
    }
}
