// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * {@link Scratch}: arrays are kept per thread and slot, grow, are not kept above the cap; and the scalar
 * kernels that use them give the same bits whatever an earlier call left in them.
 */
class ScratchTest {
    @Test
    void keepsPerSlotGrowsAndCaps() throws Exception {
        onFreshThread(ScratchTest::keepsPerSlot); // a thread whose scratch no other test filled
    }

    private static void onFreshThread(Runnable body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() instanceof Error) {
            throw (Error) failure.get();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    private static void keepsPerSlot() {
        float[] a = Scratch.floats(Scratch.Slot.GEMM_C, 100);
        assertSame(a, Scratch.floats(Scratch.Slot.GEMM_C, 50), "a smaller request reuses the kept array");
        assertNotSame(a, Scratch.floats(Scratch.Slot.GEMM_A, 50), "slots are separate");
        float[] b = Scratch.floats(Scratch.Slot.GEMM_C, 200);
        assertTrue(b.length >= 200);
        assertSame(b, Scratch.floats(Scratch.Slot.GEMM_C, 10), "the grown array is kept");

        double[] sameSlotDoubles = Scratch.doubles(Scratch.Slot.GEMM_C, 10);
        assertSame(b, Scratch.floats(Scratch.Slot.GEMM_C, 10), "float and double arrays of a slot are kept apart");
        assertSame(sameSlotDoubles, Scratch.doubles(Scratch.Slot.GEMM_C, 10));

        float[][] r = Scratch.floatRows(Scratch.Slot.GEMM_B, 4, 30);
        float[][] two = Scratch.floatRows(Scratch.Slot.GEMM_B, 8, 10);
        assertTrue(two.length >= 8 && two[7].length >= 10 && two[0].length >= 30,
                "rows grow one by one: the first four keep their 30 columns, the new ones get 10");
        assertEquals(10, two[7].length);
        assertSame(two, Scratch.floatRows(Scratch.Slot.GEMM_B, 4, 30), "both shapes are now served");
        assertSame(two, Scratch.floatRows(Scratch.Slot.GEMM_B, 8, 10));
        assertNotSame(r, Scratch.floatRows(Scratch.Slot.GEMM_B, 9, 10), "more rows: a longer table");

        double[][][] blocks = Scratch.doubleBlocks(Scratch.Slot.CHOL_PANEL, 2);
        blocks[1] = new double[3][4];
        assertSame(blocks, Scratch.doubleBlocks(Scratch.Slot.CHOL_PANEL, 1), "the table and what the caller stored are kept");
        assertEquals(3, Scratch.doubleBlocks(Scratch.Slot.CHOL_PANEL, 3)[1].length, "a longer table keeps the blocks");

        int over = (int) (Scratch.MAX_BYTES / Double.BYTES) + 1;
        double[] big = Scratch.doubles(Scratch.Slot.KERNEL_PANEL, over);
        assertNotSame(big, Scratch.doubles(Scratch.Slot.KERNEL_PANEL, over), "arrays over the cap are not kept");

        AtomicReference<float[]> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(Scratch.floats(Scratch.Slot.GEMM_C, 10)));
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertNotSame(b, other.get(), "each thread has its own arrays");
    }

    /** The scalar GEMM, SYRK, Cholesky and solves give the same bits after larger calls filled the scratch. */
    @Test
    void scalarKernelsIgnoreStaleScratch() throws Exception {
        Random rng = new Random(7);
        int n = 300, k = 37, c = 20;
        float[] a = gaussian(rng, n * k), b = gaussian(rng, k * n), spd = spd(rng, n), rhs = gaussian(rng, n * c);
        double[] ad = toDouble(a), bd = toDouble(b), spdd = toDouble(spd), rhsd = toDouble(rhs);
        AtomicReference<Object[]> fresh = new AtomicReference<>();
        Thread t = new Thread(() -> fresh.set(run(n, k, c, a, b, spd, rhs, ad, bd, spdd, rhsd)));
        t.start();
        t.join();
        // fill this thread's scratch with other values and shapes, then the same calls
        Random noise = new Random(1);
        int big = 700;
        run(big, 300, 40, gaussian(noise, big * 300), gaussian(noise, 300 * big), spd(noise, big),
                gaussian(noise, big * 40), toDouble(gaussian(noise, big * 300)), toDouble(gaussian(noise, 300 * big)),
                toDouble(spd(noise, big)), toDouble(gaussian(noise, big * 40)));
        Object[] again = run(n, k, c, a, b, spd, rhs, ad, bd, spdd, rhsd);
        for (int i = 0; i < again.length; i++) {
            if (again[i] instanceof float[]) {
                assertArrayEquals((float[]) fresh.get()[i], (float[]) again[i], "result " + i);
            } else {
                assertArrayEquals((double[]) fresh.get()[i], (double[]) again[i], "result " + i);
            }
        }
    }

    private static Object[] run(int n, int k, int c, float[] a, float[] b, float[] spd, float[] rhs, double[] ad,
                                double[] bd, double[] spdd, double[] rhsd) {
        Object[] out = new Object[8];
        try (Simd.Scope scalar = Simd.scope(false)) {
            float[] cf = new float[n * n];
            Gemm_F.gemm(false, false, n, n, k, 1.5f, a, b, 0f, cf);
            out[0] = cf;
            double[] cd = new double[n * n];
            Gemm_D.gemm(false, true, n, n, k, 1.5, ad, toDouble(transpose(b, k, n)), 0, cd);
            out[1] = cd;
            float[] sf = new float[k * k];
            Gemm_F.syrkLowerAccumulate(n, k, 1f, a, sf);
            out[2] = sf;
            double[] sd = new double[k * k];
            Gemm_D.syrkLowerAccumulate(n, k, 1, ad, sd);
            out[3] = sd;
            float[] lf = spd.clone();
            assertEquals(0, Cholesky_F.factor(lf, n));
            out[4] = lf;
            double[] ld = spdd.clone();
            assertEquals(0, Cholesky_D.factor(ld, n));
            out[5] = ld;
            float[] xf = rhs.clone();
            CholeskySolve_F.solve(lf, n, xf, c);
            out[6] = xf;
            double[] xd = rhsd.clone();
            CholeskySolve_D.solve(ld, n, xd, 1);
            out[7] = xd;
        }
        return out;
    }

    private static float[] gaussian(Random rng, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    /** X X^T / d + I for a random X: well conditioned, symmetric positive definite. */
    private static float[] spd(Random rng, int n) {
        int d = 16;
        float[] x = gaussian(rng, n * d);
        float[] m = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                float s = 0;
                for (int p = 0; p < d; p++) {
                    s += x[i * d + p] * x[j * d + p];
                }
                m[i * n + j] = s / d + (i == j ? 1 : 0);
                m[j * n + i] = m[i * n + j];
            }
        }
        return m;
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
