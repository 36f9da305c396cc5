// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tree;

import java.util.List;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FittedRfm;
import org.rfm4j.algo.RawPredictor;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * A fitted RFM tree: split nodes (a direction v, a threshold t at the median projection, and the
 * spread of the projections, for soft routing) above leaves that are ordinary fitted RFMs. Nodes are
 * stored in preorder, node 0 the root; a node is a leaf when {@code leaf[i] >= 0}. Immutable.
 *
 * <p>Routing a point x down a split: hard goes left when v.x &lt;= t; soft goes right with probability
 * sigmoid((v.x - t) / (temperature x spread)), to both sides when that is neither near 0 nor near 1
 * (see {@link #CUT}), and blends the leaves' predictions with the path probabilities.
 */
public final class RfmTree implements FittedRfm {
    /** Soft routing drops a side whose probability is below this (the rest is renormalised). */
    public static final double CUT = 1e-3;

    private final int d;
    private final int c;
    private final int[] left;
    private final int[] right;
    private final int[] leaf;
    private final double[] direction;
    private final double[] threshold;
    private final double[] spread;
    private final List<SingleRfm> leaves;
    private final double temperature;

    /**
     * @param left, right children of each node (-1 for a leaf)
     * @param leaf        the leaf index of each node (-1 for a split)
     * @param direction   nodes x d, row i the unit split direction of node i (zeros for a leaf)
     * @param threshold   split threshold per node
     * @param spread      spread of the node's training projections around the threshold (soft routing's unit)
     * @param leaves      the fitted leaves, by leaf index
     * @param temperature 0 for hard routing, else soft routing's temperature
     */
    public RfmTree(int d, int c, int[] left, int[] right, int[] leaf, double[] direction, double[] threshold,
                   double[] spread, List<SingleRfm> leaves, double temperature) {
        this.d = d;
        this.c = c;
        this.left = left.clone();
        this.right = right.clone();
        this.leaf = leaf.clone();
        this.direction = direction.clone();
        this.threshold = threshold.clone();
        this.spread = spread.clone();
        this.leaves = List.copyOf(leaves);
        this.temperature = temperature;
        checkStructure();
    }

    /** The same tree with another routing temperature (0: hard). */
    public RfmTree withTemperature(double t) {
        return new RfmTree(d, c, left, right, leaf, direction, threshold, spread, leaves, t);
    }

    /** Every node reached once from the root, children after their parent, leaves numbered once each. */
    private void checkStructure() {
        int nodes = leaf.length;
        if (nodes == 0 || left.length != nodes || right.length != nodes || threshold.length != nodes
                || spread.length != nodes || direction.length != (long) nodes * d || leaves.isEmpty()) {
            throw invalid("array lengths disagree with " + nodes + " nodes");
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw invalid("routing temperature " + temperature);
        }
        boolean[] seenLeaf = new boolean[leaves.size()];
        int[] parents = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            if (leaf[i] >= 0) {
                if (leaf[i] >= leaves.size() || seenLeaf[leaf[i]] || left[i] != -1 || right[i] != -1) {
                    throw invalid("node " + i + " is a malformed leaf");
                }
                seenLeaf[leaf[i]] = true;
                SingleRfm l = leaves.get(leaf[i]);
                if (l.d() != d || l.c() != c) {
                    throw invalid("leaf " + leaf[i] + " has d = " + l.d() + ", c = " + l.c() + "; the tree has " + d
                            + ", " + c);
                }
            } else {
                for (int child : new int[] {left[i], right[i]}) {
                    if (child <= i || child >= nodes || parents[child]++ != 0) {
                        throw invalid("node " + i + " has a bad child " + child);
                    }
                }
                if (!(spread[i] > 0) || !Double.isFinite(threshold[i])) {
                    throw invalid("node " + i + " has threshold " + threshold[i] + " and spread " + spread[i]);
                }
            }
        }
        for (int i = 1; i < nodes; i++) {
            if (parents[i] != 1) {
                throw invalid("node " + i + " is not reached from the root");
            }
        }
        for (boolean s : seenLeaf) {
            if (!s) {
                throw invalid("a leaf is not reached from the root");
            }
        }
    }

    private static RfmException invalid(String why) {
        return new RfmException(ErrorCode.INVALID_DATA, "inconsistent RFM tree: " + why);
    }

    /** Nodes, leaves and splits. */
    public int nodeCount() {
        return leaf.length;
    }

    public int leafCount() {
        return leaves.size();
    }

    public List<SingleRfm> leaves() {
        return leaves;
    }

    /** The leaf index of node i, or -1 for a split. */
    public int leafOf(int node) {
        return leaf[node];
    }

    public int left(int node) {
        return left[node];
    }

    public int right(int node) {
        return right[node];
    }

    /** Node i's split direction (a copy; zeros for a leaf). */
    public double[] direction(int node) {
        double[] v = new double[d];
        System.arraycopy(direction, node * d, v, 0, d);
        return v;
    }

    public double threshold(int node) {
        return threshold[node];
    }

    public double spread(int node) {
        return spread[node];
    }

    /** 0 for hard routing, else soft routing's temperature. */
    public double temperature() {
        return temperature;
    }

    /** The projection v.x of row {@code row} of {@code x} (row-major, d columns) on node i's direction. */
    double project(int node, double[] x, int row) {
        double s = 0;
        int o = node * d, xo = row * d;
        for (int a = 0; a < d; a++) {
            s += direction[o + a] * x[xo + a];
        }
        return s;
    }

    /** The leaf a point reaches by hard routing. */
    public int hardLeaf(double[] x, int row) {
        return TreePlan.hardLeaf(left, right, leaf, direction, threshold, d, x, row * d);
    }

    /**
     * The leaves a point reaches at temperature t and their weights (summing to 1), written into
     * {@code leavesOut}/{@code weightsOut}; returns how many. Hard routing when t = 0.
     */
    int route(double[] x, int row, double t, int[] leavesOut, double[] weightsOut) {
        if (t == 0) {
            leavesOut[0] = hardLeaf(x, row);
            weightsOut[0] = 1;
            return 1;
        }
        int count = descend(0, 1.0, x, row, t, leavesOut, weightsOut, 0);
        double sum = 0;
        for (int k = 0; k < count; k++) {
            sum += weightsOut[k];
        }
        for (int k = 0; k < count; k++) {
            weightsOut[k] /= sum;
        }
        return count;
    }

    private int descend(int node, double w, double[] x, int row, double t, int[] leavesOut, double[] weightsOut,
                        int count) {
        if (leaf[node] >= 0) {
            leavesOut[count] = leaf[node];
            weightsOut[count] = w;
            return count + 1;
        }
        double z = (project(node, x, row) - threshold[node]) / (t * spread[node]);
        double pRight = 1 / (1 + Math.exp(-z));
        if (pRight > CUT) {
            count = descend(right[node], w * pRight, x, row, t, leavesOut, weightsOut, count);
        }
        if (1 - pRight > CUT) {
            count = descend(left[node], w * (1 - pRight), x, row, t, leavesOut, weightsOut, count);
        }
        return count;
    }

    // ---- FittedRfm --------------------------------------------------------------------------

    @Override
    public int d() {
        return d;
    }

    @Override
    public int c() {
        return c;
    }

    @Override
    public int trainingRows() {
        int n = 0;
        for (SingleRfm l : leaves) {
            n += l.trainingRows();
        }
        return n;
    }

    @Override
    public boolean diagonal() {
        return leaves.get(0).diagonal();
    }

    /** The leaves' M weighted by their training rows. */
    @Override
    public double[] featureMatrix() {
        double[] m = new double[leaves.get(0).featureMatrix().length];
        double total = trainingRows();
        for (SingleRfm l : leaves) {
            double[] lm = l.solution().m();
            double w = l.trainingRows() / total;
            for (int i = 0; i < m.length; i++) {
                m[i] += w * lm[i];
            }
        }
        return m;
    }

    @Override
    public Kernel kernel() {
        return leaves.get(0).kernel();
    }

    @Override
    public RawPredictor open(ComputeBackend be, Precision precision) {
        return new TreePredictor(this, be, precision);
    }
}
