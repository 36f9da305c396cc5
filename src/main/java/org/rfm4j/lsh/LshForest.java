// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * A fitted LSH forest over a {@link BitMatrix}: {@code trees} hash trees whose split coordinates are
 * drawn by a {@link SplitRule}. A query walks every tree to one bucket; the candidates are the union of
 * those buckets, ranked by exact Hamming distance.
 *
 * <p>The build runs one task per tree on a fixed pool of daemon threads. Tree t draws from its own
 * generator, the t-th {@link SplittableRandom#split()} of {@code new SplittableRandom(seed)}, and the
 * game solver is deterministic, so the forest is the same for a seed whatever the thread count.
 * Immutable and thread-safe once built; {@link Searcher}s are per thread.
 */
public final class LshForest {
    private final BitMatrix data;
    private final HashTree[] trees;
    private final ForestParams params;
    private final SplitRule rule;
    private final double buildSeconds;
    private final long gamesSolved;

    private LshForest(BitMatrix data, HashTree[] trees, ForestParams params, SplitRule rule, double buildSeconds,
                      long gamesSolved) {
        this.data = data;
        this.trees = trees;
        this.params = params;
        this.rule = rule;
        this.buildSeconds = buildSeconds;
        this.gamesSolved = gamesSolved;
    }

    /** Builds a forest; see {@link #fit(BitMatrix, ForestParams, SplitRule, IntConsumer)}. */
    public static LshForest fit(BitMatrix data, ForestParams params, SplitRule rule) {
        return fit(data, params, rule, null);
    }

    /**
     * Builds a forest over all rows of {@code data}.
     *
     * @param data     the points, not modified (kept by reference for the exact re-ranking)
     * @param params   trees, bucket size, game settings, seed, threads
     * @param rule     how nodes draw their split coordinate
     * @param progress if not null, called with the number of trees finished so far (from pool threads)
     */
    public static LshForest fit(BitMatrix data, ForestParams params, SplitRule rule, IntConsumer progress) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(rule, "rule");
        long start = System.nanoTime();
        CoordinateSampler sampler = CoordinateSampler.of(rule, data, params);
        SplittableRandom root = new SplittableRandom(params.seed());
        SplittableRandom[] rngs = new SplittableRandom[params.trees()];
        for (int t = 0; t < rngs.length; t++) {
            rngs[t] = root.split();
        }
        HashTree[] trees = new HashTree[params.trees()];
        AtomicInteger done = new AtomicInteger();
        int threads = Math.min(params.threads(), params.trees());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            // deep trees recurse once per level: give the builders a roomy stack
            Thread th = new Thread(null, r, "lsh-build", 64L << 20);
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<HashTree>> futures = new ArrayList<>();
            for (int t = 0; t < trees.length; t++) {
                SplittableRandom rng = rngs[t];
                futures.add(pool.submit(() -> {
                    HashTree tree = TreeBuilder.build(data, sampler, params.bucketSize(), rng);
                    synchronized (done) { // reports arrive in order
                        int k = done.incrementAndGet();
                        if (progress != null) {
                            progress.accept(k);
                        }
                    }
                    return tree;
                }));
            }
            for (int t = 0; t < trees.length; t++) {
                trees[t] = futures.get(t).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RfmException(ErrorCode.INTERNAL, "interrupted while building the forest", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof OutOfMemoryError) {
                throw new RfmException(ErrorCode.OUT_OF_MEMORY, "the forest does not fit in the heap: use fewer"
                        + " points or trees, or a larger -Xmx", c);
            }
            throw new RfmException(ErrorCode.INTERNAL, "building a tree failed: " + c, c);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new LshForest(data, trees, params, rule, seconds, sampler.gamesSolved());
    }

    public BitMatrix data() {
        return data;
    }

    public ForestParams params() {
        return params;
    }

    public SplitRule rule() {
        return rule;
    }

    /** Number of trees. */
    public int trees() {
        return trees.length;
    }

    /** Tree {@code t}. */
    public HashTree tree(int t) {
        return trees[t];
    }

    /** Wall-clock seconds the build took. */
    public double buildSeconds() {
        return buildSeconds;
    }

    /** Node games solved during the build (distinct point sets; 0 for the uniform rule). */
    public long gamesSolved() {
        return gamesSolved;
    }

    /**
     * Success of a query for its source: the fraction of trees whose leaf for {@code q} holds
     * {@code source}, {@code (1/L) sum_t [source in bucket_t(q)]}.
     *
     * @param q packed query, {@link BitMatrix#words()} longs, not modified
     */
    public double success(long[] q, int source) {
        checkQuery(q);
        int hits = 0;
        for (HashTree t : trees) {
            if (t.collides(q, 0, source)) {
                hits++;
            }
        }
        return (double) hits / trees.length;
    }

    /** A reusable query context for one thread. */
    public Searcher searcher() {
        return new Searcher();
    }

    private void checkQuery(long[] q) {
        if (q.length != data.words()) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "query has " + q.length + " words, expected "
                    + data.words() + " (d = " + data.cols() + ")");
        }
    }

    /** Candidate collection and exact re-ranking with scratch space; not thread-safe, one per thread. */
    public final class Searcher {
        private final int[] stamp = new int[data.rows()];
        private int[] found = new int[64];
        private int epoch;

        private Searcher() {
        }

        /**
         * The distinct points in the buckets that {@code q} reaches in the first {@code treesUsed} trees.
         *
         * @return a new array of point indices, in order of discovery
         */
        public int[] candidates(long[] q, int treesUsed) {
            int n = collect(q, treesUsed);
            return java.util.Arrays.copyOf(found, n);
        }

        /**
         * The candidates within Hamming distance {@code radius} of {@code q}, checked exactly, among the
         * buckets of the first {@code treesUsed} trees.
         */
        public int[] withinRadius(long[] q, int radius, int treesUsed) {
            int n = collect(q, treesUsed);
            int k = 0;
            int[] out = new int[n];
            long[] bits = data.raw();
            int w = data.words();
            for (int c = 0; c < n; c++) {
                int p = found[c];
                if (BitMatrix.hamming(bits, p * w, q, 0, w) <= radius) {
                    out[k++] = p;
                }
            }
            return java.util.Arrays.copyOf(out, k);
        }

        /** The nearest candidate to {@code q} by exact Hamming distance (ties to the smaller index), or -1. */
        public int nearest(long[] q, int treesUsed) {
            int n = collect(q, treesUsed);
            int best = -1;
            int bestDist = Integer.MAX_VALUE;
            long[] bits = data.raw();
            int w = data.words();
            for (int c = 0; c < n; c++) {
                int p = found[c];
                int h = BitMatrix.hamming(bits, p * w, q, 0, w);
                if (h < bestDist || (h == bestDist && p < best)) {
                    bestDist = h;
                    best = p;
                }
            }
            return best;
        }

        /** Fills found[0..n) with the distinct candidates; returns n. */
        private int collect(long[] q, int treesUsed) {
            checkQuery(q);
            if (treesUsed < 1 || treesUsed > trees.length) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "trees used must be in 1.." + trees.length
                        + ", got " + treesUsed);
            }
            if (++epoch == 0) {
                java.util.Arrays.fill(stamp, 0);
                epoch = 1;
            }
            int n = 0;
            for (int t = 0; t < treesUsed; t++) {
                HashTree tree = trees[t];
                int leaf = tree.leafOf(q, 0);
                if (leaf < 0) {
                    continue;
                }
                int[] items = tree.items();
                for (int s = tree.bucketStart(leaf), e = s + tree.bucketSize(leaf); s < e; s++) {
                    int p = items[s];
                    if (stamp[p] != epoch) {
                        stamp[p] = epoch;
                        if (n == found.length) {
                            found = java.util.Arrays.copyOf(found, n * 2);
                        }
                        found[n++] = p;
                    }
                }
            }
            return n;
        }
    }
}
