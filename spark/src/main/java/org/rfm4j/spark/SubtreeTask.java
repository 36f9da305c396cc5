// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.Function2;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.MetricScorer;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.TreeModels;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.tree.RfmTreeTrainer;
import org.rfm4j.tree.TreeListener;
import org.rfm4j.tree.TreePlan;

/**
 * One part of the tree below the driver's splits, on the executor that holds all its rows: the rows are
 * put back in the order of their data set, split as the single-machine tree splits them (on the same
 * code, exact medians of every row) down to the leaf size, and every leaf is fitted. A part the driver
 * already cut to the leaf size is one leaf: then the leaf is the one the single-machine tree fits on the
 * same rows, whichever executor runs the task and in whatever order the shuffle delivered them.
 */
final class SubtreeTask implements Function2<Integer, Iterator<scala.Tuple2<Integer, SparkPoint>>, Iterator<SubtreeOutcome>> {
    private static final long serialVersionUID = 1L;

    private final RfmParams params;
    private final String backend;
    private final String[] classes; // null for regression
    private final int c;
    private final int leafSize;
    private final List<String> metrics;
    private final String tuning;

    SubtreeTask(RfmParams params, String backend, String[] classes, int c, int leafSize, List<String> metrics,
                String tuning) {
        this.params = params;
        this.backend = backend;
        this.classes = classes;
        this.c = c;
        this.leafSize = leafSize;
        this.metrics = List.copyOf(metrics);
        this.tuning = tuning;
    }

    @Override
    public Iterator<SubtreeOutcome> call(Integer part, Iterator<scala.Tuple2<Integer, SparkPoint>> rows) {
        List<SparkPoint> train = new ArrayList<>(), validation = new ArrayList<>();
        while (rows.hasNext()) {
            SparkPoint p = rows.next()._2();
            (p.validation ? validation : train).add(p);
        }
        if (train.isEmpty()) {
            throw new RfmException(ErrorCode.INVALID_DATA, "part " + part + " of the tree received no training rows: "
                    + "the splits planned on the driver's sample left it empty; plan on more rows (driverSampleRows)");
        }
        Comparator<SparkPoint> byIndex = Comparator.comparingLong(p -> p.index);
        train.sort(byIndex);
        validation.sort(byIndex);
        Matrix x = Points.features(train), y = Points.targets(train, classes, c);
        try (ComputeBackend be = TaskBackends.open(backend)) {
            List<String> notes = new ArrayList<>();
            TreeListener collect = new TreeListener() {
                @Override
                public void note(String message) {
                    notes.add("part " + part + ": " + message);
                }
            };
            TreePlan plan = new RfmTreeTrainer(be, params.trainerSettings(), params.tree(), collect)
                    .plan(x, y, leafSize, leafSize);
            List<List<SparkPoint>> byLeaf = new ArrayList<>();
            for (int k = 0; k < plan.leafCount(); k++) {
                byLeaf.add(new ArrayList<>());
            }
            for (SparkPoint p : validation) {
                byLeaf.get(plan.hardLeaf(p.x, 0)).add(p);
            }
            List<LeafOutcome> leaves = new ArrayList<>();
            for (int k = 0; k < plan.leafCount(); k++) {
                int[] r = plan.leafRows(k);
                List<SparkPoint> v = byLeaf.get(k);
                MetricScorer scorer = v.isEmpty() ? null : new MetricScorer(metrics, tuning, Points.targets(v, classes, c));
                RfmTreeTrainer.LeafFit f = RfmTreeTrainer.fitLeaf(be, params.trainerSettings(), k, x.selectRows(r),
                        y.selectRows(r), v.isEmpty() ? null : Points.features(v), scorer);
                leaves.add(new LeafOutcome(TreeModels.leafToBytes(f.leaf()), f.record(),
                        TaskBackends.where() + " on " + be.name()));
            }
            return List.of(new SubtreeOutcome(part, new Router(plan), leaves, notes)).iterator();
        }
    }
}
