// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.conv;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * ConvRFM: kernel ridge regression with the convolutional NTK ({@link ConvNtk}) on patch-expanded images
 * whose patches are transformed by a learned metric M. Each round: K_train and K_test ({@link ConvKernelBlocks}: on
 * the backend where it computes the convolutional kernel, else on the host) divided by max(K_train); alpha = (K_train + lambda I)^-1 Y (Cholesky on the backend); test predictions K_test alpha;
 * then the patch AGOP at the first s training images ({@link PatchAgop}) and M = AGOP^(1/2) / ||.||_F
 * (backend {@code psdPower}). M starts as the identity (the plain kernel).
 */
public final class ConvRfm {
    /** Test images per kernel block (bounds the memory of expanded test images). */
    private static final int TEST_BATCH = 128;

    private ConvRfm() {
    }

    /**
     * Runs {@code params.iterations()} rounds.
     *
     * @param train      training images, row-major {@code n x c h w}
     * @param y          targets, row-major {@code n x outputs} (one-hot)
     * @param test       test images, row-major
     * @param testLabels test classes (argmax of the target)
     * @param log        one line per round, or null
     */
    public static ConvRfmResult fit(ComputeBackend be, PatchGeometry g, ConvRfmParams params, double[] train, double[] y,
                                    int outputs, double[] test, int[] testLabels, PrintStream log) {
        int n = train.length / g.imageSize();
        int nTest = test.length / g.imageSize();
        if (n < 1 || n * g.imageSize() != train.length || nTest * g.imageSize() != test.length) {
            throw new RfmException(ErrorCode.INVALID_DATA, "image arrays must hold whole images of " + g.imageSize()
                    + " values (and at least one training image)");
        }
        if (y.length != n * outputs || testLabels.length != nTest) {
            throw new RfmException(ErrorCode.INVALID_DATA, "targets must be " + n + " x " + outputs + " and test labels "
                    + nTest + " long");
        }
        ConvNtk ntk = ConvNtk.of(g, params.depth());
        int[] trainLabels = argmaxRows(y, outputs);
        int s = Math.min(params.samples(), n);
        double[] metric = null;
        double[] agop = null;
        List<ConvRfmResult.Round> rounds = new ArrayList<>();
        for (int it = 0; it < params.iterations(); it++) {
            long t0 = System.nanoTime();
            try (ConvKernelBlocks blocks = ConvKernelBlocks.of(be, g, ntk, train, n, metric)) {
                double[] kTrain = blocks.trainKernel();
                double scale = 0;
                for (double v : kTrain) {
                    scale = Math.max(scale, v);
                }
                if (!(scale > 0) || !Double.isFinite(scale)) {
                    throw new RfmException(ErrorCode.NUMERICAL, "the training kernel's largest entry is " + scale
                            + ": the images are all zero or not finite");
                }
                double[] alpha = solve(be, kTrain, scale, params.lambda(), y, n, outputs);
                double[] trainPred = multiply(kTrain, alpha, n, n, outputs, scale);
                double[] testScore = testScore(blocks, test, testLabels, alpha, n, outputs, scale);
                int okTrain = 0;
                for (int i = 0; i < n; i++) {
                    okTrain += argmax(trainPred, i * outputs, outputs) == trainLabels[i] ? 1 : 0;
                }
                ConvRfmResult.Round round = new ConvRfmResult.Round(it, (double) okTrain / n, testScore[0], testScore[1],
                        (System.nanoTime() - t0) / 1e9);
                rounds.add(round);
                if (log != null) {
                    log.printf(Locale.ROOT, "  round %d%s: train accuracy %.4f, test accuracy %.4f, test mse %.4f (%.1f s)%n",
                            it, it == 0 ? " (plain kernel)" : "", round.trainAccuracy(), round.testAccuracy(),
                            round.testMse(), round.seconds());
                }
                if (it + 1 < params.iterations()) {
                    PatchFeatures sf = PatchFeatures.of(be, g, ntk, train, 0, s, metric);
                    agop = PatchAgop.compute(be, ntk, blocks.trainFeatures(), alpha, outputs, scale, sf, metric);
                }
            }
            if (it + 1 < params.iterations()) {
                metric = sqrtNormalised(be, agop, g.patchDim());
            }
        }
        return new ConvRfmResult(rounds, agop, metric);
    }

