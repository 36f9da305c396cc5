// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.io.JsonReader;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/** A reduced --quick run end to end: every model on a classification and a regression set, the four files. */
class TabularQuickTest {
    @TempDir
    Path out;

    @Test
    void quickRunWritesTheReport() throws Exception {
        TabularSettings s = TabularSettings.quick(TestData.dir()).withDataSets(List.of("iris", "diabetes"));
        TabularResult r;
        try (ComputeBackend be = Backends.open("cpu")) {
            r = TabularBenchmark.run(s, be, new PrintStream(new ByteArrayOutputStream()));
        }
        assertEquals(2 * 4 * 4, r.folds().size());
        Map<String, Map<String, Summary.Cell>> cells = Summary.cells(r);
        for (String m : TabularSettings.MODELS) {
            assertTrue(cells.get("iris").get(m).mean() > 0.85, m + " on iris: " + cells.get("iris").get(m));
            double rmse = cells.get("diabetes").get(m).mean();
            assertTrue(rmse > 40 && rmse < 75, m + " on diabetes (target sd about 77): " + rmse);
        }
        ReportFiles.write(out, r);
        for (String f : List.of("report.json", "results.csv", "table.md", "ranks.png")) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        Object json = JsonReader.parse(Files.readString(out.resolve("report.json")));
        assertEquals(8, ((List<?>) ((Map<?, ?>) json).get("entries")).size());
        assertEquals(1 + 8, Files.readAllLines(out.resolve("results.csv")).size());
    }

    @Test
    void badOptionsExitWithCodeTwo() {
        assertEquals(2, TabularMain.run("--data-sets", "nope", "--out", out.toString()));
        assertEquals(2, TabularMain.run("--models", "SVM", "--out", out.toString()));
        assertEquals(2, TabularMain.run("--folds", "1", "--out", out.toString()));
        assertEquals(0, TabularMain.run("experiment", "tabular", "--list"));
    }
}
