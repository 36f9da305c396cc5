// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The structure metrics of the grokking experiment (docs/EXPERIMENTS.md, grokking): the off-diagonal
 * p x p block of M, its discrete-log reordering for multiplication and division, the circulant
 * deviation and the alignment (plain cosine) of two matrices. All matrices are row-major arrays.
 */
public final class CirculantMetrics {
    private CirculantMetrics() {
    }

    /** Direction of the wrapped diagonals a deviation is measured along. */
    public enum Direction {
        /** Wrapped diagonals A[l, (j + l) mod k]: zero for a circulant matrix. */
        CIRCULANT,
        /** Wrapped anti-diagonals A[l, (j - l) mod k]: zero for a Hankel (anti-circulant) matrix. */
        HANKEL
    }

    /**
     * Circulant deviation of a k x k block A: shift row l cyclically by l so the wrapped diagonals
     * (anti-diagonals for {@link Direction#HANKEL}) become columns, S(A); then
     * D = sum_j sum_l (S_lj - mean_l S_lj)^2 / ||A||_F^2. 0 for an exact circulant (Hankel) block;
     * about 1 - 1/k for an unstructured one. NaN for a zero block (M_0 = I has one): no structure to measure.
     */
    public static double deviation(double[] a, int k, Direction dir) {
        if (a.length != k * k) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "circulant deviation: the block has " + a.length
                    + " entries, not " + k + " x " + k);
        }
        double norm = 0;
        for (double v : a) {
            norm += v * v;
        }
        if (norm == 0) {
            return Double.NaN;
        }
        double dev = 0;
        for (int j = 0; j < k; j++) {
            double mean = 0;
            for (int l = 0; l < k; l++) {
                mean += a[l * k + column(l, j, k, dir)];
            }
            mean /= k;
            for (int l = 0; l < k; l++) {
                double e = a[l * k + column(l, j, k, dir)] - mean;
                dev += e * e;
            }
        }
        return dev / norm;
    }

    private static int column(int l, int j, int k, Direction dir) {
        return dir == Direction.CIRCULANT ? (j + l) % k : ((j - l) % k + k) % k;
    }

    /** The smaller of the circulant and the Hankel deviation. */
    public static double deviation(double[] a, int k) {
        return Math.min(deviation(a, k, Direction.CIRCULANT), deviation(a, k, Direction.HANKEL));
    }

    /** The lower-left p x p block M[p + i, j] of a 2p x 2p matrix (the b-a coupling; C in [[A, C^T], [C, A]]). */
    public static double[] offDiagonalBlock(double[] m, int p) {
        int d = 2 * p;
        if (m.length != d * d) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "M has " + m.length + " entries, not (2p)^2 = " + d * d);
        }
        double[] b = new double[p * p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(m, (p + i) * d, b, i * p, p);
        }
        return b;
    }

    /** Reorders rows and columns: out[i, j] = a[order[i], order[j]] (a is k x k, out is order.length squared). */
    public static double[] reorder(double[] a, int k, int[] order) {
        int m = order.length;
        double[] out = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = a[order[i] * k + order[j]];
            }
        }
        return out;
    }

    /** True when p is prime. */
    public static boolean isPrime(int p) {
        if (p < 2) {
            return false;
        }
        for (int q = 2; (long) q * q <= p; q++) {
            if (p % q == 0) {
                return false;
            }
        }
        return true;
    }

    /** The smallest generator of the multiplicative group Z_p^* (p prime). */
    public static int smallestGenerator(int p) {
        if (!isPrime(p)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "p = " + p
                    + " is not prime, so Z_p^* has no generator: use a prime p such as 61");
        }
        if (p == 2) {
            return 1;
        }
        int phi = p - 1;
        java.util.List<Integer> factors = new java.util.ArrayList<>();
        int r = phi;
        for (int q = 2; q * q <= r; q++) {
            if (r % q == 0) {
                factors.add(q);
                while (r % q == 0) {
                    r /= q;
                }
            }
        }
        if (r > 1) {
            factors.add(r);
        }
        for (int g = 2; g < p; g++) {
            boolean gen = true;
            for (int q : factors) {
                if (powMod(g, phi / q, p) == 1) {
                    gen = false;
                    break;
                }
            }
            if (gen) {
                return g;
            }
        }
        throw new RfmException(ErrorCode.INTERNAL, "no generator found for prime " + p);
    }

    static long powMod(long b, long e, long m) {
        long r = 1;
        b %= m;
        while (e > 0) {
            if ((e & 1) == 1) {
                r = r * b % m;
            }
            b = b * b % m;
            e >>= 1;
        }
        return r;
    }

    /** The discrete-log order of 1..p-1 (0 dropped): order[k] = g^k mod p, g the smallest generator. */
    public static int[] discreteLogOrder(int p) {
        int g = smallestGenerator(p);
        int[] order = new int[p - 1];
        long v = 1;
        for (int k = 0; k < p - 1; k++) {
            order[k] = (int) v;
            v = v * g % p;
        }
        return order;
    }

    /** True for the tasks measured in the discrete-log order (mul, div). */
    public static boolean multiplicative(String task) {
        return task.equals("mul") || task.equals("div");
    }

    /**
     * The off-diagonal block of M as the experiment shows and measures it: reordered by discrete log
     * (0 dropped, size p - 1) for mul and div, as is (size p) otherwise.
     */
    public static double[] taskBlock(String task, double[] m, int p) {
        double[] b = offDiagonalBlock(m, p);
        return multiplicative(task) ? reorder(b, p, discreteLogOrder(p)) : b;
    }

    /** The circulant deviation of M for a task: of {@link #taskBlock}, the smaller of the two directions. */
    public static double taskDeviation(String task, double[] m, int p) {
        double[] b = taskBlock(task, m, p);
        return deviation(b, multiplicative(task) ? p - 1 : p);
    }

    /** Alignment rho(A, B) = &lt;A, B&gt;_F / (||A||_F ||B||_F) (plain cosine, no centring); NaN for a zero matrix. */
    public static double alignment(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "alignment of matrices with " + a.length + " and "
                    + b.length + " entries: pass matrices of one shape");
        }
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
