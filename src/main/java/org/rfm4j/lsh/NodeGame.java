// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

import java.util.Arrays;

/**
 * The zero-sum game of one tree node (EXPERIMENTS.md section 7).
 *
 * <p>For the node's points P_v (m of them) and each coordinate i and bit b, {@code n_(i,b)} counts the
 * points with bit i equal to b, and {@code w_(i,b) = n_(i,b)^(-rho)} (0 when the count is 0: no point
 * can have that bit). The splitter picks a distribution pi over the d coordinates; the adversary picks a
 * point p of P_v and a set F of r coordinates to flip. The payoff to the splitter is
 * <pre>
 *   A(pi; p, F) = sum_{i not in F} pi_i * w_(i, p_i).
 * </pre>
 * A split on coordinate i sends a query made from p by flipping F to p's child exactly when i is not in
 * F, and that child holds {@code n_(i,p_i)} points; so A is the chance of following p weighted by how
 * much the split shrinks p's node, and max_pi min_(p,F) A is the best worst-case progress.
 *
 * <p>The adversary's best response to pi: for each p, flip the r coordinates with the largest
 * {@code pi_i w_(i,p_i)} (ties to the larger coordinate), then take the p with the smallest payoff (ties to
 * the first point). It is computed for all m points at once: the 2d entries {@code (i, b, pi_i w_(i,b))}
 * are put in a max-heap, and the entries are dealt in descending order to the points whose bit i is b (column
 * bitsets of the node), each point taking its first r; the cost per call is O(d + total ones +
 * r m + e (log d + m / 64)), e the number of entries dealt.
 *
 * <p>Not thread-safe (it keeps scratch buffers); one game per node per thread.
 */
public final class NodeGame {
    private final int m;
    private final int d;
    private final int[] coords;
    private final int words;
    private final int mw;
    private final long[] rows;
    private final int[] ones;
    private final double[] w0;
    private final double[] w1;
    private final long[] cols1;
    private final long[] valid;
    // scratch
    private final double[] sums;
    private final double[] top;
    private final int[] taken;
    private final long[] active;
    private final long[] keys;
    private final long[] order;

    /**
     * Sets up the game of the node holding {@code members} (row indices of {@code data}, not modified)
     * over all d coordinates.
     *
     * @param rho the exponent of the weights, positive
     */
    public NodeGame(BitMatrix data, int[] members, double rho) {
        this(data, members, rho, allCoordinates(data.cols()));
    }

    /**
     * Sets up the game over a subset of the coordinates: game coordinate k is data coordinate
     * {@code coords[k]}, and the splitter's distribution lives on those only.
     *
     * @param coords distinct data coordinates, at least one, not modified
     */
    public NodeGame(BitMatrix data, int[] members, double rho, int[] coords) {
        this.m = members.length;
        this.d = coords.length;
        this.coords = coords.clone();
        this.words = BitMatrix.wordsFor(Math.max(d, 1));
        this.mw = (m + 63) >>> 6;
        if (m == 0 || d == 0) {
            throw new IllegalArgumentException("a node game needs at least one point and one coordinate");
        }
        long[] src = data.raw();
        int srcWords = data.words();
        rows = new long[m * words];
        ones = new int[d];
        cols1 = new long[d * mw];
        for (int j = 0; j < m; j++) {
            int base = members[j] * srcWords;
            for (int k = 0; k < d; k++) {
                int c = coords[k];
                if ((src[base + (c >>> 6)] >>> c & 1L) != 0) {
                    rows[j * words + (k >>> 6)] |= 1L << k;
                    ones[k]++;
                    cols1[k * mw + (j >>> 6)] |= 1L << j;
                }
            }
        }
        w0 = new double[d];
        w1 = new double[d];
        for (int i = 0; i < d; i++) {
            int n1 = ones[i];
            int n0 = m - n1;
            w0[i] = n0 > 0 ? Math.pow(n0, -rho) : 0.0;
            w1[i] = n1 > 0 ? Math.pow(n1, -rho) : 0.0;
        }
        valid = new long[mw];
        Arrays.fill(valid, -1L);
        if ((m & 63) != 0) {
            valid[mw - 1] = (1L << (m & 63)) - 1;
        }
        sums = new double[m];
        top = new double[m];
        taken = new int[m];
        active = new long[mw];
        keys = new long[2 * d];
        order = new long[2 * d];
    }

    /**
     * The game over the coordinates that split the node (0 &lt; n_(i,1) &lt; m), or null if none does.
     * Coordinates on which all points agree only give a one-sided split that makes no progress; leaving
     * them out shrinks deep nodes' games several-fold (most pixels are constant in a small node).
     */
    public static NodeGame overSplittingCoordinates(BitMatrix data, int[] members, double rho) {
        int d = data.cols();
        int w = data.words();
        long[] src = data.raw();
        long[] and = new long[w];
        long[] or = new long[w];
        Arrays.fill(and, -1L);
        for (int p : members) {
            for (int k = 0; k < w; k++) {
                and[k] &= src[p * w + k];
                or[k] |= src[p * w + k];
            }
        }
        int[] coords = new int[d];
        int c = 0;
        for (int i = 0; i < d; i++) {
            long varies = (and[i >>> 6] ^ or[i >>> 6]) >>> i & 1L;
            if (varies != 0) {
                coords[c++] = i;
            }
        }
        return c == 0 ? null : new NodeGame(data, members, rho, Arrays.copyOf(coords, c));
    }

    private static int[] allCoordinates(int d) {
        int[] c = new int[d];
        for (int i = 0; i < d; i++) {
            c[i] = i;
        }
        return c;
    }

