// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.jcuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmRegressionModel;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.cuda.DeviceAddresses;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;
import org.rfm4j.tree.TreeSettings;

/**
 * The JCuda adapter on the emulated CUDA device (scripts/cuda-emu-test.sh; skipped elsewhere). The
 * "application's" buffers are device allocations made through the backend, handed over as raw
 * addresses in CUdeviceptr values, as cuMemAlloc's would be; the driver's context answers are fixed
 * ({@link FakeDriver}: JCuda's own driver calls need libcuda). Covered: fit and predict from wrapped
 * buffers give exactly what the host path gives, in both precisions; a view at a byte offset; a tree's
 * host fallback; the caller's memory is never freed; host memory, precision, shape and closed handles
 * are refused with RfmExceptions.
 */
class JCudaEmulatedTest {
    private static final int N = 48;
    private static final int D = 4;
    private static final int M = 10;

    @BeforeEach
    void onTheEmulatedDevice() {
        DeviceAddresses.requireEmulatedDevice();
    }

    private static ComputeBackend openCuda() {
        return Backends.provider("cuda").open();
    }

    private static CUdeviceptr pointer(DeviceMatrix applicationBuffer) {
        return new CUdeviceptr().withByteOffset(DeviceAddresses.of(applicationBuffer));
    }

    /** Values exact in float32, so the host and device paths start from the same numbers. */
    private static double[] data(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static double[] target(double[] x) {
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = (float) (x[i * D] * x[i * D + 1] + 0.5 * x[i * D + 2]);
        }
        return y;
    }

    @Test
    void fitAndPredictOnWrappedBuffersMatchTheHostPath() {
        for (Precision pr : Precision.values()) {
            double[] x = data(N, D, 1), y = target(x), q = data(M, D, 2);
            RfmParams params = RfmParams.builder().iterations(2).precision(pr).build();
            try (ComputeBackend be = openCuda(); JCudaRfm jc = JCudaRfm.on(be, new FakeDriver())) {
                DeviceMatrix appX = be.upload(x, N, D, pr), appY = be.upload(y, N, 1, pr);
                DeviceMatrix appQ = be.upload(q, M, D, pr), appOut = be.zeros(M, 1, pr);
                RfmRegressionModel viaDevice = jc.fit(new RfmRegressor(params), jc.wrap(pointer(appX), N, D, pr),
                        jc.wrap(pointer(appY), N, 1, pr));
                jc.predict(viaDevice, jc.wrap(pointer(appQ), M, D, pr), jc.wrap(pointer(appOut), M, 1, pr));
                double[] got = be.download(appOut);

                RfmRegressionModel viaHost = new RfmRegressor(params).fit(be, new Matrix(x, N, D), new Matrix(y, N, 1),
                        null, null, null);
                double[] want = viaHost.predictRaw(be, new Matrix(q, M, D));
                assertArrayEquals(want, got, 0.0, pr + ": device round trip vs host path");
                assertArrayEquals(x, be.download(appX), 0.0, "the caller's x was modified");
                assertTrue(got[0] != 0 || got[1] != 0, "no outputs were written");
            }
        }
    }

    @Test
    void aViewAtAByteOffsetPredictsThoseRows() {
        Precision pr = Precision.FLOAT32;
        double[] x = data(N, D, 3), y = target(x);
        try (ComputeBackend be = openCuda(); JCudaRfm jc = JCudaRfm.on(be, new FakeDriver())) {
            RfmRegressionModel model = new RfmRegressor(RfmParams.builder().iterations(1).build())
                    .fit(be, new Matrix(x, N, D), new Matrix(y, N, 1), null, null, null);
            DeviceMatrix appX = be.upload(x, N, D, pr), appOut = be.zeros(N, 1, pr);
            int first = 5;
            CUdeviceptr rows = pointer(appX).withByteOffset((long) first * D * pr.bytes());
            CUdeviceptr outRows = pointer(appOut).withByteOffset((long) first * pr.bytes());
            jc.predict(model, jc.wrap(rows, M, D, pr), jc.wrap(outRows, M, 1, pr));
            double[] all = be.download(appOut);
            double[] want = model.predictRaw(be, new Matrix(java.util.Arrays.copyOfRange(x, first * D, (first + M) * D), M, D));
            assertArrayEquals(want, java.util.Arrays.copyOfRange(all, first, first + M), 0.0);
            assertEquals(0.0, all[first - 1], "a row before the view was written");
            assertEquals(0.0, all[first + M], "a row after the view was written");
        }
    }

