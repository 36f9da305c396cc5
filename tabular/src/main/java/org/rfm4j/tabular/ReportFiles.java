// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rfm4j.experiments.ExperimentFiles;
import org.rfm4j.io.AtomicFiles;

/**
 * Writes a run's report to a folder: report.json (settings, grids, data sets with source and licence, one entry
 * per data set and model with every fold, the across-data-set figures), results.csv (one row per data set and
 * model), table.md (the per-data-set table of docs/EXPERIMENTS.md) and ranks.png ({@link RankFigure}).
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    /** Writes the four files into {@code dir} (created when missing); returns report.json's path. */
    public static Path write(Path dir, TabularResult r) {
        ExperimentFiles.prepare(dir);
        Path json = ExperimentFiles.writeJson(dir.resolve("report.json"), json(r));
        AtomicFiles.write(dir.resolve("results.csv"), csv(r).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("table.md"), markdown(r).getBytes(StandardCharsets.UTF_8));
        RankFigure.writePng(dir.resolve("ranks.png"), r);
        return json;
    }

    static Map<String, Object> json(TabularResult r) {
        TabularSettings s = r.settings();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("experiment", "tabular");
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("data_sets", s.dataSets());
        set.put("folds", s.folds());
        set.put("validation_fraction", Folds.VALIDATION_FRACTION);
        set.put("seed", s.seed());
        set.put("max_rows", s.maxRows());
        set.put("fashion_rows", s.fashionRows());
        set.put("tree_rows", s.treeRows());
        set.put("tree_leaf_size", s.treeLeafSize());
        set.put("precision", s.precision().toString());
        set.put("xgboost_rounds", s.xgbRounds());
        set.put("forest_trees", s.forestTrees());
        set.put("threads", s.threads());
        set.put("models", s.models());
        out.put("settings", set);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        out.put("machine", machine);
        out.put("grids", r.grids());
        List<Object> ds = new ArrayList<>();
        for (TabularResult.DataSetInfo d : r.dataSets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", d.name());
            m.put("task", d.task().name().toLowerCase(Locale.ROOT));
            m.put("metric", d.task().metric());
            m.put("n", d.n());
            m.put("d", d.d());
            m.put("classes", d.classes());
            m.put("source", d.source());
            m.put("licence", d.licence());
            ds.add(m);
        }
        out.put("data_sets", ds);
        Map<String, Map<String, Summary.Cell>> cells = Summary.cells(r);
        List<Object> entries = new ArrayList<>();
        for (TabularResult.DataSetInfo d : r.dataSets()) {
            Map<String, Double> ranks = Summary.ranks(cells.get(d.name()), d.task());
            for (String model : s.models()) {
                Summary.Cell c = cells.get(d.name()).get(model);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("data_set", d.name());
                e.put("model", model);
                e.put("metric", d.task().metric());
                e.put("mean", c.mean());
                e.put("std", c.std());
                e.put("rank", ranks.get(model));
                e.put("mean_seconds_per_fold", c.seconds());
                List<Object> folds = new ArrayList<>();
                for (TabularResult.FoldRecord f : r.of(d.name(), model)) {
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("fold", f.fold());
                    fm.put("test", f.test());
                    fm.put("validation", f.validation());
                    fm.put("chosen", f.chosen());
                    fm.put("seconds", f.seconds());
                    fm.put("candidates", f.fits());
                    folds.add(fm);
                }
                e.put("folds", folds);
                entries.add(e);
            }
        }
        out.put("entries", entries);
        out.put("summary", Summary.figures(r));
        if (s.models().contains("RFM") && s.models().contains("XGBoost")) {
            out.put("rfm_vs_xgboost", Summary.versus(r, "RFM", "XGBoost"));
        }
        if (s.models().contains("RFM") && s.models().contains("KRR")) {
            out.put("rfm_vs_krr", Summary.versus(r, "RFM", "KRR"));
        }
        out.put("seconds", r.seconds());
        return out;
    }

    static String csv(TabularResult r) {
        StringBuilder b = new StringBuilder("data_set,task,metric,n,d,classes,model,mean,std,rank,mean_seconds_per_fold");
        for (int k = 0; k < r.settings().folds(); k++) {
            b.append(",fold").append(k);
        }
        b.append('\n');
        Map<String, Map<String, Summary.Cell>> cells = Summary.cells(r);
        for (TabularResult.DataSetInfo d : r.dataSets()) {
            Map<String, Double> ranks = Summary.ranks(cells.get(d.name()), d.task());
            for (String model : r.settings().models()) {
                Summary.Cell c = cells.get(d.name()).get(model);
                b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%s,%.6f,%.6f,%.1f,%.3f", d.name(),
                        d.task().name().toLowerCase(Locale.ROOT), d.task().metric(), d.n(), d.d(), d.classes(), model,
                        c.mean(), c.std(), ranks.get(model), c.seconds()));
                for (TabularResult.FoldRecord f : r.of(d.name(), model)) {
                    b.append(String.format(Locale.ROOT, ",%.6f", f.test()));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    static String markdown(TabularResult r) {
        List<String> models = r.settings().models();
        StringBuilder b = new StringBuilder("| data set | task | n | d |");
        for (String m : models) {
            b.append(' ').append(m).append(" |");
        }
        b.append("\n|---|---|---|---|");
        b.append("---|".repeat(models.size()));
        b.append('\n');
        Map<String, Map<String, Summary.Cell>> cells = Summary.cells(r);
        for (TabularResult.DataSetInfo d : r.dataSets()) {
            Map<String, Summary.Cell> row = cells.get(d.name());
            double best = Double.NaN;
            for (Summary.Cell c : row.values()) {
                if (d.task().better(c.mean(), best)) {
                    best = c.mean();
                }
            }
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d |", d.name(),
                    d.task() == Task.CLASSIFICATION ? "acc. (%)" : "RMSE", d.n(), d.d()));
            for (String m : models) {
                Summary.Cell c = row.get(m);
                double scale = d.task() == Task.CLASSIFICATION ? 100 : 1;
                String v = String.format(Locale.ROOT, "%.2f ± %.2f", c.mean() * scale, c.std() * scale);
                b.append(' ').append(c.mean() == best ? "**" + v + "**" : v).append(" |");
            }
            b.append('\n');
        }
        b.append("\n| model | Friedman rank (all) | Friedman rank (classif.) | mean acc. (%) | PMA (%) | P90 (%) | P95 (%) | s per fold |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Map<String, Double>> e : Summary.figures(r).entrySet()) {
            Map<String, Double> f = e.getValue();
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %.2f |%n", e.getKey(),
                    f.get("friedman_rank"), f.get("friedman_rank_classification"), f.get("mean_accuracy_percent"),
                    f.get("pma_percent"), f.get("p90_percent"), f.get("p95_percent"), f.get("mean_seconds_per_fold")));
        }
        return b.toString();
    }
}
