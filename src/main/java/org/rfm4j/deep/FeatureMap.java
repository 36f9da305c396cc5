// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.deep;

import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/** The random nonlinearity that ends each Deep RFM layer. */
public enum FeatureMap {
    /** ReLU(x W^T), W (D x d) with entries uniform in +-1/sqrt(d). */
    RELU,
    /**
     * Random Fourier features of the Laplace kernel exp(-||t||_2 / L): sqrt(2/D) cos(x W^T + b), rows of W
     * multivariate Cauchy (w = z / (L |u|), z ~ N(0, I_d), u ~ N(0, 1)), b uniform in [0, 2 pi).
     */
    FOURIER;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FeatureMap parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "relu": return RELU;
            case "fourier": case "rff": return FOURIER;
            default:
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown feature map '" + s + "': use relu or fourier");
        }
    }
}
