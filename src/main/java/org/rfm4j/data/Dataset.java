// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.data;

import java.util.Arrays;
import java.util.Random;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * A table of n rows held in memory: features and targets.
 *
 * <ul>
 *   <li>{@code x}: n*d features, row-major (row i is {@code x[i*d .. i*d+d)}).</li>
 *   <li>{@code y}: n*c numeric targets, row-major; null when a target column is not numeric
 *       (then {@code labels} holds the raw text and classification can use it).</li>
 *   <li>{@code labels}: one class label per row as text, or null. Readers set it when there is a
 *       single target column (its raw text); generators of one-hot classification targets set it to
 *       the class as text.</li>
 * </ul>
 * Arrays are shared, not copied: treat them as read-only. The constructor checks the shapes.
 *
 * @param name         a name for messages ("data" when null)
 * @param x            the features, n x d row-major
 * @param n            number of rows
 * @param d            number of features
 * @param featureNames one name per feature (x0, x1, ... when null)
 * @param y            the numeric targets, n x c row-major, or null
 * @param c            number of target columns
 * @param targetNames  one name per target column (y, or y0, y1, ... when null)
 * @param labels       one class label per row as text, or null
 */
public record Dataset(String name, double[] x, int n, int d, String[] featureNames,
                      double[] y, int c, String[] targetNames, String[] labels) {

    /**
     * Checks the shapes (a mismatch is an {@link ErrorCode#INVALID_DATA} error); a null name becomes "data", null
     * feature names x0, x1, ... and null target names y (one column) or y0, y1, ....
     */
    public Dataset {
        if (name == null) {
            name = "data";
        }
        if (n < 0 || d < 0 || c < 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, name + ": negative shape n=" + n + ", d=" + d
                    + ", c=" + c + ": pass sizes >= 0");
        }
        DataChecks.requireShape(x, n, d, name + " X");
        if (featureNames == null) {
            featureNames = defaultNames("x", d);
        } else if (featureNames.length != d) {
            throw new RfmException(ErrorCode.INVALID_DATA, name + ": " + featureNames.length
                    + " feature names for " + d + " feature columns: pass one name per column");
        }
        if (y != null) {
            DataChecks.requireShape(y, n, c, name + " y");
        }
        if (targetNames == null) {
            targetNames = c == 1 ? new String[] {"y"} : defaultNames("y", c);
        } else if (targetNames.length != c) {
            throw new RfmException(ErrorCode.INVALID_DATA, name + ": " + targetNames.length
                    + " target names for " + c + " target columns: pass one name per target column");
        }
        if (labels != null && labels.length != n) {
            throw new RfmException(ErrorCode.INVALID_DATA, name + ": " + labels.length
                    + " labels for " + n + " rows: pass one label per row");
        }
        if (y == null && labels == null && c > 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, name + ": " + c
                    + " target columns but neither numeric targets nor labels: pass y or labels");
        }
    }

    /** The features as a matrix (n x d). */
    public Matrix features() {
        return new Matrix(x, n, d);
    }

    /** The numeric targets as a matrix (n x c); null when the targets are text labels only. */
    public Matrix targets() {
        return y == null ? null : new Matrix(y, n, c);
    }

    /**
     * Whether the feature columns carry names of their own (a CSV header, or names a caller passed)
     * rather than the defaults x0, x1, ...
     */
    public boolean hasFeatureNames() {
        for (int j = 0; j < d; j++) {
            if (!featureNames[j].equals("x" + j)) {
                return true;
            }
        }
        return false;
    }

    /** A dataset with features only (for prediction input). */
    public static Dataset featuresOnly(String name, double[] x, int n, int d, String[] featureNames) {
        return new Dataset(name, x, n, d, featureNames, null, 0, new String[0], null);
    }

    static String[] defaultNames(String prefix, int k) {
        String[] names = new String[k];
        for (int i = 0; i < k; i++) {
            names[i] = prefix + i;
        }
        return names;
    }

    /** Feature value at row i, column j. */
    public double x(int i, int j) {
        return x[i * d + j];
    }

    /** A new dataset holding the given rows, in the given order (repeats allowed). */
    public Dataset rows(int[] index) {
        return rows(index, name);
    }

    /** As {@link #rows(int[])}, with a new name. */
    public Dataset rows(int[] index, String newName) {
        int m = index.length;
        double[] xs = new double[Math.multiplyExact(m, d)];
        double[] ys = y == null ? null : new double[Math.multiplyExact(m, c)];
        String[] ls = labels == null ? null : new String[m];
        for (int k = 0; k < m; k++) {
            int i = index[k];
            if (i < 0 || i >= n) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, name + ": row index " + i
                        + " is out of range 0.." + (n - 1) + ": pass indices of existing rows");
            }
            System.arraycopy(x, i * d, xs, k * d, d);
            if (ys != null) {
                System.arraycopy(y, i * c, ys, k * c, c);
            }
            if (ls != null) {
                ls[k] = labels[i];
            }
        }
        return new Dataset(newName, xs, m, d, featureNames, ys, c, targetNames, ls);
    }

    /**
     * Shuffles the rows with {@code seed} (reproducibly) and cuts them into train, validation and
     * test. A part with fraction 0 is null; a part with a positive fraction gets at least one row.
     */
    public Splits split(double valFraction, double testFraction, long seed) {
        checkFraction(valFraction, "validation fraction");
        checkFraction(testFraction, "test fraction");
        if (valFraction + testFraction >= 1.0) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "validation fraction " + valFraction
                    + " plus test fraction " + testFraction + " leaves nothing to train on: keep their sum below 1");
        }
        int nVal = partSize(valFraction);
        int nTest = partSize(testFraction);
        int nTrain = n - nVal - nTest;
        if (nTrain < 1) {
            throw new RfmException(ErrorCode.INVALID_DATA, name + " has " + n
                    + " rows, too few to split into train, validation and test: use more data or smaller fractions");
        }
        int[] perm = permutation(n, seed);
        Dataset train = rows(Arrays.copyOfRange(perm, 0, nTrain), name + "-train");
        Dataset val = nVal == 0 ? null : rows(Arrays.copyOfRange(perm, nTrain, nTrain + nVal), name + "-validation");
        Dataset test = nTest == 0 ? null : rows(Arrays.copyOfRange(perm, nTrain + nVal, n), name + "-test");
        return new Splits(train, val, test);
    }

    private int partSize(double fraction) {
        if (fraction == 0) {
            return 0;
        }
        return (int) Math.max(1, Math.round(fraction * n));
    }

    private static void checkFraction(double f, String what) {
        if (!(f >= 0 && f < 1)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, what + " is " + f + ": pass a value in [0, 1)");
        }
    }

    /** A reproducible random permutation of 0..n-1 (Fisher-Yates with java.util.Random). */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random rnd = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ": n=" + n + ", d=" + d + ", c=" + c
                + (y == null ? ", non-numeric targets" : "") + (labels != null ? ", labelled" : "") + "]";
    }
}