    @Test
    void aTreePredictsThroughTheHostFallback() {
        int n = 120;
        Random r = new Random(4);
        double[] x = new double[n * D], y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < D; j++) {
                x[i * D + j] = (float) r.nextGaussian();
            }
            y[i] = (float) (x[i * D] > 0 ? x[i * D + 1] : -x[i * D + 2]);
        }
        RfmParams params = RfmParams.builder().iterations(1).solver("tree").tree(TreeSettings.defaults().withLeafSize(50))
                .build();
        RfmRegressionModel tree;
        try (ComputeBackend cpu = Backends.open("cpu")) {
            tree = new RfmRegressor(params).fit(cpu, new Matrix(x, n, D), new Matrix(y, n, 1), null, null, null);
        }
        assertTrue(tree.fitted() instanceof org.rfm4j.tree.RfmTree, "not a tree: " + tree.fitted());
        try (ComputeBackend be = openCuda(); JCudaRfm jc = JCudaRfm.on(be, new FakeDriver())) {
            DeviceMatrix appQ = be.upload(x, n, D, Precision.FLOAT32), appOut = be.zeros(n, 1, Precision.FLOAT32);
            jc.predict(tree, jc.wrap(pointer(appQ), n, D, Precision.FLOAT32),
                    jc.wrap(pointer(appOut), n, 1, Precision.FLOAT32));
            assertArrayEquals(tree.predictRaw(be, new Matrix(x, n, D)), be.download(appOut), 0.0);
        }
    }

    @Test
    void theCallersMemoryIsNeverFreed() {
        long before = DeviceAddresses.liveAllocations();
        double[] x = data(N, D, 5);
        ComputeBackend be = openCuda();
        DeviceMatrix appX = be.upload(x, N, D, Precision.FLOAT32);
        long withBuffer = DeviceAddresses.liveAllocations();
        JCudaRfm jc = JCudaRfm.on(be, new FakeDriver());
        DeviceMatrix view = jc.wrap(pointer(appX), N, D, Precision.FLOAT32);
        DeviceMatrix second = jc.wrap(pointer(appX), N, D, Precision.FLOAT32);
        assertEquals(withBuffer, DeviceAddresses.liveAllocations(), "wrapping allocated");
        view.close();
        view.close();
        jc.close();
        assertEquals(withBuffer, DeviceAddresses.liveAllocations(), "closing views freed the caller's buffer");
        assertArrayEquals(x, be.download(appX), 0.0);
        RfmException e = assertThrows(RfmException.class, () -> be.download(second));
        assertTrue(e.getMessage().contains("was closed"), e.getMessage());
        DeviceMatrix open = JCudaRfm.on(be, new FakeDriver()).wrap(pointer(appX), N, D, Precision.FLOAT32);
        assertDoesNotThrow(be::close, "closing the backend with a view open must free only its own memory");
        assertTrue(open.toString().contains("borrowed"), open.toString());
        assertEquals(before, DeviceAddresses.liveAllocations(), "the backend's own buffer was not freed on close");
    }

    private static String refused(ErrorCode code, Runnable r) {
        RfmException e = assertThrows(RfmException.class, r::run);
        assertEquals(code, e.code(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void misuseIsRefusedWithRfmExceptions() {
        Precision f32 = Precision.FLOAT32;
        double[] x = data(N, D, 6), y = target(x);
        ComputeBackend be = openCuda();
        try {
            JCudaRfm jc = JCudaRfm.on(be, new FakeDriver());
            // host memory: an address the CUDA runtime does not know
            assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> jc.wrap(new CUdeviceptr().withByteOffset(4096), 1, 1, f32))
                    .contains("not device memory known to the CUDA runtime"));
            DeviceMatrix appX = be.upload(x, N, D, f32), appY = be.upload(y, N, 1, f32);
            DeviceMatrix vx = jc.wrap(pointer(appX), N, D, f32), vy = jc.wrap(pointer(appY), N, 1, f32);
            // misaligned: one byte into the buffer
            assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> jc.wrap(pointer(appX).withByteOffset(1), 1, 1, f32))
                    .contains("not aligned"));
            // precision: float32 buffers, a float64 fit
            RfmRegressor f64 = new RfmRegressor(RfmParams.builder().iterations(1).precision(Precision.FLOAT64).build());
            String precision = refused(ErrorCode.INVALID_ARGUMENT, () -> jc.fit(f64, vx, vy));
            assertTrue(precision.contains("fit: x is " + f32 + " but the model computes in " + Precision.FLOAT64), precision);
            RfmRegressionModel model = jc.fit(new RfmRegressor(RfmParams.builder().iterations(1).build()), vx, vy);
            // shapes: output rows, query columns
            DeviceMatrix appOut = be.zeros(N, 1, f32);
            DeviceMatrix shortOut = jc.wrap(pointer(appOut), N - 1, 1, f32);
            assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> jc.predict(model, vx, shortOut))
                    .contains("wrap an output of that shape"));
            DeviceMatrix narrow = jc.wrap(pointer(appX), N, D - 1, f32);
            assertTrue(refused(ErrorCode.INVALID_DATA, () -> jc.predict(model, narrow, jc.wrap(pointer(appOut), N, 1, f32)))
                    .contains("fitted on " + D));
            DeviceMatrix out64 = jc.wrap(pointer(appOut), N / 2, 1, Precision.FLOAT64);
            assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> jc.predict(model, vx, out64))
                    .contains("the output is " + Precision.FLOAT64));
            // closed handles: a view, the adapter, the backend
            DeviceMatrix closedView = jc.wrap(pointer(appX), N, D, f32);
            closedView.close();
            assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> jc.predict(model, closedView, jc.wrap(pointer(appOut), N, 1, f32)))
                    .contains("was closed"));
            jc.close();
            assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> jc.wrap(pointer(appX), N, D, f32))
                    .contains("adapter is closed"));
            assertTrue(refused(ErrorCode.INVALID_ARGUMENT, () -> jc.fit(new RfmRegressor(RfmParams.builder().build()), vx, vy))
                    .contains("adapter is closed"));
            long address = DeviceAddresses.of(appX);
            JCudaRfm late = JCudaRfm.on(be, new FakeDriver());
            be.close();
            assertTrue(refused(ErrorCode.INVALID_ARGUMENT,
                    () -> late.wrap(new CUdeviceptr().withByteOffset(address), N, D, f32)).contains("backend is closed"));
        } finally {
            be.close();
        }
    }
}
