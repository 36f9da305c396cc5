// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.io.JsonReader;
import org.rfm4j.spi.Precision;

/**
 * `rfm bench --cold`: a fit in a fresh JVM (the child {@link ColdFit}), its cold and warm seconds and the
 * cold-start share in cold.json, and the PyTorch peer's first and later fits when torch is installed.
 */
class ColdStartTest {
    @Test
    void coldRowFromAFreshJvm(@TempDir Path out) throws Exception {
        boolean torch = BenchHarnessTest.torchInstalled();
        BenchConfig cfg = new BenchConfig(List.of(80), List.of(6), List.of(1), List.of("laplace"), List.of(Precision.FLOAT64),
                null, 2, 1, 50, 10, 1e-3, 0, out, BenchHarnessTest.PYTHON, torch ? List.of("torch") : List.of(), null,
                false, false, "test", List.of("direct"), 0);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new ColdStart(cfg, List.of(80), new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        Map<String, Object> json = JsonReader.parseObject(Files.readString(out.resolve("cold.json")));
        List<?> rows = (List<?>) json.get("rows");
        assertEquals(1, rows.size());
        Map<?, ?> r = (Map<?, ?>) rows.get(0);
        assertEquals("ok", r.get("status"), "row: " + r + "\nlog: " + log);
        assertEquals(3, ((List<?>) r.get("rfm4j_runs_s")).size(), "the cold run and 2 warm ones");
        double cold = ((Number) r.get("rfm4j_cold_s")).doubleValue();
        double warm = ((Number) r.get("rfm4j_warm_s")).doubleValue();
        double process = ((Number) r.get("rfm4j_process_s")).doubleValue();
        assertTrue(cold > 0 && warm > 0 && process > cold, "seconds: process " + process + ", cold " + cold + ", warm " + warm);
        assertEquals((cold - warm) / cold, ((Number) r.get("rfm4j_cold_share")).doubleValue(), 1e-12);
        if (torch) {
            assertTrue(((Number) r.get("prediction_rel_diff")).doubleValue() < 1e-6, "torch agrees: " + r);
            assertTrue(r.containsKey("cold_ratio") && r.containsKey("warm_ratio"), "ratios: " + r);
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("cold start:"), "the table is printed");
    }
}
