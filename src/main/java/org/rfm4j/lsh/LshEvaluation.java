// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The metrics of EXPERIMENTS.md section 7: queries are data points with r random bits flipped; a query's
 * success is the fraction of trees where it lands with its source; recall of r'-neighbours against
 * queries per second as the number of trees grows.
 */
public final class LshEvaluation {
    private LshEvaluation() {
    }

    /**
     * Queries made from data points.
     *
     * @param bits    packed queries, row k at {@code k * words}
     * @param sources the data point each query was made from
     * @param words   longs per query
     */
    public record Queries(long[] bits, int[] sources, int words) {
        public int count() {
            return sources.length;
        }

        /** Query k as a new packed vector. */
        public long[] query(int k) {
            return Arrays.copyOfRange(bits, k * words, (k + 1) * words);
        }
    }

    /**
     * One point of the recall/QPS curve.
     *
     * @param trees          trees used
     * @param recall         mean over queries of |found r'-neighbours| / |true r'-neighbours|
     * @param qps            queries per second, single-threaded (candidates plus exact distances)
     * @param meanCandidates mean distinct candidates per query
     */
    public record CurvePoint(int trees, double recall, double qps, double meanCandidates) {
    }

    /**
     * For each source, a copy of its row with exactly {@code r} distinct random bits flipped.
     *
     * @param sources data rows to query from, not modified
     */
    public static Queries flipQueries(BitMatrix data, int[] sources, int r, long seed) {
        int d = data.cols();
        if (r < 0 || r > d) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "r must be in 0.." + d + ", got " + r);
        }
        int w = data.words();
        long[] out = new long[sources.length * w];
        SplittableRandom rng = new SplittableRandom(seed);
        int[] perm = new int[d];
        for (int k = 0; k < sources.length; k++) {
            System.arraycopy(data.raw(), sources[k] * w, out, k * w, w);
            for (int i = 0; i < d; i++) {
                perm[i] = i;
            }
            for (int f = 0; f < r; f++) { // partial Fisher-Yates: r distinct coordinates
                int j = f + rng.nextInt(d - f);
                int t = perm[f];
                perm[f] = perm[j];
                perm[j] = t;
                out[k * w + (perm[f] >>> 6)] ^= 1L << perm[f];
            }
        }
        return new Queries(out, sources.clone(), w);
    }

    /** Every row of {@code data} as a source: 0, 1, ..., n-1. */
    public static int[] allRows(BitMatrix data) {
        return IntStream.range(0, data.rows()).toArray();
    }

    /** Per-query success over all trees of the forest, computed in parallel. */
    public static double[] successes(LshForest forest, Queries queries) {
        return IntStream.range(0, queries.count()).parallel()
                .mapToDouble(k -> forest.success(queries.query(k), queries.sources()[k]))
                .toArray();
    }

    /** Arithmetic mean; NaN when empty. */
    public static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
    }

    /**
     * The q-quantile by the nearest-rank rule: the {@code ceil(q * n)}-th smallest value (the smallest
     * for q = 0). {@code percentile(v, 0.1)} is the success of the bottom-decile query.
     */
    public static double percentile(double[] v, double q) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.min(Math.max(rank - 1, 0), s.length - 1)];
    }

    /** Counts of {@code v} (values in [0, 1]) in {@code bins} equal bins; 1.0 goes to the last. */
    public static int[] histogram(double[] v, int bins) {
        int[] h = new int[bins];
        for (double x : v) {
            h[Math.min(bins - 1, Math.max(0, (int) Math.floor(x * bins)))]++;
        }
        return h;
    }

    /**
     * For each query, the data points within Hamming distance {@code radius}, by brute force
     * (the ground truth of the recall curve), computed in parallel.
     */
    public static int[][] trueNeighbours(BitMatrix data, Queries queries, int radius) {
        return IntStream.range(0, queries.count()).parallel().mapToObj(k -> {
            long[] q = queries.query(k);
            int[] out = new int[8];
            int c = 0;
            for (int p = 0; p < data.rows(); p++) {
                if (data.hamming(p, q) <= radius) {
                    if (c == out.length) {
                        out = Arrays.copyOf(out, c * 2);
                    }
                    out[c++] = p;
                }
            }
            return Arrays.copyOf(out, c);
        }).toArray(int[][]::new);
    }

    /**
     * The recall/QPS curve: for each tree count L in {@code treeCounts}, the queries are answered with the
     * first L trees (candidates, then exact distances, keeping those within {@code radius}), timed on one
     * thread over {@code repeats} passes (the fastest counts, after one warm-up pass).
     *
     * @param truth {@link #trueNeighbours} for the same queries and radius
     */
    public static List<CurvePoint> recallCurve(LshForest forest, Queries queries, int[][] truth, int radius,
                                               int[] treeCounts, int repeats) {
        LshForest.Searcher searcher = forest.searcher();
        long[][] qs = new long[queries.count()][];
        for (int k = 0; k < qs.length; k++) {
            qs[k] = queries.query(k);
        }
        for (int rep = 0; rep < 2; rep++) { // warm the JIT on the largest count before timing anything
            for (long[] q : qs) {
                searcher.withinRadius(q, radius, forest.trees());
            }
        }
        List<CurvePoint> curve = new ArrayList<>();
        for (int trees : treeCounts) {
            int[][] found = new int[qs.length][];
            long best = Long.MAX_VALUE;
            long candidates = 0;
            for (int rep = 0; rep <= Math.max(1, repeats); rep++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < qs.length; k++) {
                    found[k] = searcher.withinRadius(qs[k], radius, trees);
                }
                long dt = System.nanoTime() - t0;
                if (rep > 0) {
                    best = Math.min(best, dt); // pass 0 warms up
                }
            }
            double recall = 0;
            for (int k = 0; k < qs.length; k++) {
                candidates += searcher.candidates(qs[k], trees).length;
                recall += truth[k].length == 0 ? 1.0 : (double) intersection(found[k], truth[k]) / truth[k].length;
            }
            curve.add(new CurvePoint(trees, recall / qs.length, qs.length / (Math.max(best, 1) / 1e9),
                    (double) candidates / qs.length));
        }
        return curve;
    }

    /** Queries per second of an exact linear scan over all points (the brute-force reference). */
    public static double bruteForceQps(BitMatrix data, Queries queries, int radius, int repeats) {
        long best = Long.MAX_VALUE;
        long sink = 0;
        for (int rep = 0; rep <= Math.max(1, repeats); rep++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < queries.count(); k++) {
                long[] q = queries.query(k);
                for (int p = 0; p < data.rows(); p++) {
                    if (data.hamming(p, q) <= radius) {
                        sink++;
                    }
                }
            }
            long dt = System.nanoTime() - t0;
            if (rep > 0) {
                best = Math.min(best, dt);
            }
        }
        return sink < 0 ? 0 : queries.count() / (Math.max(best, 1) / 1e9);
    }

    /** The tree counts 1, 2, 4, ... below {@code max}, then {@code max}. */
    public static int[] doublingCounts(int max) {
        List<Integer> c = new ArrayList<>();
        for (int t = 1; t < max; t *= 2) {
            c.add(t);
        }
        c.add(max);
        return c.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int intersection(int[] a, int[] b) {
        int[] sa = a.clone();
        Arrays.sort(sa);
        int c = 0;
        for (int x : b) {
            if (Arrays.binarySearch(sa, x) >= 0) {
                c++;
            }
        }
        return c;
    }
}
