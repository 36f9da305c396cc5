// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * A radial kernel of a learned distance, in the one family every kernel of docs/ALGORITHM.md belongs to:
 *
 * <pre>  k(x, z) = exp(-||t||_p^q / scale),   t = S (z - x),   scale = L^q  (gaussian: 2 L^2)</pre>
 *
 * laplace is (p = 2, q = 1); the exponent family is (p = 2, q in (0, 2]); gaussian is (p = 2, q = 2)
 * with scale 2 L^2; Lpq is 0 &lt; q &lt;= p &lt;= 2; product Laplace is p = q (the exponential of a
 * sum of per-coordinate terms is the product of per-coordinate Laplace kernels).
 *
 * <p>Gradient in z, in u = S z coordinates, with r = ||t||_p:
 * <pre>  d k / d t_a = w(r) * |t_a|^(p-1) sign(t_a),   w(r) = -(q / scale) k r^(q-p)</pre>
 * For p = 2 this is w(r) t. Coincident points (r &lt; {@link #COINCIDENT}) get weight 0, as do
 * pairs masked by index. An immutable value.
 *
 * @param type      the kernel family
 * @param p         the norm power p, in (0, 2]
 * @param q         the exponent q, in (0, p]
 * @param bandwidth the bandwidth L, positive and finite
 */
public record Kernel(Type type, double p, double q, double bandwidth) {

    /** Distances below this count as coincident points: their gradient term is omitted. */
    public static final double COINCIDENT = 1e-10;

    /** The kernel families; {@link #cliName()} is the name users type. */
    public enum Type {
        /** exp(-||t||_2 / L): p = 2, q = 1. */
        LAPLACE,
        /** exp(-||t||_2^q / L^q): p = 2, q in (0, 2]. */
        EXPONENTIAL,
        /** exp(-||t||_2^2 / (2 L^2)): p = 2, q = 2. */
        GAUSSIAN,
        /** exp(-||t||_p^q / L^q): 0 &lt; q &lt;= p &lt;= 2. */
        LPQ,
        /** The product of per-coordinate Laplace kernels: p = q. */
        PRODUCT_LAPLACE;

        /** The name in lower case, as users type it ("laplace", "product_laplace"). */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Validates the parameters: a non-null type, a positive finite bandwidth, p and q in (0, 2] and q &lt;= p; anything
     * else is an {@link RfmException} with {@link ErrorCode#INVALID_ARGUMENT}.
     */
    public Kernel {
        if (type == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "kernel type is null");
        }
        if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT,
                    "bandwidth must be a positive finite number, got " + bandwidth);
        }
        if (!(q > 0 && q <= 2)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "kernel exponent q must be in (0, 2], got " + q);
        }
        if (!(p > 0 && p <= 2)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "kernel norm power p must be in (0, 2], got " + p);
        }
        if (q > p) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT,
                    "kernel needs q <= p (got q = " + q + ", p = " + p + "): Lpq kernels are positive definite only for q <= p");
        }
    }

    /** The Laplace kernel of bandwidth L (p = 2, q = 1). */
    public static Kernel laplace(double bandwidth) {
        return new Kernel(Type.LAPLACE, 2, 1, bandwidth);
    }

    /** The exponential kernel of exponent q in (0, 2] and bandwidth L (p = 2). */
    public static Kernel exponential(double q, double bandwidth) {
        return new Kernel(Type.EXPONENTIAL, 2, q, bandwidth);
    }

    /** The Gaussian kernel of bandwidth L (p = q = 2, scale 2 L^2). */
    public static Kernel gaussian(double bandwidth) {
        return new Kernel(Type.GAUSSIAN, 2, 2, bandwidth);
    }

    /** The Lpq kernel, 0 &lt; q &lt;= p &lt;= 2, of bandwidth L. */
    public static Kernel lpq(double p, double q, double bandwidth) {
        return new Kernel(Type.LPQ, p, q, bandwidth);
    }

    /** The product Laplace kernel of exponent q (p = q) and bandwidth L. */
    public static Kernel productLaplace(double q, double bandwidth) {
        return new Kernel(Type.PRODUCT_LAPLACE, q, q, bandwidth);
    }

    /**
     * Builds a kernel from its CLI name: laplace, exponential (q), gaussian, lpq (p, q),
     * product_laplace (q). Parameters a kernel does not take are ignored.
     */
    public static Kernel of(String name, double bandwidth, double p, double q) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (n) {
            case "laplace": case "laplacian": return laplace(bandwidth);
            case "exponential": case "exp": return exponential(q, bandwidth);
            case "gaussian": case "rbf": return gaussian(bandwidth);
            case "lpq": case "lpq_laplace": return lpq(p, q, bandwidth);
            case "product_laplace": case "product": return productLaplace(q, bandwidth);
            default:
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown kernel '" + name
                        + "': use laplace, exponential, gaussian, lpq or product_laplace");
        }
    }

    /** The same kernel with another bandwidth (adaptive bandwidth). */
    public Kernel withBandwidth(double l) {
        return new Kernel(type, p, q, l);
    }

    /** True when the distance is Euclidean, so kernel matrices have GEMM structure. */
    public boolean isL2() {
        return p == 2.0;
    }

    /** The divisor of r^q in the exponent: L^q, or 2 L^2 for the gaussian. */
    public double scale() {
        return type == Type.GAUSSIAN ? 2 * bandwidth * bandwidth : Math.pow(bandwidth, q);
    }

    /** k as a function of the p-norm distance r. */
    public double value(double r) {
        return Math.exp(-pow(r, q) / scale());
    }

    /** x^e with fast paths for the exponents that occur (1, 2, 0, -1, 0.5). */
    public static double pow(double x, double e) {
        if (e == 1) return x;
        if (e == 2) return x * x;
        if (e == 0) return 1;
        if (e == -1) return 1 / x;
        if (e == 0.5) return Math.sqrt(x);
        return Math.pow(x, e);
    }

    /** |t|^(p-1) sign(t), defined as 0 at t = 0 for every p (never NaN). */
    public double signedPower(double t) {
        if (t == 0) return 0;
        if (p == 2) return t;
        double a = pow(Math.abs(t), p - 1);
        return t > 0 ? a : -a;
    }

    @Override
    public String toString() {
        switch (type) {
            case LAPLACE: case GAUSSIAN: return type.cliName() + "(L=" + bandwidth + ")";
            case EXPONENTIAL: case PRODUCT_LAPLACE: return type.cliName() + "(q=" + q + ", L=" + bandwidth + ")";
            default: return "lpq(p=" + p + ", q=" + q + ", L=" + bandwidth + ")";
        }
    }
}
