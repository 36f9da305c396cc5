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
    // the multiplicative-weights rounds' fast path (multiplicativeWeights), built on first use
    private int[] onesStart;
    private int[] onesIdx;
    private int[] topCoords;
    private long[] colsBoth; // entry e = 2i + b: the node's points with bit i equal to b
    private int topLen;

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

    /** {@link #key} for a value known to be non-negative and not NaN (pi_i w_(i,b) always is). */
    private static long rawKey(double value, int entry) {
        return ((long) Float.floatToRawIntBits((float) value) << 32) | entry;
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
     * The rounds of {@link GameSolver#solve}: T rounds of multiplicative weights against the adversary's
     * best response, returning the sum (not yet the average) of the strategies pi_1 .. pi_T. The same
     * arithmetic in the same order as {@link #bestResponse} and the reference loop of {@link GameSolver},
     * so the result is bit for bit the same; only the bookkeeping is cheaper:
     * <ul>
     *   <li>the adversary's deal takes the entries above a threshold (the previous round's last dealt
     *   value, lowered by an adaptive margin) in one pass and sorts only those (a counting sort on the
     *   float bits), instead of heapifying all 2d entries; if they run out before every point has its r
     *   entries, the next band below is taken and sorted, and so on, so the order of the entries dealt is
     *   always the full descending order (the keys are distinct: they end in the entry id);</li>
     *   <li>the sums {@code S_p} add precomputed {@code pi_i (w_(i,1) - w_(i,0))} over each point's ones (a
     *   list per point), four points at a time, in the same order per point;</li>
     *   <li>{@code g_max} comes from each point's r + 1 largest weights, not a pass over d;</li>
     *   <li>the normalisation of round t is fused with round t + 1's pass over pi (sum into pibar, base
     *   sum, entry keys); the update looks up n_(i,p_i) and w_(i,p_i) by entry, without branches.</li>
     * </ul>
     *
     * @param r    the adversary's flips (clipped to d)
     * @param step {@code ln(1 / beta)}
     */
    double[] multiplicativeWeights(int r, int rounds, double step) {
        int flips = Math.min(r, d);
        prepareFastPath(flips);
        double[] pi = new double[d];
        Arrays.fill(pi, 1.0 / d);
        double[] pibar = new double[d];
        double[] dv = new double[d];
        double[] dw = new double[d];
        for (int i = 0; i < d; i++) {
            dw[i] = w1[i] - w0[i];
        }
        long[] all = new long[2 * d];
        int[] countOf = new int[2 * d]; // n_(i,b) and w_(i,b) by entry 2i + b
        double[] weightOf = new double[2 * d];
        for (int i = 0; i < d; i++) {
            countOf[2 * i] = m - ones[i];
            countOf[2 * i + 1] = ones[i];
            weightOf[2 * i] = w0[i];
            weightOf[2 * i + 1] = w1[i];
        }
        double[] factorByCount = new double[m + 1];
        int[] flippedSorted = new int[flips];
        long threshold = -1L; // keys above it are the first band of candidates; -1: all
        float gap = 0.05f; // the first band reaches down to (1 - gap) times the last value dealt
        boolean scanned = false;
        for (int t = 0; t < rounds; t++) {
            if (!scanned) {
                // round 0, or a round after one without update: sum pi into pibar and scan it
                scan(pi, pibar, dv, dw, all, 1.0, false, threshold);
            }
            scanned = false;
            // the adversary: S_p, then the deal, then the worst point
            pointSums(scanBase, dv);
            int dealt = 0;
            if (flips > 0) {
                dealt = dealInBands(all, threshold, pi, flips);
                // next round's first band: the entries above this round's last dealt value, less a margin
                // that widens when the band ran out and narrows when most of it went unused
                if (dealtBands > 1) {
                    gap = Math.min(0.5f, gap * 1.5f);
                } else if (scanCand - dealt > dealt / 2 + 8) {
                    gap = Math.max(0.001f, gap * 0.8f);
                }
                float last = Float.intBitsToFloat((int) (order[dealt - 1] >>> 32));
                threshold = (long) Float.floatToIntBits(last * (1 - gap)) << 32;
            } else {
                Arrays.fill(top, 0.0);
            }
            int worst = 0;
            double worstPayoff = Double.POSITIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                double a = sums[j] - top[j];
                if (a < worstPayoff) {
                    worstPayoff = a;
                    worst = j;
                }
            }
            int got = 0;
            for (int e = 0; e < dealt && got < flips; e++) {
                int entry = (int) order[e];
                int i = entry >>> 1;
                if (bit(worst, i) == ((entry & 1) == 1)) {
                    flippedSorted[got++] = i;
                }
            }
            Arrays.sort(flippedSorted, 0, got);
            // g_max = max over the coordinates not flipped of w_(i,p_i): among the point's r + 1 largest
            double gmax = 0;
            int tb = worst * topLen;
            for (int k = 0; k < topLen; k++) {
                int i = topCoords[tb + k];
                if (!contains(flippedSorted, got, i)) {
                    gmax = bit(worst, i) ? w1[i] : w0[i];
                    break;
                }
            }
            if (gmax <= 0) {
                continue; // every coordinate flipped: no information this round
            }
            // u_i <- u_i * beta^(-g_i / g_max), the factor computed once per count n_(i,p_i)
            Arrays.fill(factorByCount, 0.0);
            double sum = 0;
            int next = 0;
            int nextFlip = got > 0 ? flippedSorted[0] : -1;
            int rowBase = worst * words;
            for (int i = 0; i < d; i++) {
                double f = 1.0;
                if (i == nextFlip) {
                    next++;
                    nextFlip = next < got ? flippedSorted[next] : -1;
                } else {
                    int e = 2 * i + (int) (rows[rowBase + (i >>> 6)] >>> i & 1L); // entry (i, p_i)
                    int c = countOf[e];
                    f = factorByCount[c];
                    if (f == 0.0) {
                        f = Math.exp(step * weightOf[e] / gmax);
                        factorByCount[c] = f;
                    }
                }
                pi[i] *= f;
                sum += pi[i];
            }
            if (t + 1 < rounds) {
                // normalise, fused with the next round's scan
                scan(pi, pibar, dv, dw, all, sum, true, threshold);
                scanned = true;
            }
        }
        return pibar;
    }

    // results of scan() and dealInBands()
    private double scanBase;
    private int scanCand;
    private int scanEntries;
    private int dealtBands;

    /**
     * One pass over pi (divided by {@code sum} and flushed to 0 below 1e-250 first when {@code normalise}):
     * adds it into pibar, sets {@code dv = pi (w1 - w0)} and {@link #scanBase} {@code = sum_i pi_i w_(i,0)}
     * (ascending i, as {@link #bestResponse} adds it), writes the keys of all entries to {@code all} and
     * those above {@code threshold} to {@code keys} (counts in {@link #scanEntries}, {@link #scanCand}).
     */
    private void scan(double[] pi, double[] pibar, double[] dv, double[] dw, long[] all, double sum, boolean normalise,
                      long threshold) {
        double base = 0;
        int cand = 0;
        int e = 0;
        for (int i = 0; i < d; i++) {
            double v = pi[i];
            if (normalise) {
                v = v / sum;
                v = v < 1e-250 ? 0.0 : v; // no subnormals: such a weight never matters again
                pi[i] = v;
            }
            pibar[i] += v;
            base += v * w0[i];
            dv[i] = v * dw[i];
            int n1 = ones[i];
            if (n1 < m) {
                long k = rawKey(v * w0[i], 2 * i);
                all[e++] = k;
                keys[cand] = k;
                cand += (int) ((threshold - k) >>> 63); // k > threshold, both in [-1, 2^63)
            }
            if (n1 > 0) {
                long k = rawKey(v * w1[i], 2 * i + 1);
                all[e++] = k;
                keys[cand] = k;
                cand += (int) ((threshold - k) >>> 63);
            }
        }
        scanBase = base;
        scanCand = cand;
        scanEntries = e;
    }

    /**
     * The deal of {@link #dealTopEntries} with the entries in descending key order, band by band: first the
     * candidates {@code keys[0..scanCand)} (the entries above {@code threshold}), sorted; while some point
     * lacks its r entries, the next band down from {@code all}, each band twice as deep below its top as
     * the one before, the last one everything left. Fills top[] and order[]; returns the entries dealt and
     * the bands used in {@link #dealtBands}.
     */
    private int dealInBands(long[] all, long threshold, double[] pi, int flips) {
        Arrays.fill(top, 0.0);
        Arrays.fill(taken, 0);
        System.arraycopy(valid, 0, active, 0, mw);
        int remaining = m;
        int dealt = 0;
        int size = scanCand;
        long hi = Long.MAX_VALUE; // the band holds the keys in (lo, hi]
        long lo = threshold;
        float depth = 0.1f;
        int bands = 0;
        while (true) {
            bands++;
            sortKeys(size);
            for (int c = size - 1; c >= 0 && remaining > 0; c--) {
                long k = keys[c];
                order[dealt++] = k;
                remaining = dealEntry((int) k, pi, flips, remaining);
            }
            if (remaining == 0 || lo < 0) {
                break;
            }
            hi = lo;
            float v = Float.intBitsToFloat((int) (hi >>> 32));
            lo = bands >= 4 || v <= 0 ? -1L : (long) Float.floatToIntBits(v * (1 - depth)) << 32;
            depth *= 2;
            size = 0;
            for (int e = 0; e < scanEntries; e++) {
                long k = all[e];
                keys[size] = k;
                size += (int) (((lo - k) & (k - hi - 1)) >>> 63); // lo < k <= hi
            }
        }
        dealtBands = bands;
        return dealt;
    }

    private static boolean contains(int[] sorted, int n, int x) {
        for (int k = 0; k < n; k++) {
            if (sorted[k] == x) {
                return true;
            }
        }
        return false;
    }

    /** Each point's ones as a list, and each point's r + 1 coordinates of largest weight. */
    private void prepareFastPath(int flips) {
        if (onesStart != null && topLen == Math.min(flips + 1, d)) {
            return;
        }
        int total = 0;
        for (int i = 0; i < d; i++) {
            total += ones[i];
        }
        onesStart = new int[m + 1];
        onesIdx = new int[total];
        int k = 0;
        for (int j = 0; j < m; j++) {
            onesStart[j] = k;
            for (int w = 0; w < words; w++) {
                long x = rows[j * words + w];
                while (x != 0) {
                    onesIdx[k++] = (w << 6) + Long.numberOfTrailingZeros(x);
                    x &= x - 1;
                }
            }
        }
        onesStart[m] = k;
        colsBoth = new long[2 * d * mw];
        for (int i = 0; i < d; i++) {
            for (int w = 0; w < mw; w++) {
                colsBoth[2 * i * mw + w] = ~cols1[i * mw + w] & valid[w];
                colsBoth[(2 * i + 1) * mw + w] = cols1[i * mw + w];
            }
        }
        topLen = Math.min(flips + 1, d);
        topCoords = new int[m * topLen];
        double[] tw = new double[topLen];
        for (int j = 0; j < m; j++) {
            int n = 0;
            int b = j * topLen;
            for (int i = 0; i < d; i++) {
                double w = bit(j, i) ? w1[i] : w0[i];
                if (n == topLen && w <= tw[n - 1]) {
                    continue;
                }
                // insert, keeping tw[0..n) descending
                int pos = n == topLen ? n - 1 : n++;
                while (pos > 0 && tw[pos - 1] < w) {
                    tw[pos] = tw[pos - 1];
                    topCoords[b + pos] = topCoords[b + pos - 1];
                    pos--;
                }
                tw[pos] = w;
                topCoords[b + pos] = i;
            }
        }
    }

    /** sums[j] = base + sum over the ones i of point j, ascending, of dv[i]; four points interleaved. */
    private void pointSums(double base, double[] dv) {
        int[] st = onesStart;
        int[] idx = onesIdx;
        int j = 0;
        for (; j + 3 < m; j += 4) {
            int a0 = st[j], e0 = st[j + 1];
            int a1 = e0, e1 = st[j + 2];
            int a2 = e1, e2 = st[j + 3];
            int a3 = e2, e3 = st[j + 4];
            double s0 = base, s1 = base, s2 = base, s3 = base;
            int common = Math.min(Math.min(e0 - a0, e1 - a1), Math.min(e2 - a2, e3 - a3));
            for (int k = 0; k < common; k++) {
                s0 += dv[idx[a0 + k]];
                s1 += dv[idx[a1 + k]];
                s2 += dv[idx[a2 + k]];
                s3 += dv[idx[a3 + k]];
            }
            for (int k = a0 + common; k < e0; k++) {
                s0 += dv[idx[k]];
            }
            for (int k = a1 + common; k < e1; k++) {
                s1 += dv[idx[k]];
            }
            for (int k = a2 + common; k < e2; k++) {
                s2 += dv[idx[k]];
            }
            for (int k = a3 + common; k < e3; k++) {
                s3 += dv[idx[k]];
            }
            sums[j] = s0;
            sums[j + 1] = s1;
            sums[j + 2] = s2;
            sums[j + 3] = s3;
        }
        for (; j < m; j++) {
            double s = base;
            for (int k = st[j], e = st[j + 1]; k < e; k++) {
                s += dv[idx[k]];
            }
            sums[j] = s;
        }
    }

    /**
     * Sorts {@code keys[0..n)} ascending: a counting sort on the float bits (the top 32 bits of a key)
     * into about 2n buckets between the smallest and the largest, then an insertion sort, which only has
     * the few keys of a bucket to order.
     */
    private void sortKeys(int n) {
        if (n < 24) {
            insertionSort(keys, n);
            return;
        }
        long[] a = keys;
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        for (int k = 0; k < n; k++) {
            int f = (int) (a[k] >>> 32);
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        int bucketBits = 32 - Integer.numberOfLeadingZeros(2 * n - 1); // 2^bucketBits >= 2n
        int range = hi - lo; // float bits are non-negative: no overflow
        int shift = Math.max(0, (32 - Integer.numberOfLeadingZeros(range)) - bucketBits);
        int buckets = (range >>> shift) + 1;
        if (bucketCount.length < buckets + 1) {
            bucketCount = new int[Math.max(buckets + 1, 2 * bucketCount.length)];
        }
        if (sortBuf.length < n) {
            sortBuf = new long[Math.max(n, 2 * sortBuf.length)];
        }
        int[] cnt = bucketCount;
        Arrays.fill(cnt, 0, buckets + 1, 0);
        for (int k = 0; k < n; k++) {
            cnt[(((int) (a[k] >>> 32)) - lo >>> shift) + 1]++;
        }
        for (int b = 1; b <= buckets; b++) {
            cnt[b] += cnt[b - 1];
        }
        long[] buf = sortBuf;
        for (int k = 0; k < n; k++) {
            long x = a[k];
            buf[cnt[(((int) (x >>> 32)) - lo >>> shift)]++] = x;
        }
        System.arraycopy(buf, 0, a, 0, n);
        insertionSort(a, n);
    }

    private int[] bucketCount = new int[64];
    private long[] sortBuf = new long[64];

    private static void insertionSort(long[] a, int n) {
        for (int k = 1; k < n; k++) {
            long x = a[k];
            int j = k - 1;
            while (j >= 0 && a[j] > x) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

    /** Deals one entry to the active points that have its bit; returns the points still active. */
    private int dealEntry(int entry, double[] pi, int flips, int remaining) {
        int i = entry >>> 1;
        double v = pi[i] * ((entry & 1) == 1 ? w1[i] : w0[i]);
        int off = entry * mw;
        for (int w = 0; w < mw; w++) {
            long x = colsBoth[off + w] & active[w];
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
        return remaining;
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
