// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.algo.RfmTrainer;
import org.rfm4j.api.RfmParams;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.BackendProvider;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;
import org.rfm4j.spi.Precision;

/**
 * The CUDA backend's error paths and memory planning on the emulated device (scripts/cuda-emu-test.sh;
 * skipped elsewhere): a failure injected into any cuBLAS or cuSOLVER call becomes an RfmException and
 * leaves no device allocation behind; a small device memory forces batching without changing results
 * and refuses what cannot fit before allocating; the emulated device never passes for a GPU.
 */
class CudaEmulatedDeviceTest {
    private static final int N = 40;
    private static final int D = 5;
    private static final int C = 2;

    private long budget;

    @BeforeEach
    void onTheEmulatedDevice() {
        EmulatedDevice.require();
        budget = EmulatedDevice.nMemoryBudget();
    }

    @AfterEach
    void restore() {
        if (EmulatedDevice.active()) {
            EmulatedDevice.nClearFailures();
            EmulatedDevice.nSetMemoryBudget(budget);
        }
    }

    private static ComputeBackend openCuda() {
        return Backends.provider("cuda").open();
    }

    @Test
    void reportsItselfAsEmulatedAndIsNeverPickedAutomatically() {
        BackendProvider cuda = Backends.provider("cuda");
        BackendProvider.Availability a = cuda.probe();
        assertTrue(a.available());
        assertFalse(a.automatic(), "auto must never pick the emulated device");
        assertTrue(a.detail().contains("EMULATED"), a.detail());
        assertEquals("cpu", Backends.autoChoice());
        try (ComputeBackend auto = Backends.open("auto"); ComputeBackend named = openCuda()) {
            assertEquals("cpu", auto.name());
            assertTrue(named.description().contains("EMULATED for tests, not a GPU"), named.description());
        }
        String saved = System.clearProperty(CudaBackendProvider.EMULATION_PROPERTY);
        try {
            BackendProvider.Availability without = cuda.probe();
            assertFalse(without.available());
            assertTrue(without.detail().contains("emulated CUDA device"), without.detail());
            RfmException e = assertThrows(RfmException.class, cuda::open);
            assertEquals(ErrorCode.BACKEND_UNAVAILABLE, e.code());
        } finally {
            System.setProperty(CudaBackendProvider.EMULATION_PROPERTY, saved);
        }
    }

    /** One operation that reaches a given library entry point. */
    private record Case(String function, Precision precision, Consumer<Inputs> op) {
    }

    /** Device inputs for the cases: points, coefficients, an SPD matrix, right-hand sides. */
    private static final class Inputs implements AutoCloseable {
        final ComputeBackend be;
        final DeviceMatrix u, alpha, spd, rhs, g, jac;
        final List<DeviceMatrix> results = new ArrayList<>();

        Inputs(ComputeBackend be, Precision pr) {
            this.be = be;
            u = be.upload(gaussian(N, D, 1), N, D, pr);
            alpha = be.upload(gaussian(N, C, 2), N, C, pr);
            spd = be.zeros(N, N, pr);
            be.kernelMatrix(Kernel.laplace(2.0), u, u, spd);
            be.addDiagonal(spd, 0.5);
            rhs = be.upload(gaussian(N, C, 3), N, C, pr);
            g = be.zeros(D, D, pr);
            jac = be.zeros(C, D, pr);
        }

        @Override
        public void close() {
            results.forEach(DeviceMatrix::close);
            u.close();
            alpha.close();
            spd.close();
            rhs.close();
            g.close();
            jac.close();
        }
    }

    private static List<Case> cases() {
        List<Case> cs = new ArrayList<>();
        for (Precision pr : Precision.values()) {
            String s = pr == Precision.FLOAT32 ? "S" : "D";
            cs.add(new Case("cublas" + s + "gemm_v2", pr, in -> {
                try (DeviceMatrix out = in.be.zeros(N, N, pr)) {
                    in.be.kernelMatrix(Kernel.gaussian(1.5), in.u, in.u, out);
                }
            }));
            cs.add(new Case("cublas" + s + "syrk_v2", pr,
                    in -> in.be.agopAccumulate(Kernel.laplace(2.0), in.u, in.alpha, in.u, null, in.g, in.jac)));
            cs.add(new Case("cusolverDnXpotrf_bufferSize", pr, in -> in.be.choleskyFactor(in.spd)));
            cs.add(new Case("cusolverDnXpotrf", pr, in -> in.be.choleskyFactor(in.spd)));
            cs.add(new Case("cusolverDnXpotrs", pr, in -> {
                in.be.choleskyFactor(in.spd);
                in.be.choleskySolve(in.spd, in.rhs);
            }));
            cs.add(new Case("cusolverDnDsyevd_bufferSize", pr, in -> in.results.add(in.be.psdPower(in.spd, 0.5))));
            cs.add(new Case("cusolverDnDsyevd", pr, in -> in.results.add(in.be.psdPower(in.spd, 0.5))));
        }
        return cs;
    }

