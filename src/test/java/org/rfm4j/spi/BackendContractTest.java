// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.cuda.GpuMachine;

/**
 * The backend contract suite: every provider (the CPU everywhere; CUDA on a GPU or the emulated
 * device, where it must run, else skipped with the provider's reason) gets the same misuse, in both
 * precisions, and must refuse each call with {@code RfmException(INVALID_ARGUMENT)}: use after
 * close, a closed or foreign matrix, bad shapes, mixed precisions, an output that is one of the
 * inputs, non-finite scalars. A refused call computes nothing (the inputs an aliasing call would have
 * overwritten are checked unchanged), and the backend stays usable afterwards.
 */
class BackendContractTest {
    private static final Map<String, ComputeBackend> OPEN = new HashMap<>();
    private static final Kernel LAPLACE = Kernel.laplace(2.0);

    @AfterAll
    static void closeBackends() {
        OPEN.values().forEach(ComputeBackend::close);
        OPEN.clear();
    }

    /** One misuse: set up with {@code s}, then make the call that must be refused. */
    private interface Misuse {
        void run(Scope s);
    }

    /** The matrices of one case, on one backend in one precision; closed after the case. */
    private static final class Scope {
        final ComputeBackend be;
        final BackendProvider provider;
        final Precision pr;
        final List<DeviceMatrix> made = new ArrayList<>();

        Scope(ComputeBackend be, BackendProvider provider, Precision pr) {
            this.be = be;
            this.provider = provider;
            this.pr = pr;
        }

        /** A rows x cols matrix of distinct values on the backend under test. */
        DeviceMatrix m(int rows, int cols) {
            return keep(be.upload(values(rows, cols), rows, cols, pr));
        }

        /** The same, in the other precision. */
        DeviceMatrix other(int rows, int cols) {
            Precision p = pr == Precision.FLOAT32 ? Precision.FLOAT64 : Precision.FLOAT32;
            return keep(be.upload(values(rows, cols), rows, cols, p));
        }

