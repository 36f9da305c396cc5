// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.EigenProSettings;
import org.rfm4j.algo.FitListener;
import org.rfm4j.algo.IterationRecord;
import org.rfm4j.algo.RawPredictor;
import org.rfm4j.algo.RfmSolution;
import org.rfm4j.algo.RfmTrainer;
import org.rfm4j.algo.Sampling;
import org.rfm4j.algo.SolutionPredictor;
import org.rfm4j.algo.TrainerSettings;
import org.rfm4j.api.RfmParams;
import org.rfm4j.data.Matrix;
import org.rfm4j.io.Npy;
import org.rfm4j.io.NpyArray;
import org.rfm4j.spi.BackendProvider;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.MemoryInfo;
import org.rfm4j.spi.Precision;
import org.rfm4j.tree.LeafRecord;
import org.rfm4j.tree.RfmTreeTrainer;
import org.rfm4j.tree.TreeFit;
import org.rfm4j.tree.TreeSettings;

/**
 * Runs a {@link BenchConfig} grid: for each available backend and each point, one warm-up fit and
 * {@code repeats} measured fits of rfm4j (median per phase), then the peers on the same data
 * written as .npy, and the agreement of their predictions with rfm4j's; with the tree among the
 * solvers, the RFM tree's fit and prediction on the same data (row impl "rfm4j-tree"); with EigenPro, one
 * kernel machine solved by EigenPro on the same data (row impl "rfm4j-eigenpro").
 *
 * <p>Agreement: the relative L2 difference ||p_peer - p_rfm4j|| / ||p_rfm4j|| of the test
 * predictions must be at most {@link #BOUND_FLOAT64} (float64) or {@link #BOUND_FLOAT32} (float32),
 * else the peer's row gets status "disagrees" and no ratio is reported against it. The float32
 * bound is loose because K + reg I has a condition number near n / reg, so two correct float32
 * solvers that round differently give predictions differing by far more than float32's epsilon.
 */
public final class BenchRunner {
    /** Largest relative prediction difference accepted between a peer and rfm4j in float64. */
    public static final double BOUND_FLOAT64 = 1e-6;
    /** Largest relative prediction difference accepted in float32. */
    public static final double BOUND_FLOAT32 = 5e-2;
    /** Seconds a peer subprocess may take for one point (warm-up and repeats). */
    static final long PEER_TIMEOUT_S = 3600;

    private final BenchConfig cfg;
    private final PrintStream log;
    private final List<BenchRow> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> backendDescriptions = new LinkedHashMap<>();
    private Peers peers;

    public BenchRunner(BenchConfig cfg, PrintStream log) {
        this.cfg = cfg;
        this.log = log;
    }

