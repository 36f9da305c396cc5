// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tree;

import java.util.List;

import org.rfm4j.algo.SingleRfm;

/**
 * The splits of an RFM tree before its leaves are fitted: nodes in preorder (node 0 the root; a node
 * is a leaf when {@code leafOf[i] >= 0}), each split's unit direction, median threshold and spread,
 * and the rows of the planned data that each leaf holds. Hard routing here is the fitted tree's
 * ({@link RfmTree#hardLeaf}), so rows routed elsewhere (Spark's executors) reach the same leaves.
 */
public final class TreePlan {
    private final int d;
    private final int[] left;
    private final int[] right;
    private final int[] leafOf;
    private final double[] direction;
    private final double[] threshold;
    private final double[] spread;
    private final List<int[]> leafRows;

    TreePlan(int d, int[] left, int[] right, int[] leafOf, double[] direction, double[] threshold, double[] spread,
             List<int[]> leafRows) {
        this.d = d;
        this.left = left;
        this.right = right;
        this.leafOf = leafOf;
        this.direction = direction;
        this.threshold = threshold;
        this.spread = spread;
        this.leafRows = List.copyOf(leafRows);
    }

    public int d() {
        return d;
    }

    public int nodeCount() {
        return leafOf.length;
    }

    public int leafCount() {
        return leafRows.size();
    }

    /** Rows (ascending indices into the planned data) of leaf k. */
    public int[] leafRows(int k) {
        return leafRows.get(k).clone();
    }

    public int[] left() {
        return left.clone();
    }

    public int[] right() {
        return right.clone();
    }

    public int[] leafOf() {
        return leafOf.clone();
    }

    /** nodes x d, row-major; zeros for a leaf. */
    public double[] directions() {
        return direction.clone();
    }

    public double[] thresholds() {
        return threshold.clone();
    }

    public double[] spreads() {
        return spread.clone();
    }

    /** The leaf that hard routing sends x[offset .. offset + d) to. */
    public int hardLeaf(double[] x, int offset) {
        return hardLeaf(left, right, leafOf, direction, threshold, d, x, offset);
    }

    /** Hard routing over plain arrays: the one rule, for plans, their copies and {@link RfmTree#hardLeaf}. */
    public static int hardLeaf(int[] left, int[] right, int[] leafOf, double[] direction, double[] threshold, int d,
                               double[] x, int offset) {
        int node = 0;
        while (leafOf[node] < 0) {
            double s = 0;
            for (int a = 0; a < d; a++) {
                s += direction[node * d + a] * x[offset + a];
            }
            node = s <= threshold[node] ? left[node] : right[node];
        }
        return leafOf[node];
    }

    /** The tree with these splits and the given fitted leaves (by leaf index), routing hard. */
    public RfmTree assemble(List<SingleRfm> leaves, int c) {
        return new RfmTree(d, c, left, right, leafOf, direction, threshold, spread, leaves, 0);
    }
}
