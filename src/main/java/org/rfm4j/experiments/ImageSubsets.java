// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Matrix;
import org.rfm4j.io.ImageSet;

/** Class-balanced, standardised subsets of an image set, as the image experiments draw them. */
public final class ImageSubsets {
    private ImageSubsets() {
    }

    /** A standardised, class-balanced subset: the images as rows (n x d), labels in 0..k-1. */
    public record Subset(Matrix x, int[] labels, int k) {
        public int n() {
            return x.rows();
        }

        public int d() {
            return x.cols();
        }
    }

    /**
     * Draws (seeded) a class-balanced training subset of n and a disjoint held-out subset of nTest (null
     * when 0), pixels scaled to [0, 1] then standardised per coordinate with the training subset's mean
     * and standard deviation (constant coordinates become 0). Remainders of n / K go to the lowest
     * classes. Returns {train, heldOut}.
     */
    public static Subset[] balancedStandardised(ImageSet images, int n, int nTest, long seed) {
        int k = Arrays.stream(images.labels()).max().orElse(-1) + 1;
        if (k < 2) {
            throw new RfmException(ErrorCode.INVALID_DATA, "the data set has fewer than 2 classes");
        }
        List<List<Integer>> byClass = indicesByClass(images, k);
        SplittableRandom rng = new SplittableRandom(seed);
        for (List<Integer> list : byClass) {
            for (int i = list.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                Integer t = list.get(i);
                list.set(i, list.get(j));
                list.set(j, t);
            }
        }
        int[][] idx = balancedIndices(byClass, n, nTest, "--n");
        int[] trainIdx = idx[0];
        int[] testIdx = idx[1];
        int d = images.dim();
        double[] x = pixels(images, trainIdx);
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                mean[a] += x[i * d + a] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double t = x[i * d + a] - mean[a];
                sd[a] += t * t / n;
            }
        }
        for (int a = 0; a < d; a++) {
            sd[a] = Math.sqrt(sd[a]);
        }
        Subset train = new Subset(new Matrix(standardise(x, n, d, mean, sd), n, d), labels(images, trainIdx), k);
        Subset test = nTest == 0 ? null : new Subset(new Matrix(standardise(pixels(images, testIdx), nTest, d, mean, sd),
                nTest, d), labels(images, testIdx), k);
        return new Subset[] {train, test};
    }

    private static double[] pixels(ImageSet images, int[] idx) {
        int d = images.dim();
        double[] x = new double[idx.length * d];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(images.normalized(idx[i]), 0, x, i * d, d);
        }
        return x;
    }

    private static int[] labels(ImageSet images, int[] idx) {
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            l[i] = images.labels()[idx[i]];
        }
        return l;
    }

    private static double[] standardise(double[] x, int n, int d, double[] mean, double[] sd) {
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                x[i * d + a] = sd[a] > 1e-12 ? (x[i * d + a] - mean[a]) / sd[a] : 0;
            }
        }
        return x;
    }

    /** The indices of each class's images, in file order: list c holds those labelled c, for c in 0..k-1. */
    public static List<List<Integer>> indicesByClass(ImageSet images, int k) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < images.n(); i++) {
            byClass.get(images.labels()[i]).add(i);
        }
        return byClass;
    }

    /**
     * Takes a class-balanced draw from per-class index lists already shuffled by the caller: the first
     * nTrain / K (remainders to the lowest classes) of each class for training, the next nTest / K for
     * test, in class order. Returns {train, test}; fails, naming the option nTrainOption, when a class has
     * too few images.
     */
    public static int[][] balancedIndices(List<List<Integer>> byClass, int nTrain, int nTest, String nTrainOption) {
        int k = byClass.size();
        int[] trainIdx = new int[nTrain];
        int[] testIdx = new int[nTest];
        int ti = 0, vi = 0;
        for (int c = 0; c < k; c++) {
            int want = nTrain / k + (c < nTrain % k ? 1 : 0);
            int wantTest = nTest / k + (c < nTest % k ? 1 : 0);
            List<Integer> list = byClass.get(c);
            if (list.size() < want + wantTest) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "class " + c + " has " + list.size()
                        + " images, fewer than the " + (want + wantTest) + " a balanced draw needs: lower "
                        + nTrainOption + " or --n-test");
            }
            for (int i = 0; i < want; i++) {
                trainIdx[ti++] = list.get(i);
            }
            for (int i = 0; i < wantTest; i++) {
                testIdx[vi++] = list.get(want + i);
            }
        }
        return new int[][] {trainIdx, testIdx};
    }
}