    @Test
    void injectedLibraryFailuresBecomeRfmExceptionsAndLeakNothing() {
        try (ComputeBackend be = openCuda()) {
            CudaBackend cuda = (CudaBackend) be;
            long contextOnly = EmulatedDevice.nLiveAllocations();
            for (Case c : cases()) {
                for (int status : new int[] {failureStatus(c.function()), allocFailedStatus(c.function())}) {
                    try (Inputs in = new Inputs(be, c.precision())) {
                        long before = EmulatedDevice.nLiveAllocations();
                        int matrices = cuda.liveMatrices();
                        long calls = EmulatedDevice.nCalls(c.function());
                        EmulatedDevice.nInjectFailure(c.function(), status, 0);
                        RfmException e = assertThrows(RfmException.class, () -> c.op().accept(in),
                                c.function() + " failing with " + status + " must surface as an RfmException");
                        String what = c.function() + " " + c.precision() + " status " + status + ": " + e.getMessage();
                        assertTrue(EmulatedDevice.nCalls(c.function()) > calls, "the case never reached " + what);
                        assertEquals(status == allocFailedStatus(c.function()) ? ErrorCode.OUT_OF_MEMORY
                                : ErrorCode.DEVICE_ERROR, e.code(), what);
                        assertTrue(e.getMessage().contains(c.function()), what);
                        assertEquals(before, EmulatedDevice.nLiveAllocations(), "device scratch left behind: " + what);
                        assertEquals(matrices, cuda.liveMatrices(), "matrices left open: " + what);
                        // an injected library failure is not a broken context: the same call now works
                        c.op().accept(in);
                    }
                }
            }
            assertEquals(contextOnly, EmulatedDevice.nLiveAllocations());
        }
    }

    @Test
    void failuresWhileOpeningTheContextLeakNothing() {
        for (String f : new String[] {"cublasCreate_v2", "cublasSetMathMode", "cusolverDnCreate",
                "cusolverDnCreateParams"}) {
            long before = EmulatedDevice.nLiveAllocations();
            EmulatedDevice.nInjectFailure(f, failureStatus(f), 0);
            RfmException e = assertThrows(RfmException.class, CudaEmulatedDeviceTest::openCuda, f);
            assertEquals(ErrorCode.DEVICE_ERROR, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains(f), e.getMessage());
            assertEquals(before, EmulatedDevice.nLiveAllocations(), "allocations left by a failed open at " + f);
        }
    }

