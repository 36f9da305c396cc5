// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

/**
 * Eigendecomposition of a symmetric matrix (double): Householder reduction to tridiagonal form, the
 * orthogonal factor accumulated backwards, then the implicit QL iteration of EISPACK's tql2. Unlike the
 * textbook code every O(n^3) loop runs along contiguous rows of distinct arrays (the matrix as an array
 * of rows, the reduction's matrix-vector product as a sum of rows, the eigenvectors stored as rows so a
 * plane rotation combines two rows), which C2 compiles to SIMD: at n = 784 it takes a fraction of
 * EJML's time (docs/BENCHMARKS.md). The O(n^3) passes run on the {@link Parallel} threads in row blocks
 * fixed by the size alone, so the result does not depend on the thread count.
 */
public final class SymmetricEigen_D {
    private SymmetricEigen_D() {
    }

    /** Most QL iterations spent on one eigenvalue before giving up (tql2 needs one or two). */
    private static final int MAX_ITERATIONS = 60;

    /** Eigenvalues (unsorted) and eigenvectors: {@code vectors[i]} is the unit eigenvector of {@code values[i]}. */
    public record Result(double[] values, double[][] vectors) {
    }

    /**
     * Decomposes the symmetric n x n row-major matrix {@code a} (only its lower triangle is read).
     *
     * @throws ArithmeticException when an entry is not finite or the iteration does not converge
     */
    public static Result decompose(double[] a, int n) {
        Gemm_D.check(a, (long) n * n, "a");
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = a[i * n + j];
                if (!Double.isFinite(v)) {
                    throw new ArithmeticException("entry (" + i + ", " + j + ") is " + v);
                }
                w[i][j] = v;
                w[j][i] = v;
            }
        }
        double[] diag = new double[n], off = new double[n], tau = new double[n];
        tridiagonalize(w, n, diag, off, tau);
        double[][] vt = transpose(formQ(w, n, tau), n);
        ql(diag, off, vt, n);
        return new Result(diag, vt);
    }

    /**
     * Reduces the full symmetric {@code w} to T = Q^T W Q with Householder reflectors H_k = I - tau_k v v^T
     * (v_0 = 1) acting on rows k+1..n-1: on return diag and off (off[k] couples k and k+1) hold T, and row
     * k of {@code w} holds v_k from column k+1 on. The reduction is bound by memory traffic, so each step's
     * rank-2 update and the next step's matrix-vector product share one pass over the rows (the next
     * reflector comes from the first updated row), split into row blocks fixed by the size alone so the
     * sums round the same on any number of threads.
     */
    private static void tridiagonalize(double[][] w, int n, double[] diag, double[] off, double[] tau) {
        if (n >= 3) {
            double[] v = new double[n], vn = new double[n], p = new double[n];
            double[][] part = new double[blocks(n)][n];
            reflector(w[0], 1, n, v, off, tau, 0);
            boolean pReady = false;
            for (int k = 0; k + 2 < n; k++) {
                int c0 = k + 1, m = n - c0;
                diag[k] = w[k][k];
                double t = tau[k];
                if (t != 0) {
                    if (!pReady) {
                        rowSum(w, c0, m, v, p, part);
                    }
                    double pv = 0;
                    for (int j = 0; j < m; j++) {
                        p[j] *= t;
                        pv += p[j] * v[j];
                    }
                    double half = 0.5 * t * pv;
                    for (int j = 0; j < m; j++) {
                        p[j] -= half * v[j]; // p is now the w of A22 <- A22 - v w^T - w v^T
                    }
                    double[] first = w[c0];
                    for (int j = 0; j < m; j++) {
                        first[c0 + j] -= v[0] * p[j] + p[0] * v[j];
                    }
                }
                boolean next = k + 3 < n;
                if (next) {
                    reflector(w[c0], c0 + 1, n, vn, off, tau, k + 1);
                }
                pReady = t != 0 && next && tau[k + 1] != 0;
                if (t != 0) {
                    updateRows(w, c0, m, v, p, pReady ? vn : null, part);
                    if (pReady) {
                        sumParts(part, blocks(m), p, m - 1);
                    }
                    double[] rk = w[k];
                    for (int j = 0; j < m; j++) {
                        rk[c0 + j] = v[j];
                    }
                }
                double[] swap = v;
                v = vn;
                vn = swap;
            }
        }
        if (n >= 2) {
            diag[n - 2] = w[n - 2][n - 2];
            off[n - 2] = w[n - 2][n - 1]; // the updated row (updateRows leaves column c0 of later rows stale)
        }
        if (n >= 1) {
            diag[n - 1] = w[n - 1][n - 1];
            off[n - 1] = 0;
        }
    }

    /**
     * The reflector H = I - tau v v^T with H x = (beta, 0, ..) for x = row[c0..n): v (v[0] = 1) into
     * {@code v}, tau into tau[k], beta into off[k]; tau = 0 and off[k] = x[0] when x is already (x0, 0, ..).
     */
    private static void reflector(double[] row, int c0, int n, double[] v, double[] off, double[] tau, int k) {
        int m = n - c0;
        double alpha = row[c0], scale = 0;
        for (int j = 1; j < m; j++) {
            scale = Math.max(scale, Math.abs(row[c0 + j]));
        }
        if (scale == 0) {
            off[k] = alpha;
            tau[k] = 0;
            return;
        }
        double ss = 0;
        for (int j = 1; j < m; j++) {
            double t = row[c0 + j] / scale;
            ss += t * t;
        }
        double as = alpha / scale;
        double beta = -Math.copySign(scale * Math.sqrt(as * as + ss), alpha);
        double inv = 1 / (alpha - beta);
        tau[k] = (beta - alpha) / beta;
        off[k] = beta;
        v[0] = 1;
        for (int j = 1; j < m; j++) {
            v[j] = row[c0 + j] * inv;
        }
    }

    /** Row blocks of an m-row pass: one below 192 rows (too little to share), else 64 rows each. */
    private static int blocks(int m) {
        return m < 192 ? 1 : (m + 63) / 64;
    }

    /** p[0..m) = sum_i v[i] w[c0 + i][c0..c0+m): the symmetric A22 times v as a sum of its rows. */
    private static void rowSum(double[][] w, int c0, int m, double[] v, double[] p, double[][] part) {
        int nb = blocks(m);
        Parallel.forEachTask(nb, new Parallel.TaskBody() {
            @Override
            public void run(int id, int b) {
                double[] acc = part[b];
                java.util.Arrays.fill(acc, 0, m, 0);
                for (int i = b * m / nb, end = (b + 1) * m / nb; i < end; i++) {
                    double vi = v[i];
                    double[] row = w[c0 + i];
                    for (int j = 0; j < m; j++) {
                        acc[j] += vi * row[c0 + j];
                    }
                }
            }
        });
        sumParts(part, nb, p, m);
    }

    /**
     * Rows c0+1..c0+m-1 of A22 -= v p^T + p v^T (columns c0+1 on: column c0 is never read again) and, when
     * {@code vn} is given, the next step's product: part[b][j] = sum over the block's rows of vn[i-1] times
     * the updated row's column c0+1+j.
     */
    private static void updateRows(double[][] w, int c0, int m, double[] v, double[] p, double[] vn, double[][] part) {
        int nb = blocks(m);
        Parallel.forEachTask(nb, new Parallel.TaskBody() {
            @Override
            public void run(int id, int b) {
                double[] acc = part[b];
                if (vn != null) {
                    java.util.Arrays.fill(acc, 0, m, 0);
                }
                for (int i = Math.max(1, b * m / nb), end = (b + 1) * m / nb; i < end; i++) {
                    double vi = v[i], pi = p[i];
                    double[] row = w[c0 + i];
                    if (vn == null) {
                        for (int j = 1; j < m; j++) {
                            row[c0 + j] -= vi * p[j] + pi * v[j];
                        }
                    } else {
                        double vni = vn[i - 1];
                        for (int j = 1; j < m; j++) {
                            double r = row[c0 + j] - (vi * p[j] + pi * v[j]);
                            row[c0 + j] = r;
                            acc[j - 1] += vni * r;
                        }
                    }
                }
            }
        });
    }

    /** out[0..len) = part[0] + part[1] + ... in block order. */
    private static void sumParts(double[][] part, int nb, double[] out, int len) {
        System.arraycopy(part[0], 0, out, 0, len);
        for (int b = 1; b < nb; b++) {
            double[] acc = part[b];
            for (int j = 0; j < len; j++) {
                out[j] += acc[j];
            }
        }
    }

    /** Q = H_0 H_1 ... H_{n-3}, accumulated from the right end by row operations (B <- H_k B). */
    private static double[][] formQ(double[][] w, int n, double[] tau) {
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            q[i][i] = 1;
        }
        double[] y = new double[n];
        for (int k = n - 3; k >= 0; k--) {
            double t = tau[k];
            if (t == 0) {
                continue;
            }
            double[] v = w[k];
            int c0 = k + 1;
            // rows and columns below c0 of B = H_{k+1}..H_{n-3} are the identity's
            java.util.Arrays.fill(y, c0, n, 0);
            for (int i = c0; i < n; i++) {
                double vi = v[i];
                double[] row = q[i];
                for (int j = c0; j < n; j++) {
                    y[j] += vi * row[j];
                }
            }
            for (int i = c0; i < n; i++) {
                double sv = t * v[i];
                double[] row = q[i];
                for (int j = c0; j < n; j++) {
                    row[j] -= sv * y[j];
                }
            }
        }
        return q;
    }

    private static double[][] transpose(double[][] q, int n) {
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = q[i][j];
            }
        }
        return t;
    }

    /**
     * tql2: diagonalises the tridiagonal (d, e) by implicit QL steps with Wilkinson-like shifts, applying
     * each plane rotation to rows i, i+1 of {@code vt} (the eigenvectors as rows). On return d holds the
     * eigenvalues. (Applying the logged rotations to cache-sized column blocks instead was 2.5x slower at
     * n = 784: C2 runs 64-element loops mostly in their scalar pre- and post-loops.)
     */
    private static void ql(double[] d, double[] e, double[][] vt, int n) {
        double f = 0, tst1 = 0, eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.abs(e[m]) > eps * tst1) {
                m++;
            }
            if (m > l) {
                int iter = 0;
                do {
                    if (++iter > MAX_ITERATIONS) {
                        throw new ArithmeticException("the QL iteration did not converge at eigenvalue " + l);
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = hypot(p, 1);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
                    double el1 = e[l + 1];
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        rotate(vt[i], vt[i + 1], c, s, n);
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0;
        }
    }

    /** (x, y) <- (c x - s y, s x + c y), element-wise. */
    private static void rotate(double[] x, double[] y, double c, double s, int n) {
        for (int k = 0; k < n; k++) {
            double xk = x[k], yk = y[k];
            y[k] = s * xk + c * yk;
            x[k] = c * xk - s * yk;
        }
    }

    /** sqrt(a^2 + b^2) without overflow, cheaper than Math.hypot's correctly rounded result. */
    private static double hypot(double a, double b) {
        a = Math.abs(a);
        b = Math.abs(b);
        double big = Math.max(a, b), small = Math.min(a, b);
        if (big == 0) {
            return 0;
        }
        double r = small / big;
        return big * Math.sqrt(1 + r * r);
    }
}
