// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.io.Serializable;

import org.rfm4j.tree.TreePlan;

/**
 * A tree's splits as plain arrays (nodes in preorder, a node a leaf when {@code leafOf >= 0}), shipped
 * to the executors: hard routing by the rule of the fitted tree.
 */
final class Router implements Serializable {
    private static final long serialVersionUID = 1L;

    final int d;
    final int[] left;
    final int[] right;
    final int[] leafOf;
    final double[] direction;
    final double[] threshold;
    final double[] spread;
    final int leaves;

    Router(int d, int[] left, int[] right, int[] leafOf, double[] direction, double[] threshold, double[] spread,
           int leaves) {
        this.d = d;
        this.left = left;
        this.right = right;
        this.leafOf = leafOf;
        this.direction = direction;
        this.threshold = threshold;
        this.spread = spread;
        this.leaves = leaves;
    }

    Router(TreePlan plan) {
        this(plan.d(), plan.left(), plan.right(), plan.leafOf(), plan.directions(), plan.thresholds(), plan.spreads(),
                plan.leafCount());
    }

    int leaf(double[] x) {
        return TreePlan.hardLeaf(left, right, leafOf, direction, threshold, d, x, 0);
    }
}
