// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import java.util.Locale;
import java.util.function.Consumer;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.ComputeBackend;
import org.rfm4j.spi.DeviceMatrix;
import org.rfm4j.spi.Kernel;

/**
 * The kernel ridge solve shared by the RFM trainer and Deep RFM: Cholesky of K + reg I first; when
 * it fails, rebuild K and retry with jitter (1e-6, 1e-4, 1e-2 x the largest absolute row sum of K)
 * added to the diagonal, reporting every retry; never silently.
 */
public final class KernelRidge {
    /** Jitter retries, as multiples of the largest absolute row sum of K. */
    static final double[] JITTER = {1e-6, 1e-4, 1e-2};

    private KernelRidge() {
    }

    /**
     * Factors K + reg I in place. On entry {@code k} holds k(u, u) (at least its lower triangle);
     * on return it holds the Cholesky factor. {@code where} prefixes the notes ("iteration 3").
     *
     * @return the jitter that was added on top of reg (0 when the first factorisation succeeded)
     * @throws RfmException NUMERICAL when the last retry fails too
     */
    public static double factorWithJitter(ComputeBackend be, Kernel kernel, DeviceMatrix u, DeviceMatrix k, double reg,
                                          String where, Consumer<String> note) {
        be.addDiagonal(k, reg);
        int info = be.choleskyFactor(k);
        double jitter = 0;
        for (int attempt = 0; info != 0; attempt++) {
            if (attempt == JITTER.length) {
                throw new RfmException(ErrorCode.NUMERICAL, where + ": Cholesky failed even with jitter " + jitter
                        + " (leading minor " + info + " not positive definite): raise reg (now " + reg
                        + "), use float64 precision, or remove duplicated rows");
            }
            be.kernelMatrix(kernel, u, u, k);
            jitter = JITTER[attempt] * be.maxAbsRowSum(k);
            note.accept(where + ": Cholesky failed at leading minor " + info + "; retrying with jitter "
                    + String.format(Locale.ROOT, "%.3g", jitter) + " added to the diagonal");
            be.addDiagonal(k, reg + jitter);
            info = be.choleskyFactor(k);
        }
        return jitter;
    }
}