    @Test
    void aFitWhoseSolveFailsClosesEveryMatrix() {
        double[] x = gaussian(120, D, 4);
        double[] y = new double[120];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i * D] * x[i * D + 1];
        }
        RfmParams params = RfmParams.builder().iterations(2).earlyStopping(false).build();
        try (ComputeBackend be = openCuda()) {
            long before = EmulatedDevice.nLiveAllocations();
            // the second Cholesky factorisation (iteration 1) fails in the library
            EmulatedDevice.nInjectFailure("cusolverDnXpotrf", failureStatus("cusolverDnXpotrf"), 1);
            RfmException e = assertThrows(RfmException.class, () -> new RfmTrainer(be, params.trainerSettings(), null)
                    .fit(new Matrix(x, 120, D), new Matrix(y, 120, 1), null, null));
            assertEquals(ErrorCode.DEVICE_ERROR, e.code(), e.getMessage());
            assertEquals(0, ((CudaBackend) be).liveMatrices(), "the trainer left matrices open");
            assertEquals(before, EmulatedDevice.nLiveAllocations(), "the failed fit left device memory behind");
        }
    }

    @Test
    void aSmallDeviceForcesBatchesAndGivesTheSameResults() {
        Kernel k = Kernel.gaussian(2.0);
        int n = 60, m = 50;
        double[] u = gaussian(n, D, 5), q = gaussian(m, D, 6), alpha = gaussian(n, C, 7);
        double[][] roomy = agopAndPredict(k, u, q, alpha);
        long syrkRoomy = EmulatedDevice.nCalls("cublasDsyrk_v2");
        // room for a few rows of scratch only: the planner must cut the AGOP and prediction into batches
        long live = EmulatedDevice.nLiveBytes();
        EmulatedDevice.nSetMemoryBudget(MemoryPlanner.HEADROOM_BYTES + live + 32 * 1024);
        long syrkBefore = EmulatedDevice.nCalls("cublasDsyrk_v2");
        long gemmBefore = EmulatedDevice.nCalls("cublasDgemm_v2");
        double[][] tight = agopAndPredict(k, u, q, alpha);
        long syrkBatches = EmulatedDevice.nCalls("cublasDsyrk_v2") - syrkBefore;
        long gemms = EmulatedDevice.nCalls("cublasDgemm_v2") - gemmBefore;
        System.out.println("emulated device, tight memory: the AGOP ran in " + syrkBatches + " SYRK batches; "
                + gemms + " GEMM calls for the AGOP and the prediction");
        assertTrue(syrkRoomy >= 1);
        assertTrue(syrkBatches > 3, "the AGOP ran in " + syrkBatches + " batch(es)");
        assertTrue(gemms > 6, "prediction and AGOP made only " + gemms + " GEMM calls");
        for (int r = 0; r < roomy.length; r++) {
            double scale = 0, worst = 0;
            for (int i = 0; i < roomy[r].length; i++) {
                scale = Math.max(scale, Math.abs(roomy[r][i]));
                worst = Math.max(worst, Math.abs(roomy[r][i] - tight[r][i]));
            }
            assertTrue(worst <= 1e-12 * scale, "batched result " + r + " differs by " + worst + " (scale " + scale + ")");
        }
    }

    @Test
    void whatCannotFitIsRefusedBeforeAllocating() {
        try (ComputeBackend be = openCuda()) {
            EmulatedDevice.nSetMemoryBudget(MemoryPlanner.HEADROOM_BYTES + EmulatedDevice.nLiveBytes() + (1L << 20));
            long mallocs = EmulatedDevice.nCalls("cudaMalloc");
            RfmException e = assertThrows(RfmException.class, () -> be.zeros(2000, 2000, Precision.FLOAT64));
            assertEquals(ErrorCode.OUT_OF_MEMORY, e.code());
            assertTrue(e.getMessage().contains("32000000 bytes"), e.getMessage());
            assertEquals(mallocs, EmulatedDevice.nCalls("cudaMalloc"), "the planner let an impossible cudaMalloc through");
            try (DeviceMatrix u = be.upload(gaussian(N, D, 8), N, D, Precision.FLOAT64);
                 DeviceMatrix a = be.upload(gaussian(N, C, 9), N, C, Precision.FLOAT64);
                 DeviceMatrix g = be.zeros(D, D, Precision.FLOAT64);
                 DeviceMatrix jac = be.zeros(C, D, Precision.FLOAT64)) {
                EmulatedDevice.nSetMemoryBudget(EmulatedDevice.nLiveBytes() + 1024); // below the planner's headroom
                RfmException agop = assertThrows(RfmException.class,
                        () -> be.agopAccumulate(Kernel.laplace(1.0), u, a, u, null, g, jac));
                assertEquals(ErrorCode.OUT_OF_MEMORY, agop.code(), agop.getMessage());
            }
        }
    }

    /** Across backends (the contract suite covers misuse within one provider): a CPU matrix on CUDA and back. */
    @Test
    void matricesOfTheOtherBackendAreRefused() {
        try (ComputeBackend cuda = openCuda(); ComputeBackend cpu = Backends.open("cpu");
             DeviceMatrix onCpu = cpu.upload(new double[] {1, 2, 3, 4}, 2, 2, Precision.FLOAT32);
             DeviceMatrix onCuda = cuda.upload(new double[] {1, 2, 3, 4}, 2, 2, Precision.FLOAT32)) {
            RfmException e = assertThrows(RfmException.class, () -> cuda.download(onCpu));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
            e = assertThrows(RfmException.class, () -> cpu.download(onCuda));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        }
    }

    /** The AGOP (G and Jacobian sums) of q against u and the predictions at q, in float64. */
    private static double[][] agopAndPredict(Kernel k, double[] u, double[] q, double[] alpha) {
        int n = u.length / D, m = q.length / D;
        try (ComputeBackend be = openCuda();
             DeviceMatrix mu = be.upload(u, n, D, Precision.FLOAT64);
             DeviceMatrix mq = be.upload(q, m, D, Precision.FLOAT64);
             DeviceMatrix ma = be.upload(alpha, n, C, Precision.FLOAT64);
             DeviceMatrix g = be.zeros(D, D, Precision.FLOAT64);
             DeviceMatrix jac = be.zeros(C, D, Precision.FLOAT64);
             DeviceMatrix out = be.zeros(m, C, Precision.FLOAT64)) {
            be.agopAccumulate(k, mu, ma, mq, null, g, jac);
            be.predict(k, mu, ma, mq, out);
            return new double[][] {be.download(g), be.download(jac), be.download(out)};
        }
    }

    private static int failureStatus(String function) {
        return function.startsWith("cublas") ? EmulatedDevice.CUBLAS_STATUS_EXECUTION_FAILED
                : EmulatedDevice.CUSOLVER_STATUS_EXECUTION_FAILED;
    }

    private static int allocFailedStatus(String function) {
        return function.startsWith("cublas") ? EmulatedDevice.CUBLAS_STATUS_ALLOC_FAILED
                : EmulatedDevice.CUSOLVER_STATUS_ALLOC_FAILED;
    }

    static double[] gaussian(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[] a = new double[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }
}
