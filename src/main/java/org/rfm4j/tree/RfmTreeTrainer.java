// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.MemoryNeeds;
import org.rfm4j.algo.MetricScorer;
import org.rfm4j.algo.RfmTrainer;
import org.rfm4j.algo.Sampling;
import org.rfm4j.algo.SingleRfm;
import org.rfm4j.algo.TrainerSettings;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.MemoryInfo;

/**
 * Fits an RFM tree: splits every node above the leaf size at the median of its rows' projections
 * on the top eigenvector of a one-step AGOP (an RFM with one solve and one AGOP on a seeded sample of
 * the node), fits an ordinary RFM in each leaf (its best iteration chosen on the validation rows
 * routed to it), then keeps hard or soft routing, whichever scores better on validation. Splits run
 * one after another on the backend's full width; leaves run side by side where the backend can serve
 * several fits and memory holds them ({@link ComputeBackend#forEachConcurrently}). Deterministic: the
 * same data, settings and seed give the same tree, with any number of leaf workers.
 */
public final class RfmTreeTrainer {
    private final ComputeBackend backend;
    private final TrainerSettings leafSettings;
    private final TreeSettings settings;
    private final TreeListener listener;
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private long start;

    // the tree under construction, in preorder
    private final List<int[]> leafRows = new ArrayList<>();
    private final List<Integer> left = new ArrayList<>();
    private final List<Integer> right = new ArrayList<>();
    private final List<Integer> leafOf = new ArrayList<>();
    private final List<double[]> directions = new ArrayList<>();
    private final List<Double> thresholds = new ArrayList<>();
    private final List<Double> spreads = new ArrayList<>();
    private List<LeafRecord> records;

    public RfmTreeTrainer(ComputeBackend backend, TrainerSettings leafSettings, TreeSettings settings,
                          TreeListener listener) {
        this.backend = backend;
        this.leafSettings = leafSettings;
        this.settings = settings;
        this.listener = listener == null ? TreeListener.NONE : listener;
    }

    /**
     * Fits on (x: n x d, y: n x c). With validation rows (xv, yv and a scorer for yv), each leaf keeps
     * its best iteration on the validation rows routed to it, and the routing is chosen on all of them.
     */
    public TreeFit fit(Matrix x, Matrix y, Matrix xv, Matrix yv, MetricScorer scorer) {
        int d = x.cols(), c = y.cols();
        int leafSize = leafSize(d, c);
        TreePlan plan = plan(x, y, leafSize, leafSize);
        int[] maxLeaf = {0};
        leafRows.forEach(r -> maxLeaf[0] = Math.max(maxLeaf[0], r.length));
        int workers = Math.min(workers(maxLeaf[0], d, c), leafRows.size());
        synchronized (listener) {
            listener.planned(leafSize, workers, leafRows.size() + " leaves of at most " + maxLeaf[0] + " rows, "
                    + (workers == 1 ? "fitted one after another" : "up to " + workers + " fitted at once"));
        }
        RfmTree hard = fitLeaves(plan, x, y, xv, yv, scorer, workers);
        if (xv == null || scorer == null) {
            return finish(hard, records, leafSize, workers, null, null);
        }
        try (TreePredictor p = new TreePredictor(hard, backend, leafSettings.precision())) {
            return finish(hard, records, leafSize, workers, t -> p.predict(xv, t), scorer);
        }
    }

    /** Raw predictions (rows x c, row-major) of the validation rows by the tree at a routing temperature. */
    public interface ValidationPredictions {
        double[] at(double temperature);
    }

