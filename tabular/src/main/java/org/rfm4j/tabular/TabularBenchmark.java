// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rfm4j.spi.ComputeBackend;

/**
 * The library entry of the tabular benchmark: for each data set, K folds; on each fold every model tunes its grid
 * on the validation split and is scored on the test split (spec/EXPERIMENTS.md section 5). Progress goes to a
 * {@link PrintStream}, one line per data set, model and fold.
 */
public final class TabularBenchmark {
    private TabularBenchmark() {
    }

    /** Runs {@code s} on {@code backend} (RFM and KRR fit there; the baselines on the host). */
    public static TabularResult run(TabularSettings s, ComputeBackend backend, PrintStream log) {
        long t0 = System.nanoTime();
        List<ModelRunner> runners = runners(s, backend);
        Map<String, String> grids = new LinkedHashMap<>();
        for (ModelRunner r : runners) {
            grids.put(r.name(), r.grid());
        }
        List<TabularResult.DataSetInfo> infos = new ArrayList<>();
        List<TabularResult.FoldRecord> records = new ArrayList<>();
        for (String name : s.dataSets()) {
            TabularData data = DataSets.load(name, s);
            infos.add(new TabularResult.DataSetInfo(name, data.task(), data.n(), data.d(), data.classes(),
                    data.source(), data.licence()));
            log.printf(Locale.ROOT, "tabular: %s (%s, n = %d, d = %d%s)%n", name, data.task().name().toLowerCase(Locale.ROOT),
                    data.n(), data.d(), data.classes() > 0 ? ", " + data.classes() + " classes" : "");
            List<Folds.Split> splits = Folds.make(data, s.folds(), s.seed());
            for (int k = 0; k < splits.size(); k++) {
                FoldData fold = FoldData.of(data, splits.get(k));
                for (ModelRunner r : runners) {
                    ModelRunner.Outcome o = r.run(data, fold);
                    records.add(new TabularResult.FoldRecord(name, r.name(), k, o.test(), o.validation(), o.chosen(),
                            o.seconds(), o.fits()));
                    log.printf(Locale.ROOT, "tabular:   fold %d %-12s test %s %.4f  validation %.4f  %6.1f s  %s%n", k,
                            r.name(), data.task().metric(), o.test(), o.validation(), o.seconds(), o.chosen());
                }
                log.flush();
            }
        }
        return new TabularResult(s, infos, records, grids, (System.nanoTime() - t0) / 1e9);
    }

    static List<ModelRunner> runners(TabularSettings s, ComputeBackend be) {
        List<ModelRunner> all = new ArrayList<>();
        for (String m : s.models()) {
            all.add(switch (m) {
                case "RFM" -> RfmRunner.rfm(be, s);
                case "KRR" -> RfmRunner.krr(be, s);
                case "XGBoost" -> new XgboostRunner(s);
                case "RandomForest" -> new ForestRunner(s);
                default -> throw new IllegalStateException(m);
            });
        }
        return all;
    }
}