        /** A symmetric positive definite n x n matrix. */
        DeviceMatrix spd(int n) {
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i * n + j] = i == j ? n + 1 : 1.0 / (1 + i + j);
                }
            }
            return keep(be.upload(a, n, n, pr));
        }

        DeviceMatrix keep(DeviceMatrix m) {
            made.add(m);
            return m;
        }

        void close() {
            made.forEach(DeviceMatrix::close);
        }
    }

    private static double[] values(int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.25 * ((i * 7) % 11) - 1;
        }
        return v;
    }

    /** A handle no backend made. */
    private static final class StrayMatrix implements DeviceMatrix {
        @Override
        public int rows() {
            return 2;
        }

        @Override
        public int cols() {
            return 2;
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT64;
        }

        @Override
        public void close() {
        }
    }

    @TestFactory
    Stream<DynamicNode> everyProviderRefusesMisuseAlike() {
        List<DynamicNode> perBackend = new ArrayList<>();
        for (BackendProvider provider : Backends.providers()) {
            List<DynamicNode> perPrecision = new ArrayList<>();
            for (Precision pr : Precision.values()) {
                List<DynamicNode> tests = new ArrayList<>();
                for (Map.Entry<String, Misuse> c : cases().entrySet()) {
                    tests.add(DynamicTest.dynamicTest(c.getKey(), () -> refused(provider, pr, c.getKey(), c.getValue())));
                }
                tests.add(DynamicTest.dynamicTest("closing a matrix twice is harmless", () -> {
                    Scope s = new Scope(backend(provider), provider, pr);
                    DeviceMatrix a = s.m(2, 2);
                    a.close();
                    a.close();
                }));
                perPrecision.add(DynamicContainer.dynamicContainer(pr.toString(), tests));
            }
            perBackend.add(DynamicContainer.dynamicContainer(provider.name(), perPrecision));
        }
        return perBackend.stream();
    }

    private static ComputeBackend backend(BackendProvider provider) {
        BackendProvider.Availability a = provider.probe();
        String required = provider.name().equals("cuda") ? GpuMachine.cudaRequiredBecause() : null;
        if (!a.available() && required != null) {
            fail(provider.name() + " backend unavailable although " + required + ": " + a.detail());
        }
        Assumptions.assumeTrue(a.available(), () -> provider.name() + " backend unavailable: " + a.detail());
        return OPEN.computeIfAbsent(provider.name(), n -> provider.open());
    }

    private static void refused(BackendProvider provider, Precision pr, String name, Misuse misuse) {
        Scope s = new Scope(backend(provider), provider, pr);
        try {
            RfmException e = assertThrows(RfmException.class, () -> misuse.run(s), name);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), name + ": " + e.getMessage());
            assertTrue(e.getMessage() != null && e.getMessage().length() > 10, name + ": the message says nothing");
        } finally {
            s.close();
        }
        // the backend still computes after a refused call
        Scope after = new Scope(s.be, provider, pr);
        try {
            DeviceMatrix a = after.m(3, 2), c = after.keep(s.be.zeros(3, 3, pr));
            s.be.gemm(false, true, 1.0, a, a, 0.0, c);
            assertEquals(9, s.be.download(c).length);
        } finally {
            after.close();
        }
    }

    /** The aliased operand must hold what it held before the refused call. */
    private static void unchangedAfter(Scope s, DeviceMatrix m, Runnable call) {
        double[] before = s.be.download(m);
        try {
            call.run();
        } finally {
            assertArrayEquals(before, s.be.download(m), 0.0, "a refused call wrote its output");
        }
    }

    private static Map<String, Misuse> cases() {
        Map<String, Misuse> cs = new LinkedHashMap<>();
        // storage
        cs.put("upload: null array", s -> s.be.upload(null, 1, 1, s.pr));
        cs.put("upload: array length differs from rows x cols", s -> s.be.upload(new double[5], 2, 3, s.pr));
        cs.put("upload: negative shape", s -> s.be.upload(new double[0], -1, 0, s.pr));
        cs.put("zeros: negative shape", s -> s.keep(s.be.zeros(2, -3, s.pr)));
        cs.put("zeros: null precision", s -> s.keep(s.be.zeros(2, 2, null)));
        cs.put("download: null", s -> s.be.download(null));
        cs.put("download: a closed matrix", s -> {
            DeviceMatrix a = s.m(2, 2);
            a.close();
            s.be.download(a);
        });
        cs.put("download: a handle no backend made", s -> s.be.download(new StrayMatrix()));
        cs.put("download: a matrix of another instance of this backend", s -> {
            try (ComputeBackend second = s.provider.open()) {
                DeviceMatrix a = second.upload(new double[] {1, 2}, 1, 2, s.pr);
                s.be.download(a);
            }
        });
        cs.put("a matrix of this instance passed to another instance", s -> {
            DeviceMatrix a = s.m(2, 2);
            try (ComputeBackend second = s.provider.open()) {
                second.addDiagonal(a, 1.0);
            }
        });
        cs.put("zeros: after the backend is closed", s -> {
            ComputeBackend closed = s.provider.open();
            closed.close();
            closed.zeros(1, 1, s.pr);
        });
        cs.put("download: a matrix after its backend is closed", s -> {
            ComputeBackend closed = s.provider.open();
            DeviceMatrix a = closed.upload(new double[] {1, 2}, 1, 2, s.pr);
            closed.close();
            closed.download(a);
        });
        cs.put("gatherRows: a row outside the matrix", s -> s.keep(s.be.gatherRows(s.m(3, 2), new int[] {0, 3})));
        cs.put("gatherRows: a negative row", s -> s.keep(s.be.gatherRows(s.m(3, 2), new int[] {-1})));
        cs.put("gatherRows: null index", s -> s.keep(s.be.gatherRows(s.m(3, 2), null)));
        // dense algebra
        cs.put("gemm: inner dimensions differ", s -> s.be.gemm(false, false, 1, s.m(2, 3), s.m(2, 3), 0, s.m(2, 3)));
        cs.put("gemm: C has the wrong shape", s -> s.be.gemm(false, true, 1, s.m(2, 3), s.m(4, 3), 0, s.m(2, 3)));
        cs.put("gemm: mixed precisions", s -> s.be.gemm(false, false, 1, s.m(2, 2), s.other(2, 2), 0, s.m(2, 2)));
        cs.put("gemm: C is A", s -> {
            DeviceMatrix a = s.m(3, 3);
            unchangedAfter(s, a, () -> s.be.gemm(false, false, 1, a, s.m(3, 3), 0, a));
        });
        cs.put("gemm: C is B", s -> {
            DeviceMatrix b = s.m(3, 3);
            unchangedAfter(s, b, () -> s.be.gemm(true, false, 1, s.m(3, 3), b, 1, b));
        });
        cs.put("gemm: alpha is NaN", s -> s.be.gemm(false, false, Double.NaN, s.m(2, 2), s.m(2, 2), 0, s.m(2, 2)));
        cs.put("gemm: beta is infinite", s -> s.be.gemm(false, false, 1, s.m(2, 2), s.m(2, 2),
                Double.POSITIVE_INFINITY, s.m(2, 2)));
        cs.put("scaleColumns: a scale count other than the columns", s -> s.be.scaleColumns(s.m(2, 3), new double[2], s.m(2, 3)));
        cs.put("scaleColumns: null scales", s -> s.be.scaleColumns(s.m(2, 3), null, s.m(2, 3)));
        cs.put("scaleColumns: out of another shape", s -> s.be.scaleColumns(s.m(2, 3), new double[3], s.m(3, 2)));
        cs.put("addDiagonal: an infinite value", s -> s.be.addDiagonal(s.m(2, 2), Double.POSITIVE_INFINITY));
        cs.put("choleskyFactor: not square", s -> s.be.choleskyFactor(s.m(2, 3)));
        cs.put("choleskySolve: B has other rows", s -> s.be.choleskySolve(s.spd(3), s.m(2, 1)));
        cs.put("choleskySolve: a factor that is not square", s -> s.be.choleskySolve(s.m(3, 2), s.m(3, 1)));
        cs.put("choleskySolve: B is the factor", s -> {
            DeviceMatrix f = s.spd(3);
            s.be.choleskyFactor(f);
            s.be.choleskySolve(f, f);
        });
        cs.put("psdPower: not square", s -> s.keep(s.be.psdPower(s.m(2, 3), 0.5)));
        cs.put("psdPower: a NaN exponent", s -> s.keep(s.be.psdPower(s.spd(2), Double.NaN)));
        // kernel machine operations
        cs.put("pairwiseDistances: p = 0", s -> s.be.pairwiseDistances(0, s.m(2, 3), s.m(4, 3), s.m(2, 4)));
        cs.put("pairwiseDistances: p infinite", s -> s.be.pairwiseDistances(Double.POSITIVE_INFINITY, s.m(2, 3),
                s.m(4, 3), s.m(2, 4)));
        cs.put("pairwiseDistances: out is a", s -> {
            DeviceMatrix a = s.m(3, 3);
            unchangedAfter(s, a, () -> s.be.pairwiseDistances(2, a, s.m(3, 3), a));
        });
        cs.put("kernelMatrix: feature counts differ", s -> s.be.kernelMatrix(LAPLACE, s.m(2, 3), s.m(4, 2), s.m(2, 4)));
        cs.put("kernelMatrix: out of the wrong shape", s -> s.be.kernelMatrix(LAPLACE, s.m(2, 3), s.m(4, 3), s.m(4, 2)));
        cs.put("kernelMatrix: null kernel", s -> s.be.kernelMatrix(null, s.m(2, 3), s.m(4, 3), s.m(2, 4)));
        cs.put("kernelMatrix: mixed precisions", s -> s.be.kernelMatrix(LAPLACE, s.m(2, 3), s.other(4, 3), s.m(2, 4)));
        cs.put("kernelMatrix: out is b", s -> {
            DeviceMatrix b = s.m(3, 3);
            unchangedAfter(s, b, () -> s.be.kernelMatrix(LAPLACE, s.m(3, 3), b, b));
        });
        cs.put("kernelMatrixLower: out not n x n", s -> s.be.kernelMatrixLower(LAPLACE, s.m(3, 2), s.m(3, 2)));
        cs.put("kernelMatrixLower: out is a", s -> {
            DeviceMatrix a = s.m(3, 3);
            unchangedAfter(s, a, () -> s.be.kernelMatrixLower(LAPLACE, a, a));
        });
        cs.put("predict: alpha rows differ from u", s -> s.be.predict(LAPLACE, s.m(4, 3), s.m(3, 2), s.m(5, 3), s.m(5, 2)));
        cs.put("predict: queries with other features", s -> s.be.predict(LAPLACE, s.m(4, 3), s.m(4, 2), s.m(5, 2), s.m(5, 2)));
        cs.put("predict: out of the wrong shape", s -> s.be.predict(LAPLACE, s.m(4, 3), s.m(4, 2), s.m(5, 3), s.m(2, 5)));
        cs.put("predict: null kernel", s -> s.be.predict(null, s.m(4, 3), s.m(4, 2), s.m(5, 3), s.m(5, 2)));
        cs.put("predict: out is q", s -> {
            DeviceMatrix q = s.m(5, 3);
            unchangedAfter(s, q, () -> s.be.predict(LAPLACE, s.m(4, 3), s.m(4, 3), q, q));
        });
        cs.put("agopAccumulate: G neither d x d nor 1 x d", s -> s.be.agopAccumulate(LAPLACE, s.m(4, 3), s.m(4, 2),
                s.m(5, 3), null, s.m(2, 3), s.m(2, 3)));
        cs.put("agopAccumulate: jacobianSum not c x d", s -> s.be.agopAccumulate(LAPLACE, s.m(4, 3), s.m(4, 2),
                s.m(5, 3), null, s.m(3, 3), s.m(3, 2)));
        cs.put("agopAccumulate: jacobianSum null", s -> s.be.agopAccumulate(LAPLACE, s.m(4, 3), s.m(4, 2),
                s.m(5, 3), null, s.m(3, 3), null));
        cs.put("agopAccumulate: zIndex of another length than z", s -> s.be.agopAccumulate(LAPLACE, s.m(4, 3),
                s.m(4, 2), s.m(5, 3), new int[4], s.m(3, 3), s.m(2, 3)));
        cs.put("agopAccumulate: z with other features", s -> s.be.agopAccumulate(LAPLACE, s.m(4, 3), s.m(4, 2),
                s.m(5, 2), null, s.m(3, 3), s.m(2, 3)));
        cs.put("agopAccumulate: mixed precisions", s -> s.be.agopAccumulate(LAPLACE, s.m(4, 3), s.m(4, 2),
                s.m(5, 3), null, s.other(3, 3), s.m(2, 3)));
        cs.put("agopAccumulate: G is u", s -> {
            DeviceMatrix u = s.m(3, 3);
            unchangedAfter(s, u, () -> s.be.agopAccumulate(LAPLACE, u, s.m(3, 2), s.m(5, 3), null, u, s.m(2, 3)));
        });
        cs.put("agopAccumulate: jacobianSum is G", s -> {
            DeviceMatrix g = s.m(3, 3);
            unchangedAfter(s, g, () -> s.be.agopAccumulate(LAPLACE, s.m(4, 3), s.m(4, 3), s.m(5, 3), null, g, g));
        });
        return cs;
    }
}
