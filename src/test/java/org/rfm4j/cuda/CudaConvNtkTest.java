// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.conv.ConvKernelMatrix;
import org.rfm4j.conv.ConvNtk;
import org.rfm4j.conv.ConvRfm;
import org.rfm4j.conv.ConvRfmParams;
import org.rfm4j.conv.ConvRfmResult;
import org.rfm4j.conv.PatchExpansion;
import org.rfm4j.conv.PatchFeatures;
import org.rfm4j.conv.PatchGeometry;
import org.rfm4j.spi.BackendProvider;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;
import org.rfm4j.testing.Normwise;

/**
 * The convolutional kernel of ConvRFM on the CUDA backend ({@code convNtkMatrix}: per-position GEMMs, the arc-cosine
 * layers and window sums in our kernels) against the host reference ({@link ConvKernelMatrix}), at depths 1 to 3,
 * between two sets and on one set, in one tile and in many; a whole ConvRFM fit on CUDA against the CPU backend's;
 * and the operand rules. Runs on a GPU and on the emulated device; skipped (never silently on a GPU machine)
 * elsewhere.
 */
class CudaConvNtkTest {
    /** Relative agreement asked of the GPU: float64 throughout, sums in another order. */
    private static final double TOL = 1e-10;
    /**
     * With an image's pairs with itself: there rho is 1 within round-off, and arccos near 1 turns a difference of
     * 1e-16 in rho (the norms and the cross products are summed in different orders) into 1e-8 in the angle.
     */
    private static final double TOL_SELF = 1e-8;

    private static ComputeBackend cuda;
    private static ComputeBackend cpu;

    @BeforeAll
    static void open() {
        BackendProvider provider = Backends.provider("cuda");
        BackendProvider.Availability a = provider.probe();
        String required = GpuMachine.cudaRequiredBecause();
        if (!a.available() && required != null) {
            fail("cuda backend unavailable although " + required + ": " + a.detail());
        }
        Assumptions.assumeTrue(a.available(), () -> "cuda backend unavailable: " + a.detail());
        cuda = provider.open();
        cpu = Backends.open("cpu");
    }

    @AfterAll
    static void close() {
        if (cuda != null) {
            cuda.close();
            cpu.close();
        }
    }

    private static double[] images(int count, PatchGeometry g, long seed) {
        return CudaEmulatedDeviceTest.gaussian(count, g.imageSize(), seed);
    }

    /** The CUDA backend's kernel between images a and b (b null: a with itself). */
    private static double[] onCuda(ConvNtk ntk, PatchGeometry g, double[] a, int na, double[] b, int nb) {
        int p = g.positions(), dim = g.patchDim();
        try (DeviceMatrix ma = cuda.upload(PatchExpansion.expandRange(g, a, 0, na), na * p, dim, Precision.FLOAT64);
             DeviceMatrix mb = b == null ? null
                     : cuda.upload(PatchExpansion.expandRange(g, b, 0, nb), nb * p, dim, Precision.FLOAT64);
             DeviceMatrix out = cuda.zeros(na, b == null ? na : nb, Precision.FLOAT64)) {
            cuda.convNtkMatrix(ntk.shape(), ma, mb == null ? ma : mb, out);
            return cuda.download(out);
        }
    }

    @Test
    void matchesTheHostKernelAtDepthsOneToThree() {
        assertTrue(cuda.hasConvNtk());
        PatchGeometry g = new PatchGeometry(2, 9, 8, 3, false); // 7 x 6 positions, patches of 18
        double[] a = images(5, g, 1), b = images(4, g, 2);
        for (int depth = 1; depth <= 3; depth++) {
            ConvNtk ntk = ConvNtk.of(g, depth);
            PatchFeatures fa = PatchFeatures.of(cpu, g, ntk, a, 0, 5, null);
            PatchFeatures fb = PatchFeatures.of(cpu, g, ntk, b, 0, 4, null);
            Normwise.assertClose(ConvKernelMatrix.between(ntk, fa, fb), onCuda(ntk, g, a, 5, b, 4), TOL, "depth " + depth + ", a x b");
            Normwise.assertClose(ConvKernelMatrix.symmetric(ntk, fa), onCuda(ntk, g, a, 5, null, 0), TOL_SELF,
                    "depth " + depth + ", a x a");
        }
    }

