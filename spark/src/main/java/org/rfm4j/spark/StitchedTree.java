// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The driver's splits with each of its leaves ("parts") replaced by the subtree a task planned below it:
 * one tree in preorder, leaves numbered in preorder, with every leaf's outcome in that order.
 */
final class StitchedTree {
    final int d;
    private final List<Integer> left = new ArrayList<>();
    private final List<Integer> right = new ArrayList<>();
    private final List<Integer> leafOf = new ArrayList<>();
    private final List<double[]> direction = new ArrayList<>();
    private final List<Double> threshold = new ArrayList<>();
    private final List<Double> spread = new ArrayList<>();
    final List<LeafOutcome> leaves = new ArrayList<>();

    /** @param parts the subtree of each of the top's leaves, by the top's leaf index */
    StitchedTree(Router top, List<SubtreeOutcome> parts) {
        this.d = top.d;
        top(top, parts, 0);
    }

    private int top(Router top, List<SubtreeOutcome> parts, int node) {
        if (top.leafOf[node] >= 0) {
            SubtreeOutcome part = parts.get(top.leafOf[node]);
            return sub(part, 0);
        }
        int at = add(top, node, -1);
        left.set(at, top(top, parts, top.left[node]));
        right.set(at, top(top, parts, top.right[node]));
        return at;
    }

    private int sub(SubtreeOutcome part, int node) {
        Router s = part.splits;
        if (s.leafOf[node] >= 0) {
            int at = add(s, node, leaves.size());
            leaves.add(part.leaves.get(s.leafOf[node]));
            return at;
        }
        int at = add(s, node, -1);
        left.set(at, sub(part, s.left[node]));
        right.set(at, sub(part, s.right[node]));
        return at;
    }

    private int add(Router from, int node, int leaf) {
        left.add(-1);
        right.add(-1);
        leafOf.add(leaf);
        double[] v = new double[d];
        System.arraycopy(from.direction, node * d, v, 0, d);
        direction.add(v);
        threshold.add(from.threshold[node]);
        spread.add(from.spread[node]);
        return left.size() - 1;
    }

    /** The stitched splits, for routing and for the fitted tree. */
    Router router() {
        double[] dir = new double[direction.size() * d];
        for (int i = 0; i < direction.size(); i++) {
            System.arraycopy(direction.get(i), 0, dir, i * d, d);
        }
        return new Router(d, left.stream().mapToInt(Integer::intValue).toArray(),
                right.stream().mapToInt(Integer::intValue).toArray(), leafOf.stream().mapToInt(Integer::intValue).toArray(),
                dir, threshold.stream().mapToDouble(Double::doubleValue).toArray(),
                spread.stream().mapToDouble(Double::doubleValue).toArray(), leaves.size());
    }
}
