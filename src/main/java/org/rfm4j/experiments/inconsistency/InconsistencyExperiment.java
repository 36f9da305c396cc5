// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.inconsistency;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.experiments.ExperimentFiles;
import org.rfm4j.spi.ComputeBackend;

/**
 * Kernel ridgeless regression is inconsistent in fixed dimension (docs/EXPERIMENTS.md): on the 1-D
 * torus with the grid design, f*(x) = cos 2 pi x and noise sigma, the interpolant's excess risk at its
 * best bandwidth stays flat as n grows while tuned ridge regression's falls. Closed form for every n
 * (aliased sums of the kernel's Fourier coefficients, in log space), a Monte-Carlo check by dense solves
 * on the backend at the small n. Writes report.json and risk.png.
 */
public final class InconsistencyExperiment {
    /**
     * @param ns          grid sizes (each at least 4)
     * @param sigma       noise standard deviation
     * @param kernels     kernels compared
     * @param monteCarloN the sizes also simulated (a subset of ns)
     * @param draws       noise draws per simulation
     * @param seed        seeds the noise
     */
    public record Config(List<Integer> ns, double sigma, List<String> kernels, List<Integer> monteCarloN, int draws,
                         long seed) {
        public Config {
            ns = List.copyOf(ns);
            kernels = List.copyOf(kernels);
            monteCarloN = List.copyOf(monteCarloN);
            if (ns.isEmpty() || ns.stream().anyMatch(n -> n < 4 || n > 1 << 20)) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "grid sizes must be between 4 and 2^20, got " + ns);
            }
            if (!(sigma > 0) || Double.isInfinite(sigma)) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "sigma must be a positive number, got " + sigma);
            }
            kernels.forEach(TorusKernel::parse);
            List<Integer> sizes = ns;
            if (monteCarloN.stream().anyMatch(n -> !sizes.contains(n) || n > 4096)) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "Monte-Carlo sizes must be among the grid sizes and "
                        + "at most 4096 (a dense solve each), got " + monteCarloN);
            }
            if (draws < 2) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "draws must be >= 2, got " + draws);
            }
        }

        /** The setting of spec section 6: n = 64 .. 16384, sigma 0.5, both kernels, Monte-Carlo at 64 and 256. */
        public static Config defaults() {
            List<Integer> ns = new ArrayList<>();
            for (int n = 64; n <= 16384; n *= 2) {
                ns.add(n);
            }
            return new Config(ns, 0.5, List.of("laplace", "gaussian"), List.of(64, 256), 2000, 0);
        }
    }

    /** One row of the report. */
    public record Row(int n, String kernel, BestRisk ridgeless, BestRisk ridge, MonteCarloRisk monteCarlo) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", n);
            m.put("kernel", kernel);
            m.put("ridgeless_risk", ridgeless.risk());
            m.put("ridgeless_bandwidth", ridgeless.h());
            m.put("ridge_risk", ridge.risk());
            m.put("ridge_bandwidth", ridge.h());
            m.put("ridge_lambda", ridge.lambda());
            if (monteCarlo != null) {
                m.put("mc_ridgeless_risk", monteCarlo.mean());
                m.put("mc_standard_error", monteCarlo.standardError());
                m.put("mc_draws", monteCarlo.draws());
            }
            return m;
        }
    }

    private InconsistencyExperiment() {
    }

    /** Runs every row, prints a table as it goes, writes report.json and risk.png into {@code out}. */
    public static List<Row> run(ComputeBackend be, Config c, Path out, PrintStream log) {
        if (out != null) {
            ExperimentFiles.prepare(out);
        }
        long t0 = System.nanoTime();
        log.printf("%-9s %6s  %-22s %-34s %s%n", "kernel", "n", "ridgeless risk (h)", "tuned ridge risk (h, lambda)",
                "Monte-Carlo ridgeless (+- s.e.)");
        List<Row> rows = new ArrayList<>();
        for (String name : c.kernels()) {
            TorusKernel kernel = TorusKernel.parse(name);
            for (int n : c.ns()) {
                BestRisk less = BestRisk.ridgeless(kernel, n, c.sigma());
                BestRisk ridge = BestRisk.ridge(kernel, n, c.sigma());
                MonteCarloRisk mc = c.monteCarloN().contains(n)
                        ? MonteCarloRisk.estimate(be, kernel, n, less.h(), 0, c.sigma(), c.draws(), c.seed() + n) : null;
                Row r = new Row(n, kernel.label(), less, ridge, mc);
                rows.add(r);
                log.printf("%-9s %6d  %.5f (%.3g)      %.6f (%.3g, %.3g)%s%n", r.kernel(), n, less.risk(), less.h(),
                        ridge.risk(), ridge.h(), ridge.lambda(), mc == null ? ""
                                : String.format("       %.5f +- %.5f (%d draws, %+.1f%%)", mc.mean(), mc.standardError(),
                                mc.draws(), 100 * (mc.mean() / less.risk() - 1)));
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        log.printf("%.1f s on %s%n", seconds, be.name());
        if (out != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("experiment", "inconsistency");
            report.put("design", "1-D torus grid x_j = j/n, f*(x) = cos 2 pi x, periodised kernels");
            report.put("sigma", c.sigma());
            report.put("backend", be.name());
            report.put("seconds", seconds);
            List<Object> json = new ArrayList<>();
            rows.forEach(r -> json.add(r.json()));
            report.put("rows", json);
            ExperimentFiles.writeJson(out.resolve("report.json"), report);
            InconsistencyFigure.writePng(out.resolve("risk.png"), rows, c.sigma());
            log.println("wrote " + out.resolve("report.json") + " and " + out.resolve("risk.png"));
        }
        return rows;
    }
}