    @Test
    void manyTilesGiveTheResultOfOne() {
        EmulatedDevice.require(); // only the emulated device's memory can be made small
        long budget = EmulatedDevice.nMemoryBudget();
        PatchGeometry g = new PatchGeometry(1, 8, 8, 3, true); // same padding: 8 x 8 positions
        ConvNtk ntk = ConvNtk.of(g, 2);
        int na = 7, nb = 3, dim = g.patchDim();
        double[] roomy = onCuda(ntk, g, images(na, g, 3), na, images(nb, g, 4), nb);
        try (DeviceMatrix a = cuda.upload(PatchExpansion.expandRange(g, images(na, g, 3), 0, na), na * 64, dim,
                Precision.FLOAT64);
             DeviceMatrix b = cuda.upload(PatchExpansion.expandRange(g, images(nb, g, 4), 0, nb), nb * 64, dim,
                     Precision.FLOAT64);
             DeviceMatrix out = cuda.zeros(na, nb, Precision.FLOAT64)) {
            // room for two rows of a tile: 3 pairs x (64 + 36) positions x 2 values x 8 bytes each, plus the variances
            long wanted = 2 * (8L * nb * 2 * (64 + 36)) + 8L * (64 + 36) * (na + nb);
            EmulatedDevice.nSetMemoryBudget(MemoryPlanner.HEADROOM_BYTES + EmulatedDevice.nLiveBytes()
                    + (long) Math.ceil(wanted / (MemoryPlanner.USABLE_FRACTION * MemoryPlanner.SCRATCH_FRACTION)) + 1024);
            int tile = MemoryPlanner.convTileRows(ntk.shape(), na, nb, cuda.memory());
            assertTrue(tile >= 1 && tile < na, "the budget should give tiles of fewer than " + na + " rows, got " + tile);
            long gemms = EmulatedDevice.nCalls("cublasDgemm_v2");
            cuda.convNtkMatrix(ntk.shape(), a, b, out);
            long calls = EmulatedDevice.nCalls("cublasDgemm_v2") - gemms;
            int tiles = (na + tile - 1) / tile;
            assertEquals(64L * tiles, calls, "one GEMM per position and tile of " + tile + " rows");
            Normwise.assertClose(roomy, cuda.download(out), 0.0, "in tiles of " + tile + " rows");
        } finally {
            EmulatedDevice.nSetMemoryBudget(budget);
        }
    }

    @Test
    void aConvRfmFitOnCudaGivesTheCpuBackendsRounds() {
        PatchGeometry g = new PatchGeometry(1, 8, 8, 3, false);
        int n = 12, nTest = 6;
        double[] train = images(n, g, 5), test = images(nTest, g, 6);
        double[] y = new double[n * 2];
        for (int i = 0; i < n; i++) {
            y[i * 2 + (i % 2)] = 1;
        }
        int[] testLabels = {0, 1, 1, 0, 1, 0};
        ConvRfmParams params = new ConvRfmParams(3, 2, 1e-3, 2, 4, false);
        ConvRfmResult onCpu = ConvRfm.fit(cpu, g, params, train, y, 2, test, testLabels, null);
        ConvRfmResult onGpu = ConvRfm.fit(cuda, g, params, train, y, 2, test, testLabels, null);
        for (int r = 0; r < 2; r++) {
            ConvRfmResult.Round c = onCpu.rounds().get(r), d = onGpu.rounds().get(r);
            assertEquals(c.testAccuracy(), d.testAccuracy(), "round " + r + " test accuracy");
            assertEquals(c.trainAccuracy(), d.trainAccuracy(), "round " + r + " train accuracy");
            assertEquals(c.testMse(), d.testMse(), 1e-8 * Math.max(1, c.testMse()), "round " + r + " test mse");
        }
        Normwise.assertClose(onCpu.metric(), onGpu.metric(), 1e-8, "the learned patch metric");
    }

    @Test
    void refusesWrongShapesAndFloat32() {
        PatchGeometry g = new PatchGeometry(1, 6, 6, 3, false); // 16 positions, patches of 9
        ConvNtk ntk = ConvNtk.of(g, 1);
        try (DeviceMatrix a = cuda.zeros(32, 9, Precision.FLOAT64);
             DeviceMatrix odd = cuda.zeros(30, 9, Precision.FLOAT64);
             DeviceMatrix f32 = cuda.zeros(32, 9, Precision.FLOAT32);
             DeviceMatrix out = cuda.zeros(2, 2, Precision.FLOAT64);
             DeviceMatrix out32 = cuda.zeros(2, 2, Precision.FLOAT32);
             DeviceMatrix wrongOut = cuda.zeros(2, 3, Precision.FLOAT64)) {
            RfmException e = assertThrows(RfmException.class, () -> cuda.convNtkMatrix(ntk.shape(), odd, a, wrongOut));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
            assertTrue(e.getMessage().contains("16 patch positions"), e.getMessage());
            assertThrows(RfmException.class, () -> cuda.convNtkMatrix(ntk.shape(), a, a, wrongOut));
            RfmException p = assertThrows(RfmException.class, () -> cuda.convNtkMatrix(ntk.shape(), f32, f32, out32));
            assertTrue(p.getMessage().contains("FLOAT64"), p.getMessage());
            assertThrows(RfmException.class, () -> cuda.convNtkMatrix(ntk.shape(), a, a, a));
            RfmException none = assertThrows(RfmException.class, () -> cpu.convNtkMatrix(ntk.shape(), null, null, null));
            assertTrue(none.getMessage().contains("hasConvNtk"), none.getMessage());
        }
    }
}
