// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tree;

import org.rfm4j.algo.RawPredictor;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Precision;

/**
 * Predictions of an RFM tree on one backend: each query is routed to its leaf (or, soft, to the
 * leaves near it), the queries of a leaf are predicted together by that leaf's predictor, and the
 * results are blended with the routing weights. A leaf's training points go to the backend the first
 * time a query reaches it and stay there until close. Not thread-safe.
 */
final class TreePredictor implements RawPredictor {
    private final RfmTree tree;
    private final ComputeBackend backend;
    private final Precision precision;
    private final RawPredictor[] open;
    private boolean closed;

    TreePredictor(RfmTree tree, ComputeBackend backend, Precision precision) {
        this.tree = tree;
        this.backend = backend;
        this.precision = precision;
        this.open = new RawPredictor[tree.leafCount()];
    }

    @Override
    public double[] predict(Matrix q) {
        return predict(q, tree.temperature());
    }

    /** Predictions routed at temperature t (0: hard) instead of the tree's own. */
    double[] predict(Matrix q, double t) {
        if (closed) {
            throw new IllegalStateException("this predictor is closed");
        }
        DataChecks.requireSameColumns(q.cols(), "the input", tree.d(), "the training data");
        int m = q.rows(), c = tree.c(), leaves = tree.leafCount();
        // route every query: counts per leaf first, then the rows and weights of each leaf
        int[] ways = new int[m];
        int[][] reach = new int[m][];
        double[][] weight = new double[m][];
        int[] perLeaf = new int[leaves];
        int[] lOut = new int[leaves];
        double[] wOut = new double[leaves];
        for (int i = 0; i < m; i++) {
            int k = tree.route(q.data(), i, t, lOut, wOut);
            ways[i] = k;
            reach[i] = java.util.Arrays.copyOf(lOut, k);
            weight[i] = java.util.Arrays.copyOf(wOut, k);
            for (int j = 0; j < k; j++) {
                perLeaf[lOut[j]]++;
            }
        }
        int[][] rows = new int[leaves][];
        double[][] w = new double[leaves][];
        for (int l = 0; l < leaves; l++) {
            rows[l] = new int[perLeaf[l]];
            w[l] = new double[perLeaf[l]];
        }
        int[] fill = new int[leaves];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < ways[i]; j++) {
                int l = reach[i][j];
                rows[l][fill[l]] = i;
                w[l][fill[l]++] = weight[i][j];
            }
        }
        double[] out = new double[m * c];
        for (int l = 0; l < leaves; l++) {
            if (rows[l].length == 0) {
                continue;
            }
            if (open[l] == null) {
                open[l] = tree.leaves().get(l).open(backend, precision);
            }
            double[] p = open[l].predict(q.selectRows(rows[l]));
            for (int r = 0; r < rows[l].length; r++) {
                int o = rows[l][r] * c;
                for (int j = 0; j < c; j++) {
                    out[o + j] += w[l][r] * p[r * c + j];
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (RawPredictor p : open) {
            if (p != null) {
                try {
                    p.close();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
