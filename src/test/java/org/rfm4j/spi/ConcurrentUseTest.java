// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rfm4j.api.RfmClassificationModel;
import org.rfm4j.api.RfmClassifier;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmPredictor;
import org.rfm4j.api.RfmRegressionModel;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.cuda.GpuMachine;
import org.rfm4j.data.Matrix;

/**
 * One backend shared by 8 threads: each fits its own problem and predicts with it, all at once, while
 * 8 more threads predict with one shared model (each through its own predictor); every result is
 * checked against the same work done one call after another on the same backend. Backends are
 * thread-safe (the CPU backend's calls run side by side on its thread pool; the CUDA backend's take
 * turns under its lock); estimators and models are immutable; a predictor belongs to one thread.
 */
class ConcurrentUseTest {
    static final int THREADS = 8;
    /** Rounds of 8 + 8 threads; the emulated device, a thousand times slower, runs one (rfm4j.concurrent.rounds). */
    static final int ROUNDS = Integer.getInteger("rfm4j.concurrent.rounds", 3);

    @TestFactory
    Stream<DynamicTest> fitsAndPredictionsFromEightThreadsOnOneBackend() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BackendProvider p : Backends.providers()) {
            tests.add(DynamicTest.dynamicTest(p.name(), () -> run(p)));
        }
        return tests.stream();
    }

    /** Problem k: its own data (seed k), regression for even k, classification for odd. */
    record Problem(Matrix x, double[][] xRows, double[][] y, String[] labels, double[][] query) {
        static Problem of(int k) {
            Random r = new Random(100 + k);
            int n = 120, d = 5;
            double[][] x = new double[n][d], y = new double[n][1], q = new double[20][d];
            String[] labels = new String[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    x[i][j] = r.nextGaussian();
                }
                y[i][0] = x[i][0] * x[i][1] + 0.1 * k;
                labels[i] = x[i][0] * x[i][1] > 0 ? "pos" : "neg";
            }
            for (double[] row : q) {
                for (int j = 0; j < d; j++) {
                    row[j] = r.nextGaussian();
                }
            }
            return new Problem(Matrix.ofRows(x, "X"), x, y, labels, q);
        }
    }

    private static final RfmParams PARAMS = RfmParams.builder().iterations(2).precision(Precision.FLOAT64).build();

    /** Fits problem k on be and returns its predictions for the problem's queries, flattened. */
    static double[] fitAndPredict(ComputeBackend be, Problem p, int k) {
        if (k % 2 == 0) {
            RfmRegressionModel m = new RfmRegressor(PARAMS).fit(be, p.xRows(), p.y());
            return flatten(m.predict(be, p.query()));
        }
        RfmClassificationModel m = new RfmClassifier(PARAMS).fit(be, p.xRows(), p.labels());
        return flatten(m.predictProba(be, p.query()));
    }

    private static void run(BackendProvider provider) throws Exception {
        BackendProvider.Availability a = provider.probe();
        String required = provider.name().equals("cuda") ? GpuMachine.cudaRequiredBecause() : null;
        if (!a.available() && required != null) {
            fail(provider.name() + " backend unavailable although " + required + ": " + a.detail());
        }
        Assumptions.assumeTrue(a.available(), () -> provider.name() + " backend unavailable: " + a.detail());
        // the same arithmetic in the same order whichever thread asks, but not bit for bit: on the CPU,
        // Math.exp and pow give the last bit differently interpreted and JIT-compiled (a first, cold run
        // against later, warm ones; seen: 3e-14); a GPU's library may sum in another order from call to call
        double tol = provider.name().equals("cpu") ? 1e-12 : 1e-9;
        try (ComputeBackend be = provider.open()) {
            Problem[] problems = new Problem[THREADS];
            double[][] expected = new double[THREADS][];
            for (int k = 0; k < THREADS; k++) {
                problems[k] = Problem.of(k);
                expected[k] = fitAndPredict(be, problems[k], k);
            }
            RfmRegressionModel shared = new RfmRegressor(PARAMS).fit(be, problems[0].xRows(), problems[0].y());
            double[] sharedExpected = flatten(shared.predict(be, problems[1].query()));

            ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<double[]>> fits = new ArrayList<>();
                    List<Future<double[]>> predictions = new ArrayList<>();
                    for (int k = 0; k < THREADS; k++) {
                        int kk = k;
                        fits.add(pool.submit(() -> {
                            start.await();
                            return fitAndPredict(be, problems[kk], kk);
                        }));
                        predictions.add(pool.submit(() -> {
                            start.await();
                            try (RfmPredictor mine = shared.predictor(be)) {
                                return flatten(mine.predictRaw(problems[1].query()));
                            }
                        }));
                    }
                    start.countDown();
                    for (int k = 0; k < THREADS; k++) {
                        assertClose(expected[k], fits.get(k).get(10, TimeUnit.MINUTES), tol,
                                provider.name() + " round " + round + " thread " + k + " fit");
                        assertClose(sharedExpected, predictions.get(k).get(10, TimeUnit.MINUTES), tol,
                                provider.name() + " round " + round + " thread " + k + " shared model");
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            System.out.printf("concurrent use, %s: %d threads x %d rounds of fit + predict and %d x %d shared-model "
                    + "predictions on one backend; largest relative difference from one call after another %.1e%n",
                    provider.name(), THREADS, ROUNDS, THREADS, ROUNDS, worst);
        }
    }

    static double[] flatten(double[][] rows) {
        double[] out = new double[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }

    private static double worst;

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            worst = Math.max(worst, diff / Math.max(1, Math.abs(expected[i])));
            assertTrue(diff <= tol * Math.max(1, Math.abs(expected[i])), what + ": element " + i + " is "
                    + actual[i] + " but one call after another gave " + expected[i]);
        }
    }
}
