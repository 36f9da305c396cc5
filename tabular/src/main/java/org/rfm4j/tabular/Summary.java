// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The across-data-set figures of the RFM paper's tabular comparison, from the fold means:
 * <ul>
 *   <li>Friedman rank: each data set ranks the models by mean test score (1 = best; ties share the mean rank);
 *       a model's Friedman rank is its mean rank over the data sets (all sets, and classification only);</li>
 *   <li>classification only: mean accuracy (%), PMA = mean over data sets of accuracy / best accuracy there (%),
 *       P90 and P95 = share of data sets (%) where the model reaches at least 90% / 95% of the best accuracy.</li>
 * </ul>
 */
public final class Summary {
    private Summary() {
    }

    /** Mean and (population) standard deviation of the test score over folds, and mean seconds per fold. */
    public record Cell(double mean, double std, double seconds) {
    }

    /** Per data set, per model: the cell. */
    public static Map<String, Map<String, Cell>> cells(TabularResult r) {
        Map<String, Map<String, Cell>> out = new LinkedHashMap<>();
        for (TabularResult.DataSetInfo ds : r.dataSets()) {
            Map<String, Cell> row = new LinkedHashMap<>();
            for (String m : r.settings().models()) {
                List<TabularResult.FoldRecord> f = r.of(ds.name(), m);
                double mean = f.stream().mapToDouble(TabularResult.FoldRecord::test).average().orElse(Double.NaN);
                double var = f.stream().mapToDouble(x -> (x.test() - mean) * (x.test() - mean)).average().orElse(Double.NaN);
                row.put(m, new Cell(mean, Math.sqrt(var),
                        f.stream().mapToDouble(TabularResult.FoldRecord::seconds).average().orElse(Double.NaN)));
            }
            out.put(ds.name(), row);
        }
        return out;
    }

    /** Rank of each model on one data set (1 = best, ties averaged). */
    public static Map<String, Double> ranks(Map<String, Cell> row, Task task) {
        List<String> models = new ArrayList<>(row.keySet());
        Map<String, Double> rank = new LinkedHashMap<>();
        for (String m : models) {
            double a = row.get(m).mean();
            int better = 0, same = 0;
            for (String o : models) {
                double b = row.get(o).mean();
                if (task.better(b, a)) {
                    better++;
                } else if (b == a || (Double.isNaN(a) && Double.isNaN(b))) {
                    same++;
                }
            }
            rank.put(m, better + (same + 1) / 2.0);
        }
        return rank;
    }

    /** Per model: the figures named in the class javadoc, by name. */
    public static Map<String, Map<String, Double>> figures(TabularResult r) {
        Map<String, Map<String, Cell>> cells = cells(r);
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        List<TabularResult.DataSetInfo> cls = r.dataSets().stream().filter(d -> d.task() == Task.CLASSIFICATION).toList();
        for (String m : r.settings().models()) {
            double rankAll = 0, rankCls = 0, acc = 0, pma = 0, p90 = 0, p95 = 0;
            for (TabularResult.DataSetInfo ds : r.dataSets()) {
                Map<String, Cell> row = cells.get(ds.name());
                double rk = ranks(row, ds.task()).get(m);
                rankAll += rk;
                if (ds.task() == Task.CLASSIFICATION) {
                    rankCls += rk;
                    double best = row.values().stream().mapToDouble(Cell::mean).max().orElse(Double.NaN);
                    double a = row.get(m).mean();
                    acc += a;
                    pma += a / best;
                    p90 += a >= 0.90 * best ? 1 : 0;
                    p95 += a >= 0.95 * best ? 1 : 0;
                }
            }
            Map<String, Double> f = new LinkedHashMap<>();
            f.put("friedman_rank", rankAll / r.dataSets().size());
            int nc = cls.size();
            f.put("friedman_rank_classification", nc == 0 ? Double.NaN : rankCls / nc);
            f.put("mean_accuracy_percent", nc == 0 ? Double.NaN : 100 * acc / nc);
            f.put("pma_percent", nc == 0 ? Double.NaN : 100 * pma / nc);
            f.put("p90_percent", nc == 0 ? Double.NaN : 100 * p90 / nc);
            f.put("p95_percent", nc == 0 ? Double.NaN : 100 * p95 / nc);
            f.put("mean_seconds_per_fold", r.folds().stream().filter(x -> x.model().equals(m))
                    .mapToDouble(TabularResult.FoldRecord::seconds).average().orElse(Double.NaN));
            out.put(m, f);
        }
        return out;
    }

    /** Data sets where {@code a}'s mean test score is better than, equal to, and worse than {@code b}'s. */
    public static Map<String, List<String>> versus(TabularResult r, String a, String b) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("wins", new ArrayList<>());
        out.put("ties", new ArrayList<>());
        out.put("losses", new ArrayList<>());
        Map<String, Map<String, Cell>> cells = cells(r);
        for (TabularResult.DataSetInfo ds : r.dataSets()) {
            Cell ca = cells.get(ds.name()).get(a), cb = cells.get(ds.name()).get(b);
            if (ca == null || cb == null) {
                continue;
            }
            String key = ds.task().better(ca.mean(), cb.mean()) ? "wins"
                    : ds.task().better(cb.mean(), ca.mean()) ? "losses" : "ties";
            out.get(key).add(ds.name());
        }
        return out;
    }
}
