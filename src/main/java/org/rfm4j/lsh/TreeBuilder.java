// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows one hash tree over all points of a {@link BitMatrix}.
 *
 * <p>At a node with points P: if |P| is at most the bucket size, or all points of P are equal, the node
 * is a leaf. Otherwise a coordinate i is drawn from the sampler's distribution for P; if all of P agree
 * on bit i (the split separates nothing) the node is a one-sided filter (the other child is empty) and
 * the draw repeats at its child, which holds the same P; else P is split by bit i into two non-empty
 * children, grown in turn. After {@code 8 d} filters in a row at one point set, the draw falls back to a
 * uniform coordinate among those that split P, so the build always ends.
 */
final class TreeBuilder {
    private final BitMatrix data;
    private final CoordinateSampler sampler;
    private final int bucket;
    private final SplittableRandom rng;
    private final IntList coord = new IntList();
    private final IntList child0 = new IntList();
    private final IntList child1 = new IntList();
    private final IntList leafStart = new IntList();
    private final IntList leafLen = new IntList();
    private final IntList items = new IntList();

    private TreeBuilder(BitMatrix data, CoordinateSampler sampler, int bucket, SplittableRandom rng) {
        this.data = data;
        this.sampler = sampler;
        this.bucket = bucket;
        this.rng = rng;
    }

    /** Builds one tree; {@code rng} is this tree's own generator. */
    static HashTree build(BitMatrix data, CoordinateSampler sampler, int bucket, SplittableRandom rng) {
        TreeBuilder b = new TreeBuilder(data, sampler, bucket, rng);
        int[] all = new int[data.rows()];
        for (int p = 0; p < all.length; p++) {
            all[p] = p;
        }
        b.grow(all);
        return new HashTree(b.coord.toArray(), b.child0.toArray(), b.child1.toArray(), b.leafStart.toArray(),
                b.leafLen.toArray(), b.items.toArray());
    }

    /** Grows the subtree for {@code members} (sorted) and returns its root's index. */
    private int grow(int[] members) {
        if (members.length <= bucket || allEqual(members)) {
            return leaf(members);
        }
        CoordinateSampler.NodeDistribution dist = sampler.forNode(members);
        int first = -1;
        int previous = -1;
        boolean previousSide = false;
        int filters = 0;
        int d = data.cols();
        while (true) {
            int i = filters < 8 * d ? dist.draw(rng) : drawSplitting(members);
            int ones = countOnes(members, i);
            int node = newNode(i);
            if (previous < 0) {
                first = node;
            } else if (previousSide) {
                child1.set(previous, node);
            } else {
                child0.set(previous, node);
            }
            if (ones == 0 || ones == members.length) {
                // one-sided: the child on the points' side holds the same set, the other side stays empty
                previous = node;
                previousSide = ones == members.length;
                filters++;
                continue;
            }
            int[] left = new int[members.length - ones];
            int[] right = new int[ones];
            int a = 0;
            int b = 0;
            for (int p : members) {
                if (bit(p, i)) {
                    right[b++] = p;
                } else {
                    left[a++] = p;
                }
            }
            int c0 = grow(left);
            int c1 = grow(right);
            child0.set(node, c0);
            child1.set(node, c1);
            return first;
        }
    }

    private int newNode(int i) {
        int k = coord.size();
        coord.add(i);
        child0.add(-1);
        child1.add(-1);
        leafStart.add(0);
        leafLen.add(0);
        return k;
    }

    private int leaf(int[] members) {
        int k = coord.size();
        coord.add(-1);
        child0.add(-1);
        child1.add(-1);
        leafStart.add(items.size());
        leafLen.add(members.length);
        for (int p : members) {
            items.add(p);
        }
        return k;
    }

    private boolean allEqual(int[] members) {
        long[] bits = data.raw();
        int w = data.words();
        int base = members[0] * w;
        for (int p : members) {
            for (int k = 0; k < w; k++) {
                if (bits[p * w + k] != bits[base + k]) {
                    return false;
                }
            }
        }
        return true;
    }

    private int drawSplitting(int[] members) {
        int d = data.cols();
        int[] candidates = new int[d];
        int c = 0;
        for (int i = 0; i < d; i++) {
            int ones = countOnes(members, i);
            if (ones > 0 && ones < members.length) {
                candidates[c++] = i;
            }
        }
        return candidates[rng.nextInt(c)];
    }

    private int countOnes(int[] members, int i) {
        int n = 0;
        for (int p : members) {
            if (bit(p, i)) {
                n++;
            }
        }
        return n;
    }

    private boolean bit(int p, int i) {
        return (data.raw()[p * data.words() + (i >>> 6)] >>> i & 1L) != 0;
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] a = new int[64];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int get(int k) {
            return a[k];
        }

        void set(int k, int v) {
            a[k] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