    /** {accuracy, mean squared error against the one-hot labels} of the predictions for the test images, in batches. */
    private static double[] testScore(ConvKernelBlocks blocks, double[] test, int[] testLabels, double[] alpha, int n,
                                      int outputs, double scale) {
        int nTest = testLabels.length;
        int ok = 0;
        double sse = 0;
        for (int b = 0; b < nTest; b += TEST_BATCH) {
            int e = Math.min(nTest, b + TEST_BATCH);
            double[] pred = multiply(blocks.against(test, b, e), alpha, e - b, n, outputs, scale);
            for (int i = 0; i < e - b; i++) {
                ok += argmax(pred, i * outputs, outputs) == testLabels[b + i] ? 1 : 0;
                for (int o = 0; o < outputs; o++) {
                    double d = pred[i * outputs + o] - (o == testLabels[b + i] ? 1 : 0);
                    sse += d * d;
                }
            }
        }
        return new double[] {(double) ok / nTest, sse / nTest};
    }

    /** M = AGOP^(1/2) / ||AGOP^(1/2)||_F. */
    static double[] sqrtNormalised(ComputeBackend be, double[] agop, int dim) {
        double[] root;
        try (DeviceMatrix a = be.upload(agop, dim, dim, Precision.FLOAT64); DeviceMatrix r = be.psdPower(a, 0.5)) {
            root = be.download(r);
        }
        double f = 0;
        for (double v : root) {
            f += v * v;
        }
        f = Math.sqrt(f);
        if (!(f > 0) || !Double.isFinite(f)) {
            throw new RfmException(ErrorCode.NUMERICAL, "the patch AGOP is zero or not finite (Frobenius norm of its root "
                    + f + "): the predictor is constant on the samples; raise --samples or --n-train");
        }
        for (int k = 0; k < root.length; k++) {
            root[k] /= f;
        }
        return root;
    }

    private static double[] solve(ComputeBackend be, double[] kTrain, double scale, double lambda, double[] y, int n,
                                  int outputs) {
        double[] k = kTrain.clone();
        for (int i = 0; i < k.length; i++) {
            k[i] /= scale;
        }
        try (DeviceMatrix km = be.upload(k, n, n, Precision.FLOAT64);
             DeviceMatrix b = be.upload(y, n, outputs, Precision.FLOAT64)) {
            be.addDiagonal(km, lambda);
            int info = be.choleskyFactor(km);
            if (info != 0) {
                throw new RfmException(ErrorCode.NUMERICAL, "K / max(K) + lambda I is not positive definite (leading minor "
                        + info + "): raise --lambda");
            }
            be.choleskySolve(km, b);
            return be.download(b);
        }
    }

    /** (K alpha) / scale for K rows x cols, alpha cols x outputs. */
    private static double[] multiply(double[] k, double[] alpha, int rows, int cols, int outputs, double scale) {
        double[] out = new double[rows * outputs];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = k[i * cols + j] / scale;
                for (int o = 0; o < outputs; o++) {
                    out[i * outputs + o] += v * alpha[j * outputs + o];
                }
            }
        }
        return out;
    }

    private static int argmax(double[] v, int offset, int len) {
        int best = 0;
        for (int o = 1; o < len; o++) {
            if (v[offset + o] > v[offset + best]) {
                best = o;
            }
        }
        return best;
    }

    private static int[] argmaxRows(double[] y, int outputs) {
        int n = y.length / outputs;
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = argmax(y, i * outputs, outputs);
        }
        return l;
    }
}
