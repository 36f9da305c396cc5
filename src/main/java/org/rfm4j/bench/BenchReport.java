// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.rfm4j.io.AtomicFiles;
import org.rfm4j.io.Json;

/**
 * The rows of a bench run with the machine they ran on; writes bench.json and bench.csv and the
 * ratio table (rfm4j time / peer time per phase: below 1 means rfm4j is faster).
 */
public final class BenchReport {
    /** Peers a ratio is computed against. */
    public static final List<String> RATIO_PEERS = List.of("torch", "torch-lu");

    private final BenchConfig cfg;
    private final List<BenchRow> rows;
    private final List<String> notes;
    private final Map<String, String> backends;
    private final Peers peers;
    private final double loadAtStart;
    private final String date = OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

    BenchReport(BenchConfig cfg, List<BenchRow> rows, List<String> notes, Map<String, String> backends, Peers peers,
                double loadAtStart) {
        this.cfg = cfg;
        this.loadAtStart = loadAtStart;
        this.rows = List.copyOf(rows);
        this.notes = List.copyOf(notes);
        this.backends = Map.copyOf(backends);
        this.peers = peers;
    }

    public List<BenchRow> rows() {
        return rows;
    }

    public List<String> notes() {
        return notes;
    }

    /** One ratio line: the point, the peer, and rfm4j/peer per phase. */
    public record Ratio(BenchRow ours, BenchRow peer, Map<String, Double> ratio) {
    }

    /** rfm4j/peer per phase for every point where rfm4j and an agreeing peer both ran. */
    public List<Ratio> ratios() {
        List<Ratio> out = new ArrayList<>();
        for (BenchRow r : rows) {
            if (!r.impl.equals("rfm4j") || !r.status.equals("ok")) {
                continue;
            }
            for (BenchRow p : rows) {
                if (RATIO_PEERS.contains(p.impl) && p.status.equals("ok") && p.pointKey().equals(r.pointKey())) {
                    Map<String, Double> m = new LinkedHashMap<>();
                    for (String ph : BenchRow.PHASES) {
                        m.put(ph, r.seconds.get(ph) / p.seconds.get(ph));
                    }
                    out.add(new Ratio(r, p, m));
                }
            }
        }
        return out;
    }

    /** The numpy floor row of a point, or null. */
    public BenchRow floor(BenchRow ours) {
        for (BenchRow p : rows) {
            if (p.impl.equals("numpy") && p.status.equals("ok") && p.pointKey().equals(ours.pointKey())) {
                return p;
            }
        }
        return null;
    }

    public Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("max_heap_bytes", (double) Runtime.getRuntime().maxMemory());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("backends", new LinkedHashMap<>(backends));
        m.put("date", date);
        m.put("load_average_at_start", loadAtStart);
        m.put("load_average_at_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        m.put("command", cfg.command());
        return m;
    }

