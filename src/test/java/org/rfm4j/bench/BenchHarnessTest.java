// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.cli.RfmCli;
import org.rfm4j.io.JsonReader;
import org.rfm4j.spi.Precision;

/** A tiny grid end to end: one point per available backend, peers when /usr/bin/python3 has torch. */
class BenchHarnessTest {
    static final String PYTHON = "/usr/bin/python3";

    static boolean torchInstalled() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch, numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void flopFormulas() {
        assertEquals(2e8, FlopCounts.kernel(1000, 100));
        assertEquals(27.0, FlopCounts.choleskySolve(3, 1), 1e-12);   // 27/3 + 2*9*1
        assertEquals(36.0, FlopCounts.luSolve(3, 1), 1e-12);         // 2*27/3 + 18
        assertEquals(2.0 * (24 + 120 + 160), FlopCounts.agop(2, 3, 4, 5));
        assertEquals(108.0, FlopCounts.predict(2, 3, 4, 5));
        assertEquals(2 * (FlopCounts.kernel(10, 4) + FlopCounts.choleskySolve(10, 2)) + FlopCounts.agop(10, 10, 4, 2)
                + FlopCounts.predict(5, 10, 4, 2), FlopCounts.total(1, 10, 4, 2, 10, 5, false));
    }

    @Test
    void tinyGridEndToEnd(@TempDir Path out) throws Exception {
        boolean torch = torchInstalled();
        int n = 300, d = 10, c = 2, nt = 100;
        BenchConfig cfg = new BenchConfig(List.of(n), List.of(d), List.of(c), List.of("laplace"), List.of(Precision.FLOAT64),
                null, 1, 1, nt, 10, 1e-3, 0, out, PYTHON, List.of("torch", "numpy"), null, true, false, "test",
                List.of("direct", "tree", "eigenpro"), 150);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BenchReport report = new BenchRunner(cfg, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        List<Path> files = report.write(out);
        List<Path> pngs = BenchPlots.write(report, out);

        // bench.json: structure, one rfm4j point per backend, flops as the formulas say
        Map<String, Object> json = JsonReader.parseObject(Files.readString(out.resolve("bench.json")));
        for (String k : List.of("machine", "config", "notes", "points", "ratios")) {
            assertTrue(json.containsKey(k), "bench.json lacks " + k);
        }
        List<?> points = (List<?>) json.get("points");
        List<Map<?, ?>> ours = new ArrayList<>();
        for (Object o : points) {
            Map<?, ?> p = (Map<?, ?>) o;
            for (String k : List.of("impl", "backend", "precision", "kernel", "n", "d", "c", "status", "seconds", "flops",
                    "gflops", "test_mse")) {
                assertTrue(p.containsKey(k), "point lacks " + k + ": " + p);
            }
            if (p.get("impl").equals("rfm4j")) {
                ours.add(p);
            }
        }
        assertFalse(ours.isEmpty());
        assertEquals(report.rows().stream().filter(r -> r.impl.equals("rfm4j")).count(), ours.size());
        for (Map<?, ?> p : ours) {
            assertEquals("ok", p.get("status"), "rfm4j point: " + p.get("note"));
            Map<?, ?> fl = (Map<?, ?>) p.get("flops");
            Map<?, ?> sec = (Map<?, ?>) p.get("seconds");
            double dn = n;
            assertEquals(2 * 2 * dn * dn * d, (Double) fl.get("kernel"), 1e-6);               // 2 solves: 2 x 2 n^2 d
            assertEquals(2 * (dn * dn * dn / 3 + 2 * dn * dn * c), (Double) fl.get("solve"), 1e-3);
            assertEquals(2 * (dn * n * d + dn * n * c * d + dn * c * d * d), (Double) fl.get("agop"), 1e-6); // N = n
            assertEquals(2.0 * nt * n * (d + c), (Double) fl.get("predict"), 1e-6);
            assertEquals((Double) fl.get("kernel") + (Double) fl.get("solve") + (Double) fl.get("agop")
                    + (Double) fl.get("predict"), (Double) fl.get("total"), 1e-3);
            for (String ph : BenchRow.PHASES) {
                assertTrue((Double) sec.get(ph) > 0, ph + " seconds");
            }
            assertTrue((Double) p.get("test_rel_mse") < 1.5, "test error is finite and sane");
        }

        // the tree beside the direct fit: its own row per point, timed, with a test error and its shape
        List<BenchRow> trees = report.rows().stream().filter(r -> r.impl.equals("rfm4j-tree")).toList();
        assertEquals(ours.size(), trees.size());
        for (BenchRow t : trees) {
            assertEquals("ok", t.status, t.note);
            assertTrue(t.seconds.get("total") > 0 && t.seconds.get("predict") > 0);
            assertTrue(Double.isNaN(t.seconds.get("kernel")), "a tree's phases are its leaves'");
            assertTrue(t.testRelMse < 1.5, "tree test error " + t.testRelMse);
            assertTrue(t.note.startsWith("2 leaves of at most 150 rows"), t.note);
        }
        // EigenPro beside them: the same test error as the direct solve (it converges to the same coefficients)
        List<BenchRow> eps = report.rows().stream().filter(r -> r.impl.equals("rfm4j-eigenpro")).toList();
        assertEquals(ours.size(), eps.size());
        for (BenchRow e : eps) {
            assertEquals("ok", e.status, e.note);
            assertTrue(e.seconds.get("solve") > 0 && e.seconds.get("predict") > 0);
            BenchRow direct = report.rows().stream().filter(r -> r.impl.equals("rfm4j") && r.pointKey().equals(e.pointKey()))
                    .findFirst().orElseThrow();
            assertEquals(direct.testRelMse, e.testRelMse, 0.02 * direct.testRelMse, "EigenPro vs direct test error");
        }
        assertTrue(report.summary().contains("direct vs tree / EigenPro"), report.summary());

        // peers: run and agree when torch is installed, otherwise skipped with the install hint
        for (BenchRow r : report.rows()) {
            if (r.impl.equals("torch")) {
                if (torch) {
                    assertEquals("ok", r.status, r.note);
                    assertTrue(r.relDiffVsRfm4j <= BenchRunner.BOUND_FLOAT64, "torch agrees: " + r.relDiffVsRfm4j);
                } else {
                    assertEquals("skipped", r.status);
                    assertTrue(r.note.contains("install-peers.sh"), r.note);
                }
            }
        }
        if (torch) {
            assertFalse(report.ratios().isEmpty(), "a ratio against torch");
        }

        // bench.csv: the header and one line per row, every line with the header's column count
        List<String> csv = Files.readAllLines(out.resolve("bench.csv"));
        assertEquals(BenchRow.csvHeader(), csv.get(0));
        assertEquals(report.rows().size() + 1, csv.size());
        int cols = splitCsv(csv.get(0)).size();
        for (String line : csv) {
            assertEquals(cols, splitCsv(line).size(), line);
        }
        assertEquals(2, files.size());
        assertTrue(pngs.size() >= 2, "at least two PNG plots");
        for (Path p : pngs) {
            byte[] head = new byte[4];
            try (var in = Files.newInputStream(p)) {
                assertEquals(4, in.read(head));
            }
            assertEquals((byte) 0x89, head[0]);
            assertEquals('P', head[1]);
        }
        try (Stream<Path> s = Files.list(out)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().equals("data")), "peer data removed");
        }
    }

    @Test
    void cliRunsWithoutPeers(@TempDir Path out) {
        int code = RfmCli.run("bench", "--n", "200", "--d", "8", "--c", "1", "--kernels", "gaussian", "--precisions",
                "float32", "--repeats", "1", "--n-test", "50", "--peers", "none", "--no-plots", "--out", out.toString());
        assertEquals(0, code);
        assertTrue(Files.exists(out.resolve("bench.json")));
        assertEquals(2, RfmCli.run("bench", "--kernels", "lpq", "--out", out.toString()));
    }

    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                q = !q;
            } else if (ch == ',' && !q) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
