// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.rfm4j.spi.Kernel;

/**
 * Vector API versions of the element-wise loops of {@link KernelPanels} and {@link CpuAgop}
 * (exp and sqrt are intrinsified, with SVML on x86). Loaded only when
 * {@link org.rfm4j.cpu.linalg.Simd#enabled()} (module jdk.incubator.vector present); the
 * arithmetic is the scalar loops' operation for operation, exp aside (SVML, within an ulp).
 */
final class VecElementwise {
    private VecElementwise() {
    }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** out[o + j] = sqrt(si + sqB[j] - 2 out[o + j]), 0 where that is not &gt; 0; j &lt; m. */
    static void l2FromCross(double si, double[] sqB, double[] out, int o, int m) {
        DoubleVector zero = DoubleVector.zero(S);
        int j = 0;
        int ub = S.loopBound(m);
        for (; j < ub; j += L) {
            DoubleVector x = DoubleVector.fromArray(S, out, o + j);
            DoubleVector r2 = DoubleVector.fromArray(S, sqB, j).add(si).sub(x.mul(2));
            zero.blend(r2.lanewise(VectorOperators.SQRT), r2.compare(VectorOperators.GT, 0)).intoArray(out, o + j);
        }
        for (; j < m; j++) {
            double r2 = si + sqB[j] - 2 * out[o + j];
            out[o + j] = r2 > 0 ? Math.sqrt(r2) : 0.0;
        }
    }

    /**
     * buf[i] = exp(-r^q / scale) for q = 1 or 2, r = buf[i], i &lt; len. The tail shorter than a vector
     * goes through a padded vector too, so an element's value never depends on its position.
     */
    static void expOfDistance(double[] buf, int len, int q, double inv) {
        int ub = S.loopBound(len);
        for (int i = 0; i < ub; i += L) {
            expBlock(buf, i, q, inv);
        }
        if (ub < len) {
            double[] t = new double[L];
            System.arraycopy(buf, ub, t, 0, len - ub);
            expBlock(t, 0, q, inv);
            System.arraycopy(t, 0, buf, ub, len - ub);
        }
    }

    private static void expBlock(double[] buf, int i, int q, double inv) {
        DoubleVector r = DoubleVector.fromArray(S, buf, i);
        DoubleVector e = q == 1 ? r.mul(-inv) : r.mul(r).mul(-inv);
        e.lanewise(VectorOperators.EXP).intoArray(buf, i);
    }

    /**
     * AGOP weights of an l2 kernel with q = 1 or 2 on w[o .. o + n): r -&gt; coef exp(-r^q / scale) r^(q - 2),
     * 0 where r &lt; {@link Kernel#COINCIDENT}; the tail through a padded vector as in {@link #expOfDistance}.
     */
    static void agopWeightsL2(double[] w, int o, int n, int q, double inv, double coef) {
        int ub = S.loopBound(n);
        for (int i = 0; i < ub; i += L) {
            weightsBlock(w, o + i, q, inv, coef);
        }
        if (ub < n) {
            double[] t = new double[L];
            java.util.Arrays.fill(t, 1.0);
            System.arraycopy(w, o + ub, t, 0, n - ub);
            weightsBlock(t, 0, q, inv, coef);
            System.arraycopy(t, 0, w, o + ub, n - ub);
        }
    }

    private static void weightsBlock(double[] w, int i, int q, double inv, double coef) {
        DoubleVector r = DoubleVector.fromArray(S, w, i);
        DoubleVector v;
        if (q == 1) {
            v = r.mul(-inv).lanewise(VectorOperators.EXP).mul(coef).mul(DoubleVector.broadcast(S, 1.0).div(r));
        } else {
            v = r.mul(r).mul(-inv).lanewise(VectorOperators.EXP).mul(coef);
        }
        v.blend(DoubleVector.zero(S), r.compare(VectorOperators.LT, Kernel.COINCIDENT)).intoArray(w, i);
    }
}
