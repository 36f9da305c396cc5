// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measured implementation at one grid point: rfm4j on a backend, or a peer (torch, torch-lu,
 * numpy) on the same data. Seconds are medians over the repeats; GFLOP/s use {@link FlopCounts}.
 * A phase an implementation does not have is NaN (null in JSON, empty in CSV).
 */
public final class BenchRow {
    /** Phases reported, in order. "total" = fit (all iterations) + prediction. */
    public static final List<String> PHASES = List.of("kernel", "solve", "agop", "predict", "total");

    public String impl;          // rfm4j, torch, torch-lu, numpy
    public String backend;       // the rfm4j backend of this point (cpu, cuda)
    public String device;        // where this implementation ran (cpu, cuda)
    public String precision;
    public String kernel;
    public int n;
    public int d;
    public int c;
    public int nTest;
    public int agopN;
    public int iterations;
    public int repeats;
    public String status = "ok"; // ok, skipped, failed, disagrees
    public final Map<String, Double> seconds = new LinkedHashMap<>();
    public final Map<String, Double> flops = new LinkedHashMap<>();
    public double peakHeapBytes = Double.NaN;
    public double deviceMemoryBytes = Double.NaN;
    public double peakRssBytes = Double.NaN;
    public double testMse = Double.NaN;
    public double testRelMse = Double.NaN;
    public double relDiffVsRfm4j = Double.NaN;
    public double agreementBound = Double.NaN;
    public double gflopsGemmSquare = Double.NaN;
    public String note = "";

    BenchRow() {
        for (String p : PHASES) {
            seconds.put(p, Double.NaN);
            flops.put(p, Double.NaN);
        }
    }

    /** Same point, another implementation. */
    BenchRow sibling(String implName, String deviceName) {
        BenchRow r = new BenchRow();
        r.impl = implName;
        r.backend = backend;
        r.device = deviceName;
        r.precision = precision;
        r.kernel = kernel;
        r.n = n;
        r.d = d;
        r.c = c;
        r.nTest = nTest;
        r.agopN = agopN;
        r.iterations = iterations;
        r.repeats = repeats;
        return r;
    }

    public double gflops(String phase) {
        double s = seconds.getOrDefault(phase, Double.NaN);
        double f = flops.getOrDefault(phase, Double.NaN);
        return s > 0 ? f / s / 1e9 : Double.NaN;
    }

    /** Identifies the grid point (not the implementation). */
    public String pointKey() {
        return backend + "/" + precision + "/" + kernel + "/n=" + n + "/d=" + d + "/c=" + c;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("impl", impl);
        m.put("backend", backend);
        m.put("device", device);
        m.put("precision", precision);
        m.put("kernel", kernel);
        m.put("n", n);
        m.put("d", d);
        m.put("c", c);
        m.put("n_test", nTest);
        m.put("agop_n", agopN);
        m.put("iterations", iterations);
        m.put("repeats", repeats);
        m.put("status", status);
        m.put("seconds", new LinkedHashMap<>(seconds));
        m.put("flops", new LinkedHashMap<>(flops));
        Map<String, Object> g = new LinkedHashMap<>();
        for (String p : PHASES) {
            g.put(p, gflops(p));
        }
        m.put("gflops", g);
        if (!Double.isNaN(gflopsGemmSquare)) {
            m.put("gflops_gemm_square", gflopsGemmSquare);
        }
        m.put("peak_heap_bytes", peakHeapBytes);
        m.put("device_memory_bytes", deviceMemoryBytes);
        m.put("peak_rss_bytes", peakRssBytes);
        m.put("test_mse", testMse);
        m.put("test_rel_mse", testRelMse);
        m.put("rel_diff_vs_rfm4j", relDiffVsRfm4j);
        m.put("agreement_bound", agreementBound);
        m.put("note", note);
        return m;
    }

    /** CSV header matching {@link #csv()}. */
    public static String csvHeader() {
        List<String> h = new ArrayList<>(List.of("impl", "backend", "device", "precision", "kernel", "n", "d", "c",
                "n_test", "agop_n", "iterations", "repeats", "status"));
        for (String p : PHASES) {
            h.add("s_" + p);
        }
        for (String p : PHASES) {
            h.add("flops_" + p);
        }
        for (String p : PHASES) {
            h.add("gflops_" + p);
        }
        h.addAll(List.of("gflops_gemm_square", "peak_heap_bytes", "device_memory_bytes", "peak_rss_bytes", "test_mse",
                "test_rel_mse", "rel_diff_vs_rfm4j", "agreement_bound", "note"));
        return String.join(",", h);
    }

    public String csv() {
        List<String> v = new ArrayList<>(List.of(impl, backend, device, precision, kernel, "" + n, "" + d, "" + c,
                "" + nTest, "" + agopN, "" + iterations, "" + repeats, status));
        for (String p : PHASES) {
            v.add(num(seconds.get(p)));
        }
        for (String p : PHASES) {
            v.add(num(flops.get(p)));
        }
        for (String p : PHASES) {
            v.add(num(gflops(p)));
        }
        v.add(num(gflopsGemmSquare));
        v.add(num(peakHeapBytes));
        v.add(num(deviceMemoryBytes));
        v.add(num(peakRssBytes));
        v.add(num(testMse));
        v.add(num(testRelMse));
        v.add(num(relDiffVsRfm4j));
        v.add(num(agreementBound));
        v.add('"' + note.replace("\"", "\"\"") + '"');
        return String.join(",", v);
    }

    static String num(Double x) {
        if (x == null || !Double.isFinite(x)) {
            return "";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        return String.format(Locale.ROOT, "%.6g", x);
    }
}
