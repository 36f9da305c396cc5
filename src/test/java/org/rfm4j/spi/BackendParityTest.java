// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rfm4j.cuda.GpuMachine;
import org.rfm4j.data.Matrix;
import org.rfm4j.testing.Gram;
import org.rfm4j.testing.Normwise;

/**
 * One backend-parity suite: every backend other than the CPU whose provider is known to this
 * build (today: cuda) runs the same cases as the CPU backend, the reference, on the same inputs,
 * in both precisions. Where a backend is unavailable (no GPU, no driver, no library) each of its
 * cases is skipped through a JUnit assumption whose message is the provider's reason, so the
 * report says why; but where the CUDA backend must run (a GPU is present, or the emulated device was
 * requested: {@link GpuMachine}) its unavailability fails every case instead.
 *
 * <p>Tolerances, normwise relative: max_ij |x_ij - ref_ij| &lt;= tol * max(max_ij |ref_ij|, 1e-300),
 * with tol = 1e-9 in float64 and 1e-4 in float32 (both backends round the same float64 inputs to
 * the precision; the GPU's l2 distances come from a GEMM expansion, the CPU's need not); the EigenPro
 * fits in float64 are held to 1e-7 ({@link #TOL_F64_ITERATIVE}).
 */
class BackendParityTest {
    static final double TOL_F64 = 1e-9;
    static final double TOL_F32 = 1e-4;
    /**
     * float64 for the EigenPro fits: a randomized eigensolver and dozens of accelerated steps carry the
     * backends' last-bit differences further than one Cholesky (measured on the emulated device: 1.4e-9).
     */
    static final double TOL_F64_ITERATIVE = 1e-7;

    private static final Map<String, ComputeBackend> OPEN = new HashMap<>();

    @AfterAll
    static void closeBackends() {
        OPEN.values().forEach(ComputeBackend::close);
        OPEN.clear();
    }

    /** One parity case: runs the same operation on a backend and returns what it computed. */
    private interface Case extends Function<ComputeBackend, double[]> {
    }

    @TestFactory
    Stream<DynamicNode> parityAgainstCpu() {
        List<DynamicNode> perBackend = new ArrayList<>();
        for (BackendProvider provider : Backends.providers()) {
            if (provider.name().equals("cpu")) {
                continue;
            }
            List<DynamicNode> perPrecision = new ArrayList<>();
            for (Precision precision : Precision.values()) {
                List<DynamicNode> tests = new ArrayList<>();
                for (Map.Entry<String, Case> c : cases(precision).entrySet()) {
                    tests.add(DynamicTest.dynamicTest(c.getKey(), () -> compare(provider, precision, c.getKey(), c.getValue())));
                }
                perPrecision.add(DynamicContainer.dynamicContainer(precision.toString(), tests));
            }
            perBackend.add(DynamicContainer.dynamicContainer(provider.name() + " vs cpu", perPrecision));
        }
        return perBackend.stream();
    }