    static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Paths.get("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: fall back to the architecture
        }
        return System.getProperty("os.arch");
    }

    public Map<String, Object> toMap() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("machine", machine());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("repeats", cfg.repeats());
        c.put("warmup", 1);
        c.put("iterations", cfg.iterations());
        c.put("n_test", cfg.nTest());
        c.put("bandwidth", cfg.bandwidth());
        c.put("reg", cfg.reg());
        c.put("seed", cfg.seed());
        c.put("python", cfg.python());
        c.put("peers", cfg.peers());
        c.put("agreement_bound_float64", BenchRunner.BOUND_FLOAT64);
        c.put("agreement_bound_float32", BenchRunner.BOUND_FLOAT32);
        c.put("flops", "multiply-add = 2 flops; kernel 2 n^2 d per solve; solve n^3/3 + 2 n^2 c (LU 2 n^3/3 + 2 n^2 c);"
                + " agop 2 (N n d + N n c d + N c d^2); predict 2 n_test n (d + c); x (iterations + 1) for kernel and"
                + " solve, x iterations for agop (see org.rfm4j.bench.FlopCounts)");
        j.put("config", c);
        j.put("notes", notes);
        j.put("points", rows.stream().map(BenchRow::toMap).collect(Collectors.toList()));
        List<Object> rs = new ArrayList<>();
        for (Ratio r : ratios()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("point", r.ours().pointKey());
            m.put("peer", r.peer().impl);
            m.put("rfm4j_over_peer", r.ratio());
            rs.add(m);
        }
        j.put("ratios", rs);
        return j;
    }

    /** Writes bench.json and bench.csv into the folder; returns their paths. */
    public List<Path> write(Path dir) {
        Path json = dir.resolve("bench.json");
        Path csv = dir.resolve("bench.csv");
        String js = Json.write(toMap());
        AtomicFiles.write(json, out -> out.write(js.getBytes(StandardCharsets.UTF_8)));
        StringBuilder sb = new StringBuilder(BenchRow.csvHeader()).append('\n');
        for (BenchRow r : rows) {
            sb.append(r.csv()).append('\n');
        }
        AtomicFiles.write(csv, out -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
        return List.of(json, csv);
    }

    /** Direct against the tree and EigenPro at every point where they ran: time (fit + predict) and test error. */
    private void solverSummary(StringBuilder sb) {
        boolean header = false;
        for (BenchRow t : rows) {
            if (!t.impl.equals("rfm4j-tree") && !t.impl.equals("rfm4j-eigenpro")) {
                continue;
            }
            if (!header) {
                sb.append("direct vs tree / EigenPro: seconds (fit + predict) and test mse / target variance\n");
                sb.append(String.format(Locale.ROOT, "%-6s %-8s %-9s %7s %5s %3s %-8s %9s %9s %7s %9s %9s  %s%n",
                        "backend", "prec", "kernel", "n", "d", "c", "solver", "direct_s", "solver_s", "s/d", "direct_e",
                        "solver_e", "note"));
                header = true;
            }
            BenchRow d = null;
            for (BenchRow r : rows) {
                if (r.impl.equals("rfm4j") && r.pointKey().equals(t.pointKey())) {
                    d = r;
                }
            }
            boolean dOk = d != null && d.status.equals("ok"), tOk = t.status.equals("ok");
            double ds = dOk ? d.seconds.get("total") : Double.NaN, ts = tOk ? t.seconds.get("total") : Double.NaN;
            sb.append(String.format(Locale.ROOT, "%-6s %-8s %-9s %7d %5d %3d %-8s %9s %9s %7s %9s %9s  %s%n", t.backend,
                    t.precision, t.kernel, t.n, t.d, t.c, t.impl.substring("rfm4j-".length()),
                    dOk ? fmt("%.3f", ds) : (d == null ? "-" : d.status), tOk ? fmt("%.3f", ts) : t.status,
                    dOk && tOk ? fmt("%.2f", ts / ds) : "-", dOk ? fmt("%.4f", d.testRelMse) : "-",
                    tOk ? fmt("%.4f", t.testRelMse) : "-", t.note == null ? "" : t.note));
        }
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }

    /** The human summary printed at the end: ratios per phase and the floor comparison. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        if (loadAtStart > cores + 0.5 || load > cores + 0.5) {
            sb.append(String.format(Locale.ROOT, "warning: the 1-minute load average was %.1f at the start and %.1f at the end"
                    + " on %d cores: other processes competed for the CPU, so these times are unreliable%n",
                    loadAtStart, load, cores));
        }
        List<Ratio> rs = ratios();
        if (rs.isEmpty()) {
            sb.append("no ratios: no peer ran and agreed with rfm4j (see the notes and bench.csv)\n");
        } else {
            sb.append("time ratio rfm4j / peer per phase (below 1: rfm4j faster); peers agree within the stated bound\n");
            sb.append(String.format(Locale.ROOT, "%-6s %-8s %-9s %6s %5s %3s %-9s %7s %7s %7s %7s %7s %9s %9s%n",
                    "backend", "prec", "kernel", "n", "d", "c", "peer", "kernel", "solve", "agop", "predict", "total",
                    "rfm4j_s", "peer_s"));
            for (Ratio r : rs) {
                BenchRow o = r.ours();
                sb.append(String.format(Locale.ROOT, "%-6s %-8s %-9s %6d %5d %3d %-9s %7.2f %7.2f %7.2f %7.2f %7.2f %9.3f %9.3f%n",
                        o.backend, o.precision, o.kernel, o.n, o.d, o.c, r.peer().impl, r.ratio().get("kernel"),
                        r.ratio().get("solve"), r.ratio().get("agop"), r.ratio().get("predict"), r.ratio().get("total"),
                        o.seconds.get("total"), r.peer().seconds.get("total")));
            }
        }
        solverSummary(sb);
        boolean header = false;
        for (BenchRow o : rows) {
            if (!o.impl.equals("rfm4j") || !o.status.equals("ok")) {
                continue;
            }
            BenchRow f = floor(o);
            if (f == null) {
                continue;
            }
            if (!header) {
                sb.append("GFLOP/s against the NumPy/OpenBLAS floor (same n, d, precision)\n");
                sb.append(String.format(Locale.ROOT, "%-8s %6s %5s %3s %10s %10s %10s %10s %10s%n", "prec", "n", "d", "c",
                        "K rfm4j", "gemm np", "solve rfm4j", "chol np", "gemm sq np"));
                header = true;
            }
            sb.append(String.format(Locale.ROOT, "%-8s %6d %5d %3d %10.1f %10.1f %10.1f %10.1f %10.1f%n", o.precision,
                    o.n, o.d, o.c, o.gflops("kernel"), f.gflops("kernel"), o.gflops("solve"), f.gflops("solve"),
                    f.gflopsGemmSquare));
        }
        return sb.toString();
    }
}
