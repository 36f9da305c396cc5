// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import java.util.Arrays;
import java.util.Random;

/**
 * Prints GFLOP/s (median of 3 runs after a warm-up) of the CPU kernels and the active path
 * ({@link Simd#describe()}; add {@code --add-modules jdk.incubator.vector} for the vector path):
 * {@code java -cp target/classes:target/test-classes org.rfm4j.cpu.linalg.LinalgBench [what...]}
 * where what is any of chol, solve, gemm (default all). Thread count from {@code -Drfm4j.cpu.threads}.
 * A developer tool kept with the tests (it is not part of the library); the figures are in
 * docs/BENCHMARKS.md.
 */
public final class LinalgBench {
    private LinalgBench() {
    }

    public static void main(String[] args) {
        String what = args.length == 0 ? "chol solve gemm" : String.join(" ", args);
        System.out.println("threads=" + Parallel.threads() + " path=" + Simd.describe());
        if (what.contains("chol")) {
            for (int n : new int[] {2000, 4000}) {
                double[] spd = spd(n, 1);
                float[] spdF = toFloat(spd);
                double[] work = new double[n * n];
                float[] workF = new float[n * n];
                double flops = n * (double) n * n / 3;
                report("cholesky double n=" + n, flops, () -> {
                    System.arraycopy(spd, 0, work, 0, work.length);
                    check(Cholesky_D.factor(work, n));
                });
                report("cholesky float  n=" + n, flops, () -> {
                    System.arraycopy(spdF, 0, workF, 0, workF.length);
                    check(Cholesky_F.factor(workF, n));
                });
            }
        }
        if (what.contains("solve")) {
            int n = 4000;
            double[] l = spd(n, 2);
            check(Cholesky_D.factor(l, n));
            float[] lf = spdF(n);
            for (int c : new int[] {1, 10, 100}) {
                double[] b = new double[n * c];
                float[] bf = new float[n * c];
                double flops = 2.0 * n * n * c;
                report("solve double n=" + n + " c=" + c, flops, () -> {
                    Arrays.fill(b, 1.0);
                    CholeskySolve_D.solve(l, n, b, c);
                });
                report("solve float  n=" + n + " c=" + c, flops, () -> {
                    Arrays.fill(bf, 1.0f);
                    CholeskySolve_F.solve(lf, n, bf, c);
                });
            }
        }
        if (what.contains("gemm")) {
            int n = 2000;
            Random r = new Random(3);
            double[] a = new double[n * n];
            double[] b = new double[n * n];
            double[] c = new double[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextDouble();
                b[i] = r.nextDouble();
            }
            float[] af = toFloat(a);
            float[] bf = toFloat(b);
            float[] cf = new float[n * n];
            double flops = 2.0 * n * n * n;
            report("gemm double 2000^3", flops, () -> Gemm_D.gemm(false, false, n, n, n, 1.0, a, b, 0.0, c));
            report("gemm float  2000^3", flops, () -> Gemm_F.gemm(false, false, n, n, n, 1.0f, af, bf, 0.0f, cf));
            report("syrk double 2000x2000", (double) n * n * n, () -> Gemm_D.syrkLowerAccumulate(n, n, 1.0, a, c));
        }
    }

    private static float[] spdF(int n) {
        float[] l = toFloat(spd(n, 2));
        check(Cholesky_F.factor(l, n));
        return l;
    }

    private static void check(int info) {
        if (info != 0) {
            throw new IllegalStateException("not positive definite: " + info);
        }
    }

    private static void report(String name, double flops, Runnable r) {
        long w0 = System.nanoTime();
        for (int i = 0; i < 3 || (i < 50 && System.nanoTime() - w0 < 2_000_000_000L); i++) {
            r.run(); // warm-up: at least 3 runs and 2 s, until C2 has compiled the kernels
        }
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) * 1e-9;
        }
        Arrays.sort(t);
        System.out.printf("%-32s %8.3f s %8.2f GFLOP/s%n", name, t[1], flops / t[1] * 1e-9);
    }

    /** Random SPD matrix: G G^T / n + I with G uniform in [-1, 1) (built by {@link Gemm_D}). */
    static double[] spd(int n, long seed) {
        Random r = new Random(seed);
        double[] g = new double[n * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = 2 * r.nextDouble() - 1;
        }
        double[] a = new double[n * n];
        Gemm_D.gemm(false, true, n, n, n, 1.0 / n, g, g, 0.0, a);
        for (int i = 0; i < n; i++) {
            a[i * n + i] += 1.0;
        }
        return a;
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