    /** The data coordinate of game coordinate k. */
    public int coordinate(int k) {
        return coords[k];
    }

    /** Number of points in the node. */
    public int size() {
        return m;
    }

    /** Number of game coordinates (d, or fewer for a game over a subset). */
    public int dims() {
        return d;
    }

    /** {@code n_(i,1)}, the points of the node with bit i set. */
    public int ones(int i) {
        return ones[i];
    }

    /** {@code w_(i,b) = n_(i,b)^(-rho)}, 0 when {@code n_(i,b) = 0}. */
    public double weight(int i, boolean b) {
        return b ? w1[i] : w0[i];
    }

    /** Game coordinate i of the node's point j (j indexes {@code members}). */
    public boolean bit(int j, int i) {
        return (rows[j * words + (i >>> 6)] >>> i & 1L) != 0;
    }

    /**
     * The adversary's best response to {@code pi}: the point and the r flips minimising
     * {@code A(pi; p, F)}.
     *
     * @param pi a distribution over the d coordinates, not modified
     * @param r  flips, clipped to d
     */
    public Response bestResponse(double[] pi, int r) {
        int flips = Math.min(r, d);
        // S_p = sum_i pi_i w_(i,p_i) = sum_i pi_i w_(i,0) + sum_{i: p_i = 1} pi_i (w_(i,1) - w_(i,0))
        double base = 0;
        for (int i = 0; i < d; i++) {
            base += pi[i] * w0[i];
        }
        for (int j = 0; j < m; j++) {
            double s = base;
            for (int w = 0; w < words; w++) {
                long x = rows[j * words + w];
                while (x != 0) {
                    int i = (w << 6) + Long.numberOfTrailingZeros(x);
                    x &= x - 1;
                    s += pi[i] * (w1[i] - w0[i]);
                }
            }
            sums[j] = s;
        }
        int entries = heapifyEntries(pi);
        Arrays.fill(top, 0.0);
        int dealt = flips > 0 ? dealTopEntries(entries, pi, flips) : 0;
        int worst = 0;
        double worstPayoff = Double.POSITIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            double a = sums[j] - top[j];
            if (a < worstPayoff) {
                worstPayoff = a;
                worst = j;
            }
        }
        // the worst point took its r entries among those dealt, in the order dealt
        int[] flipped = new int[flips];
        int got = 0;
        for (int e = 0; e < dealt && got < flips; e++) {
            int entry = (int) order[e];
            int i = entry >>> 1;
            if (bit(worst, i) == ((entry & 1) == 1)) {
                flipped[got++] = i;
            }
        }
        return new Response(worst, Math.max(worstPayoff, 0.0), Arrays.copyOf(flipped, got));
    }

    /** n_(i,b): the node's points with bit i equal to b. */
    public int count(int i, boolean b) {
        return b ? ones[i] : m - ones[i];
    }

    /**
     * Fills {@code keys[0..k)} with the entries (i, b) that some point has, as a max-heap on
     * {@code pi_i w_(i,b)} (as a float) then on the entry id {@code 2i + b}; returns k. A heap, not a sort:
     * the deal usually stops after a few dozen entries.
     */
    private int heapifyEntries(double[] pi) {
        int k = 0;
        for (int i = 0; i < d; i++) {
            if (ones[i] < m) {
                keys[k++] = key(pi[i] * w0[i], 2 * i);
            }
            if (ones[i] > 0) {
                keys[k++] = key(pi[i] * w1[i], 2 * i + 1);
            }
        }
        for (int h = (k >>> 1) - 1; h >= 0; h--) {
            siftDown(h, k);
        }
        return k;
    }

    private void siftDown(int h, int size) {
        long x = keys[h];
        while (true) {
            int c = 2 * h + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && keys[c + 1] > keys[c]) {
                c++;
            }
            if (keys[c] <= x) {
                break;
            }
            keys[h] = keys[c];
            h = c;
        }
        keys[h] = x;
    }

    private static long key(double value, int entry) {
        // non-negative floats order like their bit patterns
        return ((long) Float.floatToIntBits((float) Math.max(value, 0.0)) << 32) | entry;
    }

    /**
     * Pops entries from the heap in descending order into {@code order}; each point adds its first
     * {@code flips} matching values to top[]. Stops when every point has its {@code flips}; returns the
     * number of entries popped.
     */
    private int dealTopEntries(int entries, double[] pi, int flips) {
        Arrays.fill(taken, 0);
        System.arraycopy(valid, 0, active, 0, mw);
        int remaining = m;
        int size = entries;
        int dealt = 0;
        while (size > 0 && remaining > 0) {
            long k = keys[0];
            keys[0] = keys[--size];
            siftDown(0, size);
            order[dealt++] = k;
            int entry = (int) k;
            int i = entry >>> 1;
            boolean b = (entry & 1) == 1;
            double v = pi[i] * (b ? w1[i] : w0[i]);
            int off = i * mw;
            for (int w = 0; w < mw; w++) {
                long col = b ? cols1[off + w] : ~cols1[off + w] & valid[w];
                long x = col & active[w];
                while (x != 0) {
                    int t = Long.numberOfTrailingZeros(x);
                    x &= x - 1;
                    int j = (w << 6) + t;
                    top[j] += v;
                    if (++taken[j] == flips) {
                        active[w] &= ~(1L << t);
                        remaining--;
                    }
                }
            }
        }
        return dealt;
    }

    /**
     * The adversary's move and its payoff.
     *
     * @param point   index into the node's members of the worst point p
     * @param payoff  {@code A(pi; p, F)}
     * @param flipped the coordinates F the adversary flips
     */
    public record Response(int point, double payoff, int[] flipped) {
    }
}
