// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded sampling and order statistics used by the RFM loop. */
public final class Sampling {
    private Sampling() {
    }

    /**
     * k distinct indices from [0, n), uniformly without replacement, sorted ascending (sorted rows
     * keep memory access in order); all of [0, n) when k &gt;= n.
     */
    public static int[] withoutReplacement(int n, int k, long seed) {
        if (k >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
        }
        int[] out = Arrays.copyOf(perm, k);
        Arrays.sort(out);
        return out;
    }

    /** The median of a[0..len) (mean of the two middle values for even len); reorders a. */
    public static double median(double[] a, int len) {
        if (len == 0) {
            return Double.NaN;
        }
        int mid = len / 2;
        double hi = select(a, len, mid);
        if (len % 2 == 1) {
            return hi;
        }
        double lo = a[0];
        for (int i = 1; i < mid; i++) {
            lo = Math.max(lo, a[i]);
        }
        return 0.5 * (lo + hi);
    }

    /** Quickselect: the k-th smallest of a[0..len); on return a[0..k) holds the smaller values. */
    static double select(double[] a, int len, int k) {
        int lo = 0, hi = len - 1;
        SplittableRandom rnd = new SplittableRandom(42);
        while (lo < hi) {
            double pivot = a[lo + rnd.nextInt(hi - lo + 1)];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    double t = a[i]; a[i] = a[j]; a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        return a[k];
    }
}
