// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Precision;

/**
 * Products of host row-major arrays computed by the backend's GEMM: the operands are uploaded, C = op(A)
 * op(B) is computed where the backend computes (the GPU when the backend is CUDA) and downloaded. The
 * network's elementwise steps stay on the host; every matrix product goes through here.
 */
final class HostGemm {
    private final ComputeBackend be;
    private final Precision precision;

    HostGemm(ComputeBackend be, Precision precision) {
        this.be = be;
        this.precision = precision;
    }

    /** op(A) op(B): A is ar x ac, B is br x bc (as stored); returns the rows x cols product. */
    double[] mul(boolean transA, boolean transB, double[] a, int ar, int ac, double[] b, int br, int bc) {
        int rows = transA ? ac : ar;
        int cols = transB ? br : bc;
        try (DeviceMatrix da = be.upload(a, ar, ac, precision); DeviceMatrix db = be.upload(b, br, bc, precision);
             DeviceMatrix dc = be.zeros(rows, cols, precision)) {
            be.gemm(transA, transB, 1.0, da, db, 0.0, dc);
            return be.download(dc);
        }
    }

    /** W^T K W for W (r x c) and symmetric K (r x r): c x c. */
    double[] sandwich(double[] w, int r, int c, double[] k) {
        double[] kw = mul(false, false, k, r, r, w, r, c);
        return mul(true, false, w, r, c, kw, r, c);
    }

    /** W^T W for W (r x c): c x c. */
    double[] gram(double[] w, int r, int c) {
        return mul(true, false, w, r, c, w, r, c);
    }

    /** The PSD square root of a symmetric n x n matrix (eigenvalues below 0 set to 0), on the backend. */
    double[] psdSqrt(double[] sym, int n) {
        try (DeviceMatrix d = be.upload(sym, n, n, precision); DeviceMatrix r = be.psdPower(d, 0.5)) {
            return be.download(r);
        }
    }
}
