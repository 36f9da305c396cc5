// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tree;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Matrix;

/** Unit split directions: the top eigenvector of a feature matrix, or of the data's covariance. */
final class SplitDirections {
    private SplitDirections() {
    }

    /** The top eigenvector of M (d x d), or the unit vector of M's largest entry when M is diagonal. */
    static double[] top(double[] m, int d, boolean diagonal) {
        if (diagonal) {
            int best = 0;
            for (int a = 1; a < d; a++) {
                if (m[a] > m[best]) {
                    best = a;
                }
            }
            double[] v = new double[d];
            v[best] = 1;
            return v;
        }
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s.set(i, j, 0.5 * (m[i * d + j] + m[j * d + i]));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(s)) {
            throw new RfmException(ErrorCode.NUMERICAL, "the eigendecomposition of a " + d + " x " + d
                    + " split matrix did not converge");
        }
        int best = 0;
        for (int e = 1; e < d; e++) {
            if (eig.getEigenvalue(e).getReal() > eig.getEigenvalue(best).getReal()) {
                best = e;
            }
        }
        DMatrixRMaj v = eig.getEigenVector(best);
        double[] out = new double[d];
        for (int a = 0; a < d; a++) {
            out[a] = v.get(a);
        }
        return canonical(out);
    }

    /** The top principal direction of the rows of x (the covariance's top eigenvector); e_0 when x is constant. */
    static double[] principal(Matrix x) {
        int n = x.rows(), d = x.cols();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                mean[a] += x.get(i, a) / n;
            }
        }
        double[] cov = new double[d * d];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double da = x.get(i, a) - mean[a];
                for (int b = 0; b < d; b++) {
                    cov[a * d + b] += da * (x.get(i, b) - mean[b]);
                }
                any |= da != 0;
            }
        }
        if (!any) {
            double[] v = new double[d];
            v[0] = 1;
            return v;
        }
        return top(cov, d, false);
    }

    /** Unit length, and its largest-magnitude entry positive: one direction for a line, on every machine. */
    static double[] canonical(double[] v) {
        double norm = 0;
        int big = 0;
        for (int a = 0; a < v.length; a++) {
            norm += v[a] * v[a];
            if (Math.abs(v[a]) > Math.abs(v[big])) {
                big = a;
            }
        }
        double scale = (v[big] < 0 ? -1 : 1) / Math.sqrt(norm);
        double[] out = new double[v.length];
        for (int a = 0; a < v.length; a++) {
            out[a] = v[a] * scale;
        }
        return out;
    }
}