    /**
     * Runs every case on the CPU reference alone, so a broken case shows up here, on machines
     * without a GPU, rather than first on one: each must finish with finite values.
     */
    @TestFactory
    Stream<DynamicNode> casesRunOnTheReference() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Precision precision : Precision.values()) {
            for (Map.Entry<String, Case> c : cases(precision).entrySet()) {
                nodes.add(DynamicTest.dynamicTest(precision + " " + c.getKey(), () -> {
                    try (ComputeBackend cpu = Backends.provider("cpu").open()) {
                        double[] v = c.getValue().apply(cpu);
                        assertTrue(v.length > 0);
                        for (double x : v) {
                            assertTrue(Double.isFinite(x), c.getKey() + " gave " + x);
                        }
                    }
                }));
            }
        }
        return nodes.stream();
    }

    private static void compare(BackendProvider provider, Precision precision, String name, Case c) {
        BackendProvider.Availability a = provider.probe();
        String required = provider.name().equals("cuda") ? GpuMachine.cudaRequiredBecause() : null;
        if (!a.available() && required != null) {
            fail(provider.name() + " backend unavailable although " + required + ": " + a.detail());
        }
        Assumptions.assumeTrue(a.available(), () -> provider.name() + " backend unavailable: " + a.detail());
        ComputeBackend other = OPEN.computeIfAbsent(provider.name(), n -> provider.open());
        double[] expected;
        try (ComputeBackend cpu = Backends.provider("cpu").open()) {
            expected = c.apply(cpu);
        }
        double[] actual = c.apply(other);
        double tol = precision == Precision.FLOAT32 ? TOL_F32 : name.contains("EigenPro") ? TOL_F64_ITERATIVE : TOL_F64;
        Normwise.assertClose(expected, actual, tol, provider.name() + " " + precision + " " + name);
    }

    // ---- the cases ---------------------------------------------------------------------------

    static final int N = 48;   // training points
    static final int M = 21;   // query / second set
    static final int D = 6;    // features
    static final int C = 3;    // outputs

    static List<Kernel> kernels() {
        return List.of(Kernel.laplace(3.0), Kernel.exponential(0.7, 2.5), Kernel.gaussian(2.0),
                Kernel.lpq(1.5, 1.0, 3.0), Kernel.productLaplace(1.0, 4.0));
    }

    private static Map<String, Case> cases(Precision pr) {
        Map<String, Case> cs = new java.util.LinkedHashMap<>();
        addFitCases(cs, pr);
        double[] u = gaussian(N, D, 1, 0.8);
        double[] q = gaussian(M, D, 2, 0.8);
        double[] alpha = gaussian(N, C, 3, 1.0);

        for (Kernel k : kernels()) {
            cs.put("kernelMatrixLower " + k + " (lower triangle)", be -> {
                try (DeviceMatrix a = be.upload(u, N, D, pr); DeviceMatrix out = be.zeros(N, N, pr)) {
                    be.kernelMatrixLower(k, a, out);
                    double[] v = be.download(out);
                    for (int i = 0; i < N; i++) {
                        for (int j = i + 1; j < N; j++) {
                            v[i * N + j] = 0; // the upper triangle is undefined by contract
                        }
                    }
                    return v;
                }
            });
            cs.put("kernelMatrix " + k + " (a != b)", be -> {
                try (DeviceMatrix a = be.upload(q, M, D, pr); DeviceMatrix b = be.upload(u, N, D, pr);
                     DeviceMatrix out = be.zeros(M, N, pr)) {
                    be.kernelMatrix(k, a, b, out);
                    return be.download(out);
                }
            });
            cs.put("kernelMatrix " + k + " (a == b)", be -> {
                try (DeviceMatrix a = be.upload(u, N, D, pr); DeviceMatrix out = be.zeros(N, N, pr)) {
                    be.kernelMatrix(k, a, a, out);
                    return be.download(out);
                }
            });
            cs.put("predict " + k, be -> {
                try (DeviceMatrix mu = be.upload(u, N, D, pr); DeviceMatrix ma = be.upload(alpha, N, C, pr);
                     DeviceMatrix mq = be.upload(q, M, D, pr); DeviceMatrix out = be.zeros(M, C, pr)) {
                    be.predict(k, mu, ma, mq, out);
                    return be.download(out);
                }
            });
            cs.put("predict " + k + " (q == u)", be -> {
                try (DeviceMatrix mu = be.upload(u, N, D, pr); DeviceMatrix ma = be.upload(alpha, N, C, pr);
                     DeviceMatrix out = be.zeros(N, C, pr)) {
                    be.predict(k, mu, ma, mu, out);
                    return be.download(out);
                }
            });
            for (boolean full : new boolean[] {true, false}) {
                for (boolean index : new boolean[] {true, false}) {
                    String label = "agopAccumulate " + k + (full ? " full" : " diag")
                            + (index ? " with zIndex (subset of u)" : " without zIndex (new points)");
                    cs.put(label, be -> agop(be, pr, k, u, q, alpha, full, index));
                }
            }
        }
        for (double p : new double[] {2.0, 1.0, 1.5}) {
            cs.put("pairwiseDistances p=" + p, be -> {
                try (DeviceMatrix a = be.upload(q, M, D, pr); DeviceMatrix b = be.upload(u, N, D, pr);
                     DeviceMatrix out = be.zeros(M, N, pr)) {
                    be.pairwiseDistances(p, a, b, out);
                    return be.download(out);
                }
            });
        }
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                cs.put("gemm transA=" + ta + " transB=" + tb, be -> {
                    int m = 9, k = 13, n = 7;
                    double[] a = gaussian(ta ? k : m, ta ? m : k, 4, 1);
                    double[] b = gaussian(tb ? n : k, tb ? k : n, 5, 1);
                    double[] c0 = gaussian(m, n, 6, 1);
                    try (DeviceMatrix ma = be.upload(a, ta ? k : m, ta ? m : k, pr);
                         DeviceMatrix mb = be.upload(b, tb ? n : k, tb ? k : n, pr);
                         DeviceMatrix mc = be.upload(c0, m, n, pr)) {
                        be.gemm(ta, tb, 1.3, ma, mb, 0.7, mc);
                        return be.download(mc);
                    }
                });
            }
        }
        cs.put("addDiagonal (rectangular) and maxAbsRowSum", be -> {
            double[] a = gaussian(7, 5, 7, 1);
            try (DeviceMatrix m = be.upload(a, 7, 5, pr)) {
                be.addDiagonal(m, 2.5);
                double[] out = be.download(m);
                double[] withSum = java.util.Arrays.copyOf(out, out.length + 1);
                withSum[out.length] = be.maxAbsRowSum(m);
                return withSum;
            }
        });
        cs.put("gatherRows and scaleColumns", be -> {
            double[] s = {0.5, 2, -1, 3, 0.25, 1.5};
            try (DeviceMatrix a = be.upload(u, N, D, pr); DeviceMatrix g = be.gatherRows(a, new int[] {5, 0, 47, 5});
                 DeviceMatrix out = be.zeros(4, D, pr)) {
                be.scaleColumns(g, s, out);
                return be.download(out);
            }
        });
        for (int c : new int[] {1, C}) {
            cs.put("choleskyFactor + choleskySolve, " + c + " right-hand side(s)", be -> {
                Kernel k = Kernel.laplace(3.0);
                double[] rhs = gaussian(N, c, 8, 1);
                try (DeviceMatrix a = be.upload(u, N, D, pr); DeviceMatrix kk = be.zeros(N, N, pr);
                     DeviceMatrix b = be.upload(rhs, N, c, pr)) {
                    be.kernelMatrix(k, a, a, kk);
                    be.addDiagonal(kk, 1e-1);
                    int info = be.choleskyFactor(kk);
                    double[] l = be.download(kk);
                    be.choleskySolve(kk, b);
                    double[] x = be.download(b);
                    double[] out = new double[1 + N * (N + 1) / 2 + x.length];
                    int p = 0;
                    out[p++] = info;
                    for (int i = 0; i < N; i++) {
                        for (int j = 0; j <= i; j++) {
                            out[p++] = l[i * N + j]; // the lower triangle only: the upper is undefined
                        }
                    }
                    System.arraycopy(x, 0, out, p, x.length);
                    return out;
                }
            });
        }
        cs.put("choleskyFactor of an indefinite matrix returns info > 0", be -> {
            double[] a = {1, 2, 0, 2, 1, 0, 0, 0, 1};
            try (DeviceMatrix m = be.upload(a, 3, 3, pr)) {
                return new double[] {be.choleskyFactor(m) > 0 ? 1 : 0};
            }
        });
        for (double e : new double[] {0.5, 1.0}) {
            // rank 4 of 7: the zero eigenvalues come out as +-1e-16 lambda_max, which both backends must
            // treat as 0 (a square root would make them ~1e-8); and a full-rank matrix
            cs.put("psdPower exponent " + e + ", rank-deficient (rank 4 of 7)", be -> psd(be, pr, 7, 4, e));
            cs.put("psdPower exponent " + e + ", full rank", be -> psd(be, pr, 7, 9, e));
        }
        // d = 0 features: every distance is 0, every kernel value 1 (cuBLAS needs leading dimensions >= 1)
        cs.put("kernelMatrix and predict with d = 0", be -> {
            try (DeviceMatrix a = be.upload(new double[0], M, 0, pr); DeviceMatrix b = be.upload(new double[0], N, 0, pr);
                 DeviceMatrix k = be.zeros(M, N, pr); DeviceMatrix ma = be.upload(alpha, N, C, pr);
                 DeviceMatrix out = be.zeros(M, C, pr)) {
                be.kernelMatrix(Kernel.laplace(3.0), a, b, k);
                be.predict(Kernel.gaussian(2.0), b, ma, a, out);
                double[] kv = be.download(k), pv = be.download(out);
                double[] res = java.util.Arrays.copyOf(kv, kv.length + pv.length);
                System.arraycopy(pv, 0, res, kv.length, pv.length);
                return res;
            }
        });
        return cs;
    }

    /** psdPower of B B^T with B d x r Gaussian (rank min(d, r)). */
    private static double[] psd(ComputeBackend be, Precision pr, int d, int r, double exponent) {
        double[] s = Gram.of(gaussian(d, r, 9, 1), d, r);
        try (DeviceMatrix m = be.upload(s, d, d, pr); DeviceMatrix out = be.psdPower(m, exponent)) {
            return be.download(out);
        }
    }

    private static double[] agop(ComputeBackend be, Precision pr, Kernel k, double[] u, double[] q, double[] alpha,
                                 boolean full, boolean index) {
        int[] idx = {3, 17, 0, 47, 22, 9, 31};
        try (DeviceMatrix mu = be.upload(u, N, D, pr); DeviceMatrix ma = be.upload(alpha, N, C, pr);
             DeviceMatrix mz = index ? be.gatherRows(mu, idx) : be.upload(q, M, D, pr);
             DeviceMatrix g = be.upload(gaussian(full ? D : 1, D, 10, 0.01), full ? D : 1, D, pr);
             DeviceMatrix jac = be.upload(gaussian(C, D, 11, 0.01), C, D, pr)) {
            be.agopAccumulate(k, mu, ma, mz, index ? idx : null, g, jac);
            double[] gv = be.download(g);
            double[] jv = be.download(jac);
            double[] out = java.util.Arrays.copyOf(gv, gv.length + jv.length);
            System.arraycopy(jv, 0, out, gv.length, jv.length);
            return out;
        }
    }

    static double[] gaussian(int rows, int cols, long seed, double sd) {
        Random r = new Random(seed);
        double[] a = new double[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = sd * r.nextGaussian();
        }
        return a;
    }

    // =============================================================================================
    // FULL-FIT PARITY CASES: the RFM loop itself (org.rfm4j.algo.RfmTrainer) on each backend, on a
    // reduced low-rank regression and a 3-class classification, compared through the learned M and
    // the predictions on held-out points. No validation set and no early stopping, so both backends
    // run the same iterations; reg = 0.1 keeps K well conditioned so float32 stays within 1e-4.
    // =============================================================================================

    static void addFitCases(Map<String, Case> cs, Precision pr) {
        cs.put("fit low-rank regression (n = 400, d = 10, 3 iterations)", be -> fitCase(be, pr, false, false));
        cs.put("fit low-rank regression, diagonal M", be -> fitCase(be, pr, true, false));
        cs.put("fit 3-class classification (one-hot, n = 400)", be -> fitCase(be, pr, false, true));
        cs.put("fit by EigenPro, full batches (n = 400, s = 200, 4 epochs)", be -> eigenProCase(be, pr, 400));
        cs.put("fit by EigenPro, minibatches of 200", be -> eigenProCase(be, pr, 200));
    }

    /**
     * The low-rank regression fitted with the EigenPro solver for a fixed 4 epochs per solve (too few for
     * its convergence test to stop it early, so every backend runs the same epochs): M and predictions.
     * Few, equal batches keep the emulated device's run short.
     */
    static double[] eigenProCase(ComputeBackend be, Precision pr, int batch) {
        return fitCase(be, pr, org.rfm4j.api.RfmParams.builder().reg(0.1).iterations(1).earlyStopping(false)
                .precision(pr).solver("eigenpro").eigenPro(new org.rfm4j.algo.EigenProSettings(200, 10, batch, 4, 4))
                .build(), false, false);
    }

    static double[] fitCase(ComputeBackend be, Precision pr, boolean diag, boolean classes) {
        return fitCase(be, pr, org.rfm4j.api.RfmParams.builder().reg(0.1).iterations(3).earlyStopping(false)
                .diagonal(diag).precision(pr).build(), diag, classes);
    }

    static double[] fitCase(ComputeBackend be, Precision pr, org.rfm4j.api.RfmParams params, boolean diag,
                            boolean classes) {
        int n = 400, d = 10, m = 100;
        double[] x = gaussian(n + m, d, 21, 0.5);
        int c = classes ? 3 : 1;
        double[] y = new double[(n + m) * c];
        for (int i = 0; i < n + m; i++) {
            double a = x[i * d], b = x[i * d + 1], s = x[i * d + 5];
            if (classes) {
                y[i * c + (a > 0.3 ? 2 : a > -0.3 ? 1 : 0)] = 1;
            } else {
                y[i] = a * b * (s > 0 ? 1 : 0);
            }
        }
        org.rfm4j.algo.RfmTrainer.Result r = new org.rfm4j.algo.RfmTrainer(be, params.trainerSettings(), null)
                .fit(new Matrix(java.util.Arrays.copyOf(x, n * d), n, d), new Matrix(java.util.Arrays.copyOf(y, n * c), n, c),
                        null, null);
        org.rfm4j.algo.RfmSolution sol = r.solution();
        double[] xs = java.util.Arrays.copyOfRange(x, n * d, (n + m) * d);
        try (DeviceMatrix xt = be.upload(java.util.Arrays.copyOf(x, n * d), n, d, pr);
             DeviceMatrix q = be.upload(xs, m, d, pr);
             DeviceMatrix u = be.zeros(n, d, pr);
             DeviceMatrix uq = be.zeros(m, d, pr);
             DeviceMatrix alpha = be.upload(sol.alpha(), n, c, pr);
             DeviceMatrix out = be.zeros(m, c, pr)) {
            if (diag) {
                be.scaleColumns(xt, sol.s(), u);
                be.scaleColumns(q, sol.s(), uq);
            } else {
                try (DeviceMatrix sm = be.upload(sol.s(), d, d, pr)) {
                    be.gemm(false, false, 1, xt, sm, 0, u);
                    be.gemm(false, false, 1, q, sm, 0, uq);
                }
            }
            be.predict(sol.kernel(), u, alpha, uq, out);
            double[] pred = be.download(out);
            double[] res = java.util.Arrays.copyOf(sol.m(), sol.m().length + pred.length);
            System.arraycopy(pred, 0, res, sol.m().length, pred.length);
            return res;
        }
    }
}
