// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.inconsistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.testing.OnCpu;

/**
 * The inconsistency experiment at reduced size: the closed form against brute force (the aliased sums
 * against the kernel matrix's DFT, the Gram kernel against quadrature), the spec's numbers at n = 64-256,
 * and the Monte-Carlo check by dense solves on the CPU backend.
 */
class InconsistencyExperimentTest extends OnCpu {
    static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void aliasedSumsAreTheEigenvaluesOfTheKernelMatrix() {
        int n = 16;
        for (TorusKernel k : TorusKernel.values()) {
            for (double h : new double[] {0.01, 0.08, 0.5}) {
                AliasedSums s = AliasedSums.of(k, n, h);
                for (int f = 0; f < n; f++) {
                    double mu = 0, scale = 0; // DFT of the first row of the circulant kernel matrix
                    for (int j = 0; j < n; j++) {
                        double v = k.value(h, (double) j / n);
                        mu += v * Math.cos(2 * Math.PI * j * f / n);
                        scale += Math.abs(v);
                    }
                    double closed = n * Math.exp(s.logS1[f]);
                    // the DFT itself rounds at about 1e-16 of the sum of its terms' sizes
                    assertEquals(mu, closed, 1e-9 * Math.abs(mu) + 1e-14 * scale, k + " h=" + h + " k=" + f);
                    double s2 = 0; // sum of lambda_m^2 over the aliases, by brute force
                    for (int l = -3000; l <= 3000; l++) {
                        s2 += Math.exp(2 * k.logCoefficient(h, f + (double) l * n));
                    }
                    assertEquals(s2, Math.exp(s.logS2[f]), 1e-6 * s2, k + " S2 h=" + h + " k=" + f);
                }
            }
        }
    }

    @Test
    void theGramKernelIsTheAutocorrelation() {
        for (TorusKernel k : TorusKernel.values()) {
            for (double h : new double[] {0.03, 0.3}) {
                for (double t : new double[] {0, 0.1, 0.5, 0.93}) {
                    int m = 200_000;
                    double sum = 0;
                    for (int i = 0; i < m; i++) {
                        double x = (i + 0.5) / m;
                        sum += k.value(h, x) * k.value(h, x - t);
                    }
                    double want = sum / m;
                    assertEquals(want, k.autocorrelation(h, t), 1e-6 * want, k + " h=" + h + " t=" + t);
                }
            }
        }
    }

    @Test
    void ridgelessStaysFlatWhileTunedRidgeFalls() {
        InconsistencyExperiment.Config c = new InconsistencyExperiment.Config(List.of(64, 128, 256), 0.5,
                List.of("laplace", "gaussian"), List.of(64), 600, 1);
        List<InconsistencyExperiment.Row> rows = InconsistencyExperiment.run(cpu, c, null, QUIET);
        assertEquals(6, rows.size());
        for (InconsistencyExperiment.Row r : rows) {
            double want = r.kernel().equals("laplace") ? 0.143 : 0.171;
            assertEquals(want, r.ridgeless().risk(), 0.03 * want, r.kernel() + " n=" + r.n() + " ridgeless");
            assertTrue(r.ridge().risk() < r.ridgeless().risk() / 5, r.kernel() + " n=" + r.n() + " ridge " + r.ridge());
            if (r.monteCarlo() != null) {
                double se = r.monteCarlo().standardError();
                assertTrue(Math.abs(r.monteCarlo().mean() - r.ridgeless().risk()) < Math.max(4 * se, 0.02 * want),
                        r.kernel() + " Monte-Carlo " + r.monteCarlo() + " against " + r.ridgeless().risk());
            }
        }
        // tuned ridge at n = 64 as in the spec (Laplace 0.024, Gaussian 0.012), and falling with n
        assertEquals(0.024, rows.get(0).ridge().risk(), 0.05 * 0.024);
        assertEquals(0.012, rows.get(3).ridge().risk(), 0.05 * 0.012);
        assertTrue(rows.get(2).ridge().risk() < rows.get(1).ridge().risk() && rows.get(1).ridge().risk() < rows.get(0).ridge().risk());
    }

    @Test
    void writesTheReportAndTheFigure(@TempDir Path dir) throws Exception {
        InconsistencyExperiment.Config c = new InconsistencyExperiment.Config(List.of(64, 128), 0.5, List.of("laplace"),
                List.of(64), 50, 0);
        InconsistencyExperiment.run(cpu, c, dir, QUIET);
        String json = Files.readString(dir.resolve("report.json"));
        for (String key : new String[] {"\"rows\"", "\"ridgeless_risk\"", "\"ridgeless_bandwidth\"", "\"ridge_risk\"",
                "\"ridge_lambda\"", "\"mc_ridgeless_risk\""}) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        assertTrue(Files.size(dir.resolve("risk.png")) > 1000);
    }

    @Test
    void badSettingsAreRefused() {
        RfmException e = assertThrows(RfmException.class, () -> new InconsistencyExperiment.Config(List.of(2), 0.5,
                List.of("laplace"), List.of(), 10, 0));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        e = assertThrows(RfmException.class, () -> new InconsistencyExperiment.Config(List.of(64), 0.5, List.of("laplace"),
                List.of(128), 10, 0));
        assertTrue(e.getMessage().contains("Monte-Carlo"), e.getMessage());
        e = assertThrows(RfmException.class, () -> new InconsistencyExperiment.Config(List.of(64), 0.5, List.of("cauchy"),
                List.of(), 10, 0));
        assertTrue(e.getMessage().contains("laplace or gaussian"), e.getMessage());
    }
}
