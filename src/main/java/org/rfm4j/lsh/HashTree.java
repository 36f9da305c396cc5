// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

/**
 * One hash tree, stored flat. Node k is a leaf when {@code coord[k] < 0}; its bucket is
 * {@code items[leafStart[k] .. leafStart[k] + leafLen[k])}. Otherwise a query goes to {@code child1[k]}
 * if its bit {@code coord[k]} is set, else to {@code child0[k]}; a child of -1 is empty (the split put
 * no point on that side: the query falls out of the tree). Node 0 is the root. Immutable once built.
 */
public final class HashTree {
    private final int[] coord;
    private final int[] child0;
    private final int[] child1;
    private final int[] leafStart;
    private final int[] leafLen;
    private final int[] items;

    HashTree(int[] coord, int[] child0, int[] child1, int[] leafStart, int[] leafLen, int[] items) {
        this.coord = coord;
        this.child0 = child0;
        this.child1 = child1;
        this.leafStart = leafStart;
        this.leafLen = leafLen;
        this.items = items;
    }

    /**
     * The leaf that the packed vector {@code q[off .. off + words)} reaches, or -1 if it falls into an
     * empty child.
     */
    public int leafOf(long[] q, int off) {
        int k = 0;
        while (coord[k] >= 0) {
            int i = coord[k];
            k = (q[off + (i >>> 6)] >>> i & 1L) != 0 ? child1[k] : child0[k];
            if (k < 0) {
                return -1;
            }
        }
        return k;
    }

    /** Whether the leaf that {@code q} reaches holds {@code point}. */
    public boolean collides(long[] q, int off, int point) {
        int leaf = leafOf(q, off);
        if (leaf < 0) {
            return false;
        }
        for (int s = leafStart[leaf], e = s + leafLen[leaf]; s < e; s++) {
            if (items[s] == point) {
                return true;
            }
        }
        return false;
    }

    /** Start of leaf {@code k}'s bucket in {@link #items()}. */
    int bucketStart(int k) {
        return leafStart[k];
    }

    /** Size of leaf {@code k}'s bucket. */
    public int bucketSize(int k) {
        return leafLen[k];
    }

    /** The bucket contents of all leaves, concatenated; shared, never modified. */
    int[] items() {
        return items;
    }

    /** Number of nodes, leaves included. */
    public int nodes() {
        return coord.length;
    }

    /** Whether node k is a leaf. */
    public boolean isLeaf(int k) {
        return coord[k] < 0;
    }

    /** Largest bucket. */
    public int maxBucket() {
        int mx = 0;
        for (int k = 0; k < coord.length; k++) {
            if (coord[k] < 0) {
                mx = Math.max(mx, leafLen[k]);
            }
        }
        return mx;
    }

    /** Mean number of split nodes on the path from the root to each point's leaf. */
    public double meanDepth() {
        long total = 0;
        long count = 0;
        int[] depth = new int[coord.length];
        // children are always allocated after their parent, so one forward pass sets every depth
        for (int k = 0; k < coord.length; k++) {
            if (coord[k] >= 0) {
                if (child0[k] >= 0) {
                    depth[child0[k]] = depth[k] + 1;
                }
                if (child1[k] >= 0) {
                    depth[child1[k]] = depth[k] + 1;
                }
            } else {
                total += (long) depth[k] * leafLen[k];
                count += leafLen[k];
            }
        }
        return count == 0 ? 0 : (double) total / count;
    }
}