    /**
     * Plans the splits on (x, y): every node of more than {@code stopRows} rows is split, each on a one-step
     * AGOP of at most min(split sample, {@code sampleCap}) of its rows. The single-machine fit passes the leaf
     * size for both; a fit that plans on a sample of the data (Spark's driver) passes the leaf size scaled
     * by the sampled fraction as {@code stopRows} and the leaf size itself as {@code sampleCap}.
     */
    public TreePlan plan(Matrix x, Matrix y, int stopRows, int sampleCap) {
        if (start == 0) {
            start = System.nanoTime();
        }
        if (stopRows < 1 || sampleCap < 2) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "a tree plan needs stopRows >= 1 and sampleCap >= 2 (got "
                    + stopRows + ", " + sampleCap + ")");
        }
        int n = x.rows(), d = x.cols();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        build(x, y, all, 0, stopRows, sampleCap);
        double[] dir = new double[left.size() * d];
        for (int i = 0; i < left.size(); i++) {
            if (directions.get(i) != null) {
                System.arraycopy(directions.get(i), 0, dir, i * d, d);
            }
        }
        return new TreePlan(d, left.stream().mapToInt(Integer::intValue).toArray(),
                right.stream().mapToInt(Integer::intValue).toArray(), leafOf.stream().mapToInt(Integer::intValue).toArray(),
                dir, thresholds.stream().mapToDouble(Double::doubleValue).toArray(),
                spreads.stream().mapToDouble(Double::doubleValue).toArray(), leafRows);
    }

    // ---- plan ---------------------------------------------------------------------------------

    /** The leaf size: the setting, or automatic; never more rows than one direct fit can hold. */
    private int leafSize(int d, int c) {
        MemoryInfo mem = backend.memory();
        int largest = MemoryNeeds.largestDirectRows(mem.freeBytes(), d, c, leafSettings.precision());
        if (settings.leafSize() > 0) {
            if (settings.leafSize() > largest) {
                throw new RfmException(ErrorCode.OUT_OF_MEMORY, "a leaf of " + settings.leafSize() + " rows needs "
                        + MemoryInfo.gib(MemoryNeeds.directFitBytes(settings.leafSize(), d, c, leafSettings.precision()))
                        + " but the " + backend.name() + " backend has " + MemoryInfo.gib(mem.freeBytes())
                        + " free, enough for about " + largest + " rows: use a smaller leaf size (or 0, automatic)");
            }
            return settings.leafSize();
        }
        int size = Math.min(backend.hostMemory() ? TreeSettings.HOST_LEAF_SIZE : TreeSettings.DEVICE_LEAF_SIZE, largest);
        if (size < TreeSettings.MIN_LEAF_SIZE) {
            throw new RfmException(ErrorCode.OUT_OF_MEMORY, "the " + backend.name() + " backend has "
                    + MemoryInfo.gib(mem.freeBytes()) + " free, not enough for a leaf of even "
                    + TreeSettings.MIN_LEAF_SIZE + " rows: give the fit more memory (-Xmx / RFM_JAVA_OPTS)");
        }
        return size;
    }

    /** Leaves fitted at once: the setting, or as many as fit in memory (one on an accelerator). */
    private int workers(int maxLeafRows, int d, int c) {
        if (settings.leafWorkers() > 0) {
            return settings.leafWorkers();
        }
        if (!backend.hostMemory()) {
            return 1;
        }
        long each = MemoryNeeds.directFitBytes(maxLeafRows, d, c, leafSettings.precision());
        long byMemory = (long) (0.9 * backend.memory().freeBytes() / Math.max(1, each));
        return (int) Math.max(1, Math.min(byMemory, Runtime.getRuntime().availableProcessors()));
    }

    // ---- splits -------------------------------------------------------------------------------

    /** Builds the subtree of the given rows (ascending); returns its node index. */
    private int build(Matrix x, Matrix y, int[] rows, int level, int leafSize, int sampleCap) {
        int node = left.size();
        left.add(-1);
        right.add(-1);
        leafOf.add(-1);
        directions.add(null);
        thresholds.add(0.0);
        spreads.add(1.0);
        if (rows.length <= leafSize) {
            leafOf.set(node, leafRows.size());
            leafRows.add(rows);
            return node;
        }
        long t0 = System.nanoTime();
        // never more rows than a leaf: what memory holds for a leaf holds the split fit too
        int sample = Math.min(settings.splitSample(), sampleCap);
        int[] picked = Sampling.withoutReplacement(rows.length, sample, leafSettings.seed() + 7919L * node);
        int[] subset = new int[picked.length];
        for (int k = 0; k < picked.length; k++) {
            subset[k] = rows[picked[k]];
        }
        Matrix xs = x.selectRows(subset);
        double[] m = new RfmTrainer(backend, leafSettings, FitListener.NONE).agopMetric(xs, y.selectRows(subset));
        double[] v;
        if (m == null) {
            note("node " + node + ": the AGOP of its split sample is zero (a constant fit): split on the data's "
                    + "principal direction instead");
            v = SplitDirections.principal(xs);
        } else {
            v = SplitDirections.top(m, x.cols(), leafSettings.diagonal());
        }
        double[] proj = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            double s = 0;
            for (int a = 0; a < v.length; a++) {
                s += v[a] * x.get(rows[k], a);
            }
            proj[k] = s;
        }
        Integer[] order = new Integer[rows.length];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, (p, q) -> Double.compare(proj[p], proj[q])); // stable: ties keep row order
        int half = rows.length / 2;
        int[] lo = new int[half], hi = new int[rows.length - half];
        for (int k = 0; k < rows.length; k++) {
            if (k < half) {
                lo[k] = rows[order[k]];
            } else {
                hi[k - half] = rows[order[k]];
            }
        }
        Arrays.sort(lo);
        Arrays.sort(hi);
        double t = 0.5 * (proj[order[half - 1]] + proj[order[half]]);
        double[] dev = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            dev[k] = Math.abs(proj[k] - t);
        }
        double spread = Sampling.median(dev, dev.length);
        if (!(spread > 0)) {
            spread = 1e-9 * (Math.abs(t) + 1); // all projections equal: routing is a coin flip at any temperature
        }
        directions.set(node, v);
        thresholds.set(node, t);
        spreads.set(node, spread);
        synchronized (listener) {
            listener.split(node, level, rows.length, lo.length, hi.length, seconds(t0), seconds(start));
        }
        left.set(node, build(x, y, lo, level + 1, leafSize, sampleCap));
        right.set(node, build(x, y, hi, level + 1, leafSize, sampleCap));
        return node;
    }

    // ---- leaves -------------------------------------------------------------------------------

    private RfmTree fitLeaves(TreePlan plan, Matrix x, Matrix y, Matrix xv, Matrix yv, MetricScorer scorer,
                              int workers) {
        int leaves = plan.leafCount();
        // validation rows by hard routing, through the plan (the fitted tree's rule)
        int[][] validationRows = new int[leaves][];
        if (xv != null && scorer != null) {
            List<List<Integer>> byLeaf = new ArrayList<>();
            for (int k = 0; k < leaves; k++) {
                byLeaf.add(new ArrayList<>());
            }
            for (int i = 0; i < xv.rows(); i++) {
                byLeaf.get(plan.hardLeaf(xv.data(), i * xv.cols())).add(i);
            }
            for (int k = 0; k < leaves; k++) {
                validationRows[k] = byLeaf.get(k).stream().mapToInt(Integer::intValue).toArray();
            }
        }
        SingleRfm[] fitted = new SingleRfm[leaves];
        LeafRecord[] done = new LeafRecord[leaves];
        int[] count = {0};
        backend.forEachConcurrently(leaves, workers, k -> {
            int[] rows = plan.leafRows(k);
            int[] vrows = validationRows[k];
            boolean validate = vrows != null && vrows.length > 0;
            LeafFit f = fitLeaf(backend, leafSettings, k, x.selectRows(rows), y.selectRows(rows),
                    validate ? xv.selectRows(vrows) : null, validate ? scorer.on(yv.selectRows(vrows)) : null);
            fitted[k] = f.leaf();
            done[k] = f.record();
            synchronized (listener) {
                count[0]++;
                listener.leafDone(done[k], count[0], leaves, seconds(start));
            }
        });
        this.records = List.of(done);
        return plan.assemble(List.of(fitted), y.cols());
    }

    /** A fitted leaf and what its fit did. */
    public record LeafFit(SingleRfm leaf, LeafRecord record) {
    }

    /**
     * Fits leaf k on its rows (in ascending order of the data's rows, as the plan lists them) and keeps
     * its best iteration on the validation rows routed to it (xv null and scorer null: none, the last
     * iteration is kept). The same call on the same rows gives the same leaf wherever it runs.
     */
    public static LeafFit fitLeaf(ComputeBackend backend, TrainerSettings settings, int k, Matrix x, Matrix y, Matrix xv,
                                  MetricScorer scorerOnLeaf) {
        long t0 = System.nanoTime();
        boolean validate = xv != null && scorerOnLeaf != null && xv.rows() > 0;
        RfmTrainer.Result res = new RfmTrainer(backend, settings, FitListener.NONE).fit(x, y,
                validate ? xv : null, validate ? scorerOnLeaf : null);
        LeafRecord record = new LeafRecord(k, x.rows(), validate ? xv.rows() : 0, res.bestIteration(),
                res.iterations().size(), res.iterations().get(res.bestIteration()).validation(), seconds(t0), res.notes());
        return new LeafFit(new SingleRfm(res.solution(), x), record);
    }

    // ---- routing ------------------------------------------------------------------------------

    /**
     * Keeps the routing that scores best on validation (hard first, so ties go to hard) and returns the
     * fit. {@code predictions} gives the validation rows' raw predictions at a temperature (0: hard);
     * with no validation (predictions or scorer null) the routing setting decides alone.
     */
    public TreeFit finish(RfmTree hard, List<LeafRecord> leafRecords, int leafSize, int workers,
                          ValidationPredictions predictions, MetricScorer scorer) {
        if (start == 0) {
            start = System.nanoTime();
        }
        String mode = settings.routing();
        double[] temps = settings.temperature() > 0 ? new double[] {settings.temperature()} : TreeSettings.TEMPERATURES;
        List<Double> candidates = new ArrayList<>();
        if (!mode.equals("soft") || hard.leafCount() == 1) {
            candidates.add(0.0);
        }
        if (!mode.equals("hard") && hard.leafCount() > 1) {
            for (double t : temps) {
                candidates.add(t);
            }
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Double> keptMetrics = Map.of();
        double best = candidates.get(0);
        if (predictions == null || scorer == null) {
            if (candidates.size() > 1) {
                best = mode.equals("soft") ? candidates.get(0) : 0.0;
                note("no validation set: " + (best == 0 ? "hard routing" : "soft routing at temperature " + best)
                        + " kept without comparing");
            }
        } else {
            double bestScore = Double.NaN;
            for (double t : candidates) {
                double[] raw = predictions.at(t);
                Map<String, Double> s = scorer.score(raw, raw.length / Math.max(1, hard.c()));
                double score = s.get(scorer.tuningMetric());
                scores.put(routingName(t), score);
                boolean better = Double.isNaN(bestScore)
                        || (scorer.higherIsBetter() ? score > bestScore : score < bestScore);
                if (better && !Double.isNaN(score)) {
                    bestScore = score;
                    best = t;
                    keptMetrics = s;
                }
            }
        }
        RfmTree kept = best == 0 ? hard : hard.withTemperature(best);
        synchronized (listener) {
            listener.routed(routingName(best), scores);
        }
        return new TreeFit(kept, leafSize, workers, depth(hard, 0), List.copyOf(leafRecords), routingName(best),
                Collections.unmodifiableMap(scores), keptMetrics, List.copyOf(notes), seconds(start));
    }

    /** The deepest leaf's depth below {@code node}. */
    private static int depth(RfmTree t, int node) {
        return t.leafOf(node) >= 0 ? 0 : 1 + Math.max(depth(t, t.left(node)), depth(t, t.right(node)));
    }

    static String routingName(double temperature) {
        return temperature == 0 ? "hard" : "soft t=" + temperature;
    }

    /** Adds a note to the fit's report and tells the listener (also for work done elsewhere, as by Spark's tasks). */
    public void note(String message) {
        notes.add(message);
        synchronized (listener) {
            listener.note(message);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }
}