    public BenchReport run() {
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try {
            Files.createDirectories(cfg.out());
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot create the output folder " + cfg.out() + ": " + e.getMessage()
                    + ": choose another --out");
        }
        List<ComputeBackend> opened = new ArrayList<>();
        try {
            for (String b : chooseBackends()) {
                opened.add(Backends.open(b));
            }
            runOn(opened);
        } finally {
            for (ComputeBackend be : opened) {
                be.close();
            }
        }
        deleteIfEmpty(cfg.out().resolve("data"));
        return new BenchReport(cfg, rows, notes, backendDescriptions, peers, loadAtStart);
    }

    /** The grid on every backend, after probing the peers (on an accelerator's device when one runs). */
    private void runOn(List<ComputeBackend> backends) {
        boolean wantPeers = !cfg.peers().isEmpty();
        Peers peers = null;
        if (wantPeers) {
            peers = Peers.probe(cfg.python(), cfg.peersDir(), backends.stream().anyMatch(be -> !be.hostMemory()));
            if (!peers.why().isEmpty()) {
                note("peers: " + peers.why() + "; the affected peers are skipped");
            }
            List<String> present = new ArrayList<>();
            for (String v : Peers.UNSET_FOR_PEERS) {
                if (System.getenv(v) != null) {
                    present.add(v + "=" + System.getenv(v));
                }
            }
            if (!present.isEmpty()) {
                note("peers: " + String.join(", ", present) + " unset for the peer subprocesses only (they slow a current"
                        + " OpenBLAS; the numpy row's note names the core type OpenBLAS runs)");
            }
            note("peers: run with " + Peers.MALLOC_ENV + " (glibc keeps freed memory, as the JVM keeps its heap)");
        }
        this.peers = peers;
        int total = 0;
        for (ComputeBackend be : backends) {
            total += cfg.nsFor(be.hostMemory()).size() * cfg.ds().size() * cfg.cs().size() * cfg.kernels().size()
                    * cfg.precisions().size();
        }
        int done = 0;
        for (ComputeBackend be : backends) {
            backendDescriptions.put(be.name(), be.description());
            for (String kernel : cfg.kernels()) {
                for (int c : cfg.cs()) {
                    for (int d : cfg.ds()) {
                        for (Precision pr : cfg.precisions()) {
                            for (int n : cfg.nsFor(be.hostMemory())) {
                                done++;
                                point(be, peers, kernel, n, d, c, pr, done, total);
                            }
                        }
                    }
                }
            }
        }
    }

    private List<String> chooseBackends() {
        List<String> out = new ArrayList<>();
        if (cfg.backends() == null) {
            for (BackendProvider p : Backends.providers()) {
                BackendProvider.Availability a = p.probe();
                if (a.available()) {
                    out.add(p.name());
                } else {
                    note("backend " + p.name() + " skipped: " + a.detail());
                }
            }
        } else {
            for (String b : cfg.backends()) {
                BackendProvider.Availability a = Backends.provider(b).probe();
                if (a.available()) {
                    out.add(b);
                } else {
                    note("backend " + b + " skipped: " + a.detail());
                }
            }
        }
        if (out.isEmpty()) {
            throw new RfmException(ErrorCode.BACKEND_UNAVAILABLE, "no backend to benchmark: " + String.join("; ", notes)
                    + " (use --backends cpu)");
        }
        return out;
    }

    /** One grid point: the direct fit (with the peers) and the tree, as the config asks. */
    private void point(ComputeBackend be, Peers peers, String kernel, int n, int d, int c, Precision pr, int idx, int total) {
        String head = String.format(Locale.ROOT, "[%d/%d] %s %s %s n=%d d=%d c=%d:", idx, total, be.name(), pr, kernel, n, d, c);
        TrainerSettings params = RfmParams.builder().kernel(kernel).bandwidth(cfg.bandwidth()).reg(cfg.reg())
                .iterations(cfg.iterations()).precision(pr).earlyStopping(false).seed(cfg.seed()).build()
                .trainerSettings();
        BenchData data = null;
        if (cfg.solvers().contains("direct")) {
            data = direct(be, peers, params, kernel, n, d, c, pr, head);
        }
        if (cfg.solvers().contains("tree")) {
            data = data != null ? data : BenchData.generate(n, d, c, cfg.nTest(), cfg.seed());
            tree(be, params, kernel, n, d, c, pr, data, head);
        }
        if (cfg.solvers().contains("eigenpro")) {
            eigenPro(be, params, kernel, n, d, c, pr, data != null ? data : BenchData.generate(n, d, c, cfg.nTest(),
                    cfg.seed()), head);
        }
    }

    /**
     * One kernel machine solved by EigenPro (default settings) at the same point: warm-up plus repeats of
     * fit + predict like the direct row, its phases without a kernel matrix (the solve holds the epochs).
     */
    private void eigenPro(ComputeBackend be, TrainerSettings direct, String kernel, int n, int d, int c, Precision pr,
                          BenchData data, String head) {
        BenchRow row = newRow("rfm4j-eigenpro", be, kernel, n, d, c, pr);
        rows.add(row);
        double[] pred = measureOrFail(be, direct.withEigenPro(EigenProSettings.defaults()), data, row,
                head + " rfm4j EigenPro");
        if (pred == null) {
            return;
        }
        row.testMse = data.testMse(pred);
        row.testRelMse = row.testMse / data.testVariance();
        log.println(String.format(Locale.ROOT, "%s rfm4j EigenPro %.3f s (solve %.3f, agop %.3f, pred %.3f), test"
                + " mse/var %.4f", head, row.seconds.get("total"), row.seconds.get("solve"), row.seconds.get("agop"),
                row.seconds.get("predict"), row.testRelMse));
    }

    /** A row of rfm4j at a grid point, run on {@code be}. */
    private BenchRow newRow(String impl, ComputeBackend be, String kernel, int n, int d, int c, Precision pr) {
        BenchRow row = new BenchRow();
        row.impl = impl;
        row.backend = be.name();
        row.device = be.name();
        row.precision = pr.toString();
        row.kernel = kernel;
        row.n = n;
        row.d = d;
        row.c = c;
        row.nTest = cfg.nTest();
        row.iterations = cfg.iterations();
        row.repeats = cfg.repeats();
        return row;
    }

    /** The direct fit and the peers; returns the point's data, or null when the fit was skipped before making it. */
    private BenchData direct(ComputeBackend be, Peers peers, TrainerSettings params, String kernel, int n, int d, int c,
                             Precision pr, String head) {
        BenchRow row = newRow("rfm4j", be, kernel, n, d, c, pr);
        int[] sample = Sampling.withoutReplacement(n, params.agopSamples(), params.seed());
        row.agopN = sample.length;
        fillFlops(row, false);
        rows.add(row);
        // memory cap: the n x n kernel matrix (plus a quarter for panels and the factor's workspace)
        long need = (long) (1.25 * n * (double) n * pr.bytes()) + 8L * (n + cfg.nTest()) * (d + c) * 4;
        System.gc();
        MemoryInfo mem = be.memory();
        if (need > mem.freeBytes()) {
            row.status = "skipped";
            row.note = "needs about " + MemoryInfo.gib(need) + " for the n x n kernel matrix, the " + be.name()
                    + " backend has " + MemoryInfo.gib(mem.freeBytes()) + " free (raise -Xmx or lower --n)";
            log.println(head + " skipped: " + row.note);
            return null;
        }
        BenchData data = BenchData.generate(n, d, c, cfg.nTest(), cfg.seed());
        double[] ours = measureOrFail(be, params, data, row, head + " rfm4j");
        if (ours == null) {
            return data;
        }
        double var = data.testVariance();
        row.testMse = data.testMse(ours);
        row.testRelMse = row.testMse / var;
        StringBuilder line = new StringBuilder(head).append(String.format(Locale.ROOT,
                " rfm4j %.3f s (K %.3f, solve %.3f, agop %.3f, pred %.3f), test mse/var %.4f", row.seconds.get("total"),
                row.seconds.get("kernel"), row.seconds.get("solve"), row.seconds.get("agop"), row.seconds.get("predict"),
                row.testRelMse));
        if (peers != null) {
            runPeers(peers, be, row, data, sample, ours, var, line);
        }
        log.println(line);
        return data;
    }

    /**
     * The RFM tree at the same point: warm-up plus repeats of fit + predict (hard routing; the bench has no
     * validation set), median seconds, the test error and the tree's shape. Its phases are its leaves', so
     * only total and predict are reported, and no flop rate.
     */
    private void tree(ComputeBackend be, TrainerSettings params, String kernel, int n, int d, int c, Precision pr,
                      BenchData data, String head) {
        BenchRow row = newRow("rfm4j-tree", be, kernel, n, d, c, pr);
        rows.add(row);
        TreeSettings ts = TreeSettings.defaults().withLeafSize(cfg.leafSize()).withRouting("hard");
        Matrix x = new Matrix(data.x(), data.n(), data.d()), y = new Matrix(data.y(), data.n(), data.c());
        Matrix q = new Matrix(data.xTest(), data.nTest(), data.d());
        List<double[]> runs = new ArrayList<>();
        double[] pred = null;
        TreeFit fit = null;
        try {
            for (int r = 0; r <= cfg.repeats(); r++) {
                System.gc();
                if (r == 1) {
                    resetHeapPeaks();
                }
                fit = new RfmTreeTrainer(be, params, ts, null).fit(x, y, null, null, null);
                long t0 = System.nanoTime();
                try (RawPredictor p = fit.tree().open(be, pr)) {
                    pred = p.predict(q);
                }
                double predS = (System.nanoTime() - t0) * 1e-9;
                if (r > 0) {
                    runs.add(new double[] {fit.seconds() + predS, predS});
                }
            }
        } catch (RfmException | OutOfMemoryError e) {
            row.status = "failed";
            row.note = String.valueOf(e.getMessage());
            log.println(head + " rfm4j tree failed: " + row.note);
            return;
        }
        row.seconds.put("total", median(runs.stream().mapToDouble(v -> v[0]).toArray()));
        row.seconds.put("predict", median(runs.stream().mapToDouble(v -> v[1]).toArray()));
        row.peakHeapBytes = heapPeak();
        row.testMse = data.testMse(pred);
        row.testRelMse = row.testMse / data.testVariance();
        int largest = fit.leaves().stream().mapToInt(LeafRecord::rows).max().orElse(0);
        row.note = fit.leaves().size() + " leaves of at most " + largest + " rows (leaf size " + fit.leafSize() + ", "
                + fit.workers() + " at once)";
        log.println(String.format(Locale.ROOT, "%s rfm4j tree %.3f s (pred %.3f), %s, test mse/var %.4f", head,
                row.seconds.get("total"), row.seconds.get("predict"), row.note, row.testRelMse));
    }

    private void fillFlops(BenchRow row, boolean lu) {
        long n = row.n, d = row.d, c = row.c;
        int it = row.iterations;
        row.flops.put("kernel", (it + 1) * FlopCounts.kernel(n, d));
        row.flops.put("solve", (it + 1) * (lu ? FlopCounts.luSolve(n, c) : FlopCounts.choleskySolve(n, c)));
        row.flops.put("agop", it * FlopCounts.agop(row.agopN, n, d, c));
        row.flops.put("predict", FlopCounts.predict(row.nTest, n, d, c));
        row.flops.put("total", FlopCounts.total(it, n, d, c, row.agopN, row.nTest, lu));
    }

    /** {@link #measureOurs}, or null with the row marked failed and the reason logged after {@code what}. */
    private double[] measureOrFail(ComputeBackend be, TrainerSettings params, BenchData data, BenchRow row, String what) {
        try {
            return measureOurs(be, params, data, row);
        } catch (RfmException | OutOfMemoryError e) {
            row.status = "failed";
            row.note = String.valueOf(e.getMessage());
            log.println(what + " failed: " + row.note);
            return null;
        }
    }

    /** Warm-up plus repeats of fit + predict; fills the row's median seconds and memory; returns the last predictions. */
    private double[] measureOurs(ComputeBackend be, TrainerSettings params, BenchData data, BenchRow row) {
        List<Map<String, Double>> runs = new ArrayList<>();
        double[] pred = null;
        boolean device = !be.hostMemory();
        long[] minFree = {Long.MAX_VALUE};
        FitListener listener = !device ? FitListener.NONE : new FitListener() {
            @Override
            public void phaseStarted(int iter, String phase, double elapsedSeconds) {
                minFree[0] = Math.min(minFree[0], be.memory().freeBytes());
            }
        };
        for (int r = 0; r <= cfg.repeats(); r++) {
            System.gc();
            if (r == 1) {
                resetHeapPeaks();
            }
            RfmTrainer.Result res = new RfmTrainer(be, params, listener).fit(new Matrix(data.x(), data.n(), data.d()),
                    new Matrix(data.y(), data.n(), data.c()), null, null);
            Map<String, Double> sec = new LinkedHashMap<>();
            for (String p : BenchRow.PHASES) {
                sec.put(p, 0.0);
            }
            for (IterationRecord rec : res.iterations()) {
                Map<String, Double> s = rec.seconds();
                sec.merge("kernel", s.getOrDefault("kernel", 0.0), Double::sum);
                sec.merge("solve", s.getOrDefault("solve", 0.0), Double::sum);
                sec.merge("agop", s.getOrDefault("agop", 0.0) + s.getOrDefault("sqrt", 0.0), Double::sum);
            }
            long t0 = System.nanoTime();
            pred = predict(be, res.solution(), params.precision(), data);
            double predS = (System.nanoTime() - t0) * 1e-9;
            if (device) {
                minFree[0] = Math.min(minFree[0], be.memory().freeBytes());
            }
            sec.put("predict", predS);
            sec.put("total", res.seconds() + predS);
            if (r > 0) {
                runs.add(sec);
            }
        }
        for (String p : BenchRow.PHASES) {
            row.seconds.put(p, median(runs.stream().mapToDouble(m -> m.get(p)).toArray()));
        }
        row.peakHeapBytes = heapPeak();
        if (device && minFree[0] != Long.MAX_VALUE) {
            row.deviceMemoryBytes = be.memory().totalBytes() - minFree[0];
        }
        return pred;
    }

    /** f(X_test) = K(X_test S, X S) alpha on the backend, as a fitted model predicts. */
    static double[] predict(ComputeBackend be, RfmSolution sol, Precision pr, BenchData data) {
        try (SolutionPredictor p = new SolutionPredictor(be, sol, new Matrix(data.x(), data.n(), data.d()), pr)) {
            return p.predict(new Matrix(data.xTest(), data.nTest(), data.d()));
        }
    }

    private void runPeers(Peers peers, ComputeBackend be, BenchRow ours, BenchData data, int[] sample, double[] pred,
                          double var, StringBuilder line) {
        String pointId = String.format(Locale.ROOT, "%s-%s-%s-n%d-d%d-c%d", ours.backend, ours.precision, ours.kernel,
                ours.n, ours.d, ours.c);
        Path dir = cfg.out().resolve("data").resolve(pointId);
        String torchDevice = be.hostMemory() ? "cpu" : "cuda"; // PyTorch's names: the peer runs where we run
        try {
            Files.createDirectories(dir);
            if (cfg.peers().contains("torch") || cfg.peers().contains("torch-lu")) {
                Npy.write(dir.resolve("X_train.npy"), data.x(), new int[] {data.n(), data.d()}, false);
                Npy.write(dir.resolve("y_train.npy"), data.y(), new int[] {data.n(), data.c()}, false);
                Npy.write(dir.resolve("X_test.npy"), data.xTest(), new int[] {data.nTest(), data.d()}, false);
                double[] idx = Arrays.stream(sample).asDoubleStream().toArray();
                Npy.write(dir.resolve("agop_index.npy"), idx, new int[] {idx.length}, false);
            }
            for (String peer : cfg.peers()) {
                if (peer.equals("numpy")) {
                    if (be.hostMemory()) { // the NumPy floor is a CPU floor
                        numpyRow(peers, ours, dir, line);
                    }
                } else {
                    torchRow(peers, ours, peer, torchDevice, dir, data, pred, var, line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the peers' data to " + dir, e);
        } finally {
            if (!cfg.keepData()) {
                deleteTree(dir);
            }
        }
    }

    private void torchRow(Peers peers, BenchRow ours, String tag, String device, Path dir, BenchData data,
                          double[] pred, double var, StringBuilder line) {
        boolean lu = tag.equals("torch-lu");
        BenchRow r = ours.sibling(tag, device);
        fillFlops(r, lu);
        r.agreementBound = ours.precision.equals("float32") ? BOUND_FLOAT32 : BOUND_FLOAT64;
        rows.add(r);
        if (!peers.hasTorch()) {
            r.status = "skipped";
            r.note = peers.why();
            return;
        }
        if (device.equals("cuda") && !peers.hasTorchCuda()) {
            r.status = "skipped";
            r.note = "torch.cuda.is_available() is False in " + cfg.python() + ": install a CUDA build of PyTorch";
            return;
        }
        try {
            Map<String, Object> rep = peers.runTorch(dir, tag, lu ? "lu" : "cholesky", device, ours.kernel,
                    cfg.bandwidth(), cfg.reg(), cfg.iterations(), ours.precision, cfg.repeats(), PEER_TIMEOUT_S);
            Object err = rep.get("error");
            if (err != null) {
                r.status = "skipped";
                r.note = String.valueOf(err);
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> sec = (Map<String, Object>) rep.get("seconds");
            for (String p : BenchRow.PHASES) {
                Object v = sec.get(p);
                r.seconds.put(p, v instanceof Double ? (Double) v : Double.NaN);
            }
            r.peakRssBytes = num(rep.get("peak_rss_bytes"));
            r.deviceMemoryBytes = num(rep.get("device_peak_bytes"));
            r.note = "torch " + rep.get("torch") + ", " + fmt(num(rep.get("threads"))) + " threads"
                    + (rep.get("device_name") != null ? ", " + rep.get("device_name") : "");
            NpyArray p = Npy.read(dir.resolve("pred_" + tag + ".npy"));
            if (p.data().length != pred.length) {
                throw new RfmException(ErrorCode.INTERNAL, "peer " + tag + " wrote " + p.data().length
                        + " predictions, expected " + pred.length);
            }
            r.testMse = data.testMse(p.data());
            r.testRelMse = r.testMse / var;
            r.relDiffVsRfm4j = BenchData.relativeDifference(p.data(), pred);
            if (!(r.relDiffVsRfm4j <= r.agreementBound)) {
                r.status = "disagrees";
                r.note += String.format(Locale.ROOT, "; predictions differ from rfm4j's by %.3g (bound %.3g): no ratio"
                        + " reported", r.relDiffVsRfm4j, r.agreementBound);
            }
            line.append(String.format(Locale.ROOT, " | %s %.3f s (rel diff %.1e%s)", tag, r.seconds.get("total"),
                    r.relDiffVsRfm4j, r.status.equals("ok") ? "" : " DISAGREES"));
        } catch (RuntimeException e) {
            r.status = "failed";
            r.note = String.valueOf(e.getMessage());
            line.append(" | ").append(tag).append(" failed");
        }
    }

    private void numpyRow(Peers peers, BenchRow ours, Path dir, StringBuilder line) {
        BenchRow r = ours.sibling("numpy", "cpu");
        rows.add(r);
        if (!peers.hasNumpy()) {
            r.status = "skipped";
            r.note = peers.why();
            return;
        }
        try {
            Map<String, Object> rep = peers.runNumpy(dir, ours.n, ours.d, ours.precision, cfg.repeats(), PEER_TIMEOUT_S);
            r.seconds.put("kernel", sub(rep, "gemm", "seconds"));
            r.flops.put("kernel", sub(rep, "gemm", "flops"));
            r.seconds.put("solve", sub(rep, "cholesky", "seconds"));
            r.flops.put("solve", sub(rep, "cholesky", "flops"));
            r.gflopsGemmSquare = sub(rep, "gemm_sq", "gflops");
            r.note = "floor: kernel = the GEMM X X^T alone (2 n^2 d), solve = numpy.linalg.cholesky alone (n^3/3); numpy "
                    + rep.get("numpy") + "; " + blas(rep.get("blas"));
            line.append(String.format(Locale.ROOT, " | numpy chol %.1f GF/s, gemm %.1f GF/s (square %.1f)",
                    r.gflops("solve"), r.gflops("kernel"), r.gflopsGemmSquare));
        } catch (RuntimeException e) {
            r.status = "failed";
            r.note = String.valueOf(e.getMessage());
            line.append(" | numpy failed");
        }
    }

    private static String blas(Object info) {
        if (!(info instanceof List)) {
            return "BLAS unknown";
        }
        List<String> parts = new ArrayList<>();
        for (Object o : (List<?>) info) {
            if (o instanceof Map) {
                Map<?, ?> m = (Map<?, ?>) o;
                if (m.get("note") != null) {
                    parts.add(String.valueOf(m.get("note")));
                } else {
                    parts.add(m.get("internal_api") + " " + m.get("version") + " core " + m.get("architecture") + ", "
                            + fmt(num(m.get("num_threads"))) + " threads");
                }
            }
        }
        return String.join("; ", parts);
    }

    private static double sub(Map<String, Object> rep, String key, String field) {
        Object o = rep.get(key);
        return o instanceof Map ? num(((Map<?, ?>) o).get(field)) : Double.NaN;
    }

    private static double num(Object o) {
        return o instanceof Double ? (Double) o : Double.NaN;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f", v) : "?";
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum over the heap pools of their peak usage since the last reset: an upper bound of the peak heap. */
    private static double heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid() && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private void note(String s) {
        notes.add(s);
        log.println("note: " + s);
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // not empty (--keep-data) or not removable: leave it
        }
    }

    /** Deletes a folder and everything under it, best effort (leftover data files only cost disk). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: leftover data files only cost disk
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
