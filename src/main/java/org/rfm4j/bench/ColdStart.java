// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.Sampling;
import org.rfm4j.io.Json;
import org.rfm4j.io.JsonReader;
import org.rfm4j.io.Npy;
import org.rfm4j.spi.Precision;

/**
 * Cold-start rows of `rfm bench --cold`: small problems (n = 300-2000) fitted in a fresh JVM
 * ({@link ColdFit}, same java and JVM options as this one), against the PyTorch peer in a fresh Python
 * process. For each, the process's wall time, the first fit + predict timed inside the process (cold:
 * class loading, interpreter, JIT) and the median of the later ones (warm), and the cold-start share
 * (cold - warm) / cold. Writes DIR/cold.json and prints a table.
 */
public final class ColdStart {
    private static final long TIMEOUT_S = 900;

    private final BenchConfig cfg;
    private final List<Integer> ns;
    private final PrintStream log;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    public ColdStart(BenchConfig cfg, List<Integer> ns, PrintStream log) {
        this.cfg = cfg;
        this.ns = ns;
        this.log = log;
    }

    /** Measures every cold point (n from the list, d, c, kernel and precision from the grid); writes cold.json. */
    public void run() {
        Peers peers = cfg.peers().contains("torch") ? Peers.probe(cfg.python(), cfg.peersDir(), false) : null;
        String backend = cfg.backends() == null ? "cpu" : cfg.backends().get(0);
        for (String kernel : cfg.kernels()) {
            for (int c : cfg.cs()) {
                for (int d : cfg.ds()) {
                    for (Precision pr : cfg.precisions()) {
                        for (int n : ns) {
                            rows.add(point(peers, backend, kernel, n, d, c, pr));
                        }
                    }
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", cfg.command());
        out.put("date", java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).toString());
        out.put("load_average_at_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.put("jvm_options", jvmOptions());
        out.put("rows", rows);
        Path file = cfg.out().resolve("cold.json");
        try {
            Files.createDirectories(cfg.out());
            Files.writeString(file, Json.write(out) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage() + ": choose another --out");
        }
        log.println("wrote " + file);
        log.print(summary());
    }

    private Map<String, Object> point(Peers peers, String backend, String kernel, int n, int d, int c, Precision pr) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("backend", backend);
        row.put("kernel", kernel);
        row.put("precision", pr.toString());
        row.put("n", n);
        row.put("d", d);
        row.put("c", c);
        Path dir = cfg.out().resolve("data").resolve(String.format(Locale.ROOT, "cold-%s-%s-n%d-d%d-c%d", pr, kernel, n, d, c));
        BenchData data = BenchData.generate(n, d, c, cfg.nTest(), cfg.seed());
        try {
            Files.createDirectories(dir);
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(jvmOptions());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdFit.class.getName(), dir.toString(),
                    backend, kernel, Integer.toString(n), Integer.toString(d), Integer.toString(c),
                    Integer.toString(cfg.nTest()), Long.toString(cfg.seed()), Double.toString(cfg.bandwidth()),
                    Double.toString(cfg.reg()), Integer.toString(cfg.iterations()), pr.toString(),
                    Integer.toString(cfg.repeats())));
            long t0 = System.nanoTime();
            Map<String, Object> ours = runJava(cmd, dir.resolve("rfm4j.log"));
            row.put("rfm4j_process_s", (System.nanoTime() - t0) * 1e-9);
            row.put("rfm4j_jvm_to_main_s", ours.get("jvm_to_main_s"));
            putRuns(row, "rfm4j", runs(ours.get("runs")));
            if (peers != null && peers.why().isEmpty()) {
                Npy.write(dir.resolve("X_train.npy"), data.x(), new int[] {n, d}, false);
                Npy.write(dir.resolve("y_train.npy"), data.y(), new int[] {n, c}, false);
                Npy.write(dir.resolve("X_test.npy"), data.xTest(), new int[] {data.nTest(), d}, false);
                int[] sample = Sampling.withoutReplacement(n, org.rfm4j.api.RfmParams.builder().build().agopSamples(),
                        cfg.seed());
                double[] idx = Arrays.stream(sample).asDoubleStream().toArray();
                Npy.write(dir.resolve("agop_index.npy"), idx, new int[] {idx.length}, false);
                t0 = System.nanoTime();
                Map<String, Object> torch = peers.runTorch(dir, "torch", "cholesky", "cpu", kernel, cfg.bandwidth(),
                        cfg.reg(), cfg.iterations(), pr.toString(), 0, cfg.repeats() + 1, TIMEOUT_S);
                row.put("torch_process_s", (System.nanoTime() - t0) * 1e-9);
                List<Double> tr = new ArrayList<>();
                for (Object o : (List<?>) torch.get("runs")) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    tr.add(((Number) m.get("fit")).doubleValue() + ((Number) m.get("predict")).doubleValue());
                }
                putRuns(row, "torch", tr);
                double diff = BenchData.relativeDifference(Npy.read(dir.resolve("pred_rfm4j.npy")).data(),
                        Npy.read(dir.resolve("pred_torch.npy")).data());
                row.put("prediction_rel_diff", diff);
                row.put("cold_ratio", (double) row.get("rfm4j_cold_s") / (double) row.get("torch_cold_s"));
                row.put("warm_ratio", (double) row.get("rfm4j_warm_s") / (double) row.get("torch_warm_s"));
            } else if (peers != null) {
                row.put("note", "torch peer skipped: " + peers.why());
            }
            row.put("status", "ok");
        } catch (RuntimeException | IOException e) {
            row.put("status", "failed");
            row.put("note", e.getMessage());
        } finally {
            if (!cfg.keepData()) {
                BenchRunner.deleteTree(dir);
            }
        }
        log.println(line(row));
        return row;
    }

    /** The JVM options of this process that matter to a fresh one: heap, modules, system properties, GC. */
    private static List<String> jvmOptions() {
        List<String> out = new ArrayList<>();
        List<String> in = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < in.size(); i++) {
            String a = in.get(i);
            if (a.startsWith("-agentlib") || a.startsWith("-javaagent") || a.startsWith("-XX:StartFlightRecording")) {
                continue;
            }
            out.add(a);
        }
        boolean modules = out.stream().anyMatch(a -> a.contains("jdk.incubator.vector"));
        if (!modules && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            out.add("--add-modules=jdk.incubator.vector");
        }
        return out;
    }

    private static List<Double> runs(Object o) {
        List<Double> out = new ArrayList<>();
        for (Object v : (List<?>) o) {
            out.add(((Number) v).doubleValue());
        }
        return out;
    }

    /** PREFIX_cold_s (the first run), PREFIX_warm_s (median of the others), PREFIX_cold_share, PREFIX_runs_s. */
    private static void putRuns(Map<String, Object> row, String prefix, List<Double> runs) {
        double cold = runs.get(0);
        double warm = runs.size() > 1
                ? BenchRunner.median(runs.subList(1, runs.size()).stream().mapToDouble(Double::doubleValue).toArray()) : cold;
        row.put(prefix + "_cold_s", cold);
        row.put(prefix + "_warm_s", warm);
        row.put(prefix + "_cold_share", (cold - warm) / cold);
        row.put(prefix + "_runs_s", runs);
    }

    private static Map<String, Object> runJava(List<String> cmd, Path logFile) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(logFile.toFile());
        Process p = pb.start();
        try {
            byte[] out = p.getInputStream().readAllBytes(); // one short JSON object; ends when the process does
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RfmException(ErrorCode.INTERNAL, "the cold-start child JVM did not finish in " + TIMEOUT_S + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || text.isEmpty()) {
                throw new RfmException(ErrorCode.INTERNAL, "the cold-start child JVM failed (exit " + p.exitValue()
                        + "); its log: " + logFile);
            }
            return JsonReader.parseObject(text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new RfmException(ErrorCode.INTERNAL, "interrupted while the cold-start child JVM ran");
        }
    }

    private static String line(Map<String, Object> r) {
        if (!"ok".equals(r.get("status"))) {
            return String.format(Locale.ROOT, "cold %s n=%s d=%s c=%s: %s (%s)", r.get("precision"), r.get("n"), r.get("d"),
                    r.get("c"), r.get("status"), r.get("note"));
        }
        String s = String.format(Locale.ROOT, "cold %s %s n=%s d=%s c=%s: rfm4j process %.2f s, fit+predict cold %.3f s,"
                        + " warm %.3f s (cold-start share %.0f%%)", r.get("precision"), r.get("kernel"), r.get("n"), r.get("d"),
                r.get("c"), num(r, "rfm4j_process_s"), num(r, "rfm4j_cold_s"), num(r, "rfm4j_warm_s"),
                100 * num(r, "rfm4j_cold_share"));
        if (r.containsKey("torch_cold_s")) {
            s += String.format(Locale.ROOT, " | torch process %.2f s, cold %.3f s, warm %.3f s (rel diff %.1e)",
                    num(r, "torch_process_s"), num(r, "torch_cold_s"), num(r, "torch_warm_s"), num(r, "prediction_rel_diff"));
        }
        return s;
    }

    /** The table printed at the end. */
    String summary() {
        StringBuilder sb = new StringBuilder("cold start: fit + predict timed inside a fresh process; share = (cold - warm) / cold\n");
        sb.append(String.format(Locale.ROOT, "%-8s %6s %5s %3s %9s %8s %8s %6s %9s %8s %8s %10s %10s%n", "prec", "n", "d", "c",
                "rfm4j_proc", "cold_s", "warm_s", "share", "torch_proc", "cold_s", "warm_s", "cold_ratio", "warm_ratio"));
        for (Map<String, Object> r : rows) {
            if (!"ok".equals(r.get("status"))) {
                sb.append(line(r)).append('\n');
                continue;
            }
            boolean t = r.containsKey("torch_cold_s");
            sb.append(String.format(Locale.ROOT, "%-8s %6s %5s %3s %9.2f %8.3f %8.3f %5.0f%% %9s %8s %8s %10s %10s%n",
                    r.get("precision"), r.get("n"), r.get("d"), r.get("c"), num(r, "rfm4j_process_s"), num(r, "rfm4j_cold_s"),
                    num(r, "rfm4j_warm_s"), 100 * num(r, "rfm4j_cold_share"), t ? fmt(num(r, "torch_process_s"), 2) : "-",
                    t ? fmt(num(r, "torch_cold_s"), 3) : "-", t ? fmt(num(r, "torch_warm_s"), 3) : "-",
                    t ? fmt(num(r, "cold_ratio"), 2) : "-", t ? fmt(num(r, "warm_ratio"), 2) : "-"));
        }
        return sb.toString();
    }

    private static double num(Map<String, Object> r, String k) {
        return ((Number) r.get(k)).doubleValue();
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
