// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.data;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Built-in synthetic datasets (no downloads). Every generator is deterministic in its seed
 * ({@link java.util.Random}, whose algorithm Java specifies, so results match across JVMs).
 */
public final class Builtins {
    /** Default training rows of lowrank (spec key n). */
    public static final int LOWRANK_N = 4000;
    /** Default features d of lowrank (spec key d). */
    public static final int LOWRANK_D = 20;
    /** Default validation rows of lowrank (spec key val). */
    public static final int LOWRANK_VAL = 1000;
    /** Default test rows of lowrank (spec key test). */
    public static final int LOWRANK_TEST = 2000;
    /** Default modulus p of modular (spec key p), as in the paper. */
    public static final int MODULAR_P = 61;
    /** Default training fraction r of modular (spec key r), as in the paper. */
    public static final double MODULAR_R = 0.5;
    /** Names accepted by {@link #byName(String, long)}. */
    public static final Set<String> NAMES = Set.of("lowrank", "modular");

    private Builtins() {
    }

    /** The default low-rank problem of docs/ALGORITHM.md: 4000 train, 1000 validation, 2000 test, d = 20. */
    public static Splits lowrank(long seed) {
        return lowrank(LOWRANK_N, LOWRANK_VAL, LOWRANK_TEST, LOWRANK_D, seed);
    }

    /** {@link #lowrank(int, int, int, int, long)} with 1000 validation and 2000 test points. */
    public static Splits lowrank(int nTrain, int d, long seed) {
        return lowrank(nTrain, LOWRANK_VAL, LOWRANK_TEST, d, seed);
    }

    /**
     * The low-rank example of docs/ALGORITHM.md ("Numbers to reproduce"):
     * X ~ N(0, 0.5^2 I) in R^d, y = x0 * x1 * 1[x5 > 0]. Train, validation and test are drawn in that
     * order from one generator. The population target variance is 0.25 * 0.25 * 0.5 = 0.03125 (mean 0).
     * A size of 0 for validation or test leaves that part null.
     */
    public static Splits lowrank(int nTrain, int nVal, int nTest, int d, long seed) {
        if (d < 6) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "lowrank needs d >= 6 (the target uses features 0, 1 and 5)"
                    + " but d = " + d + ": pass d >= 6");
        }
        if (nTrain < 1 || nVal < 0 || nTest < 0) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "lowrank sizes train=" + nTrain + ", validation=" + nVal
                    + ", test=" + nTest + " are invalid: pass train >= 1 and validation, test >= 0");
        }
        long most = Math.max(nTrain, Math.max(nVal, nTest));
        if (most * d > DataChecks.MAX_ARRAY_ELEMENTS) {
            throw new RfmException(ErrorCode.OUT_OF_MEMORY, "lowrank with " + most + " rows x d = " + d
                    + " is more values than one Java array holds: use fewer rows or features");
        }
        Random rnd = new Random(seed);
        Dataset train = lowrankPart("lowrank-train", nTrain, d, rnd);
        Dataset val = nVal == 0 ? null : lowrankPart("lowrank-validation", nVal, d, rnd);
        Dataset test = nTest == 0 ? null : lowrankPart("lowrank-test", nTest, d, rnd);
        return new Splits(train, val, test);
    }

    private static Dataset lowrankPart(String name, int n, int d, Random rnd) {
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                x[o + j] = 0.5 * rnd.nextGaussian();
            }
            y[i] = x[o + 5] > 0 ? x[o] * x[o + 1] : 0.0;
        }
        return new Dataset(name, x, n, d, null, y, 1, new String[] {"y"}, null);
    }

    /**
     * Modular arithmetic over Z_p (docs/EXPERIMENTS.md, grokking): all p^2 pairs (a, b), or the
     * p(p-1) pairs with b != 0 for division; input e_a (+) e_b in R^(2p); target the one-hot of
     * {@code a op b mod p} in R^p (c = p) with labels the class integer as text. Random split with
     * training fraction {@code trainFraction} (floor(r * pairs) training rows), the rest is the test set; no validation set.
     *
     * @param op one of add, sub, mul, div (div needs p prime)
     */
    public static Splits modular(String op, int p, double trainFraction, long seed) {
        String o = op == null ? "" : op.toLowerCase(Locale.ROOT);
        if (!o.equals("add") && !o.equals("sub") && !o.equals("mul") && !o.equals("div")) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown modular operation '" + op
                    + "': use add, sub, mul or div");
        }
        if (p < 2 || p > 1000) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "modular p = " + p
                    + " is out of range: use 2 <= p <= 1000 (the paper uses 61)");
        }
        if (o.equals("div") && !isPrime(p)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "modular division needs a prime p (every b != 0 must "
                    + "have an inverse) but p = " + p + ": use a prime such as 61");
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "modular training fraction r = " + trainFraction
                    + " is out of range: use 0 < r < 1 (the paper uses 0.5)");
        }
        int bStart = o.equals("div") ? 1 : 0;
        int n = p * (p - bStart);
        int d = 2 * p;
        double[] x = new double[n * d];
        double[] y = new double[n * p];
        String[] labels = new String[n];
        int i = 0;
        for (int a = 0; a < p; a++) {
            for (int b = bStart; b < p; b++, i++) {
                int t = apply(o, a, b, p);
                x[i * d + a] = 1.0;
                x[i * d + p + b] = 1.0;
                y[i * p + t] = 1.0;
                labels[i] = Integer.toString(t);
            }
        }
        String[] fnames = new String[d];
        String[] tnames = new String[p];
        for (int k = 0; k < p; k++) {
            fnames[k] = "a" + k;
            fnames[p + k] = "b" + k;
            tnames[k] = Integer.toString(k);
        }
        String name = "modular-" + o + "-p" + p;
        Dataset all = new Dataset(name, x, n, d, fnames, y, p, tnames, labels);
        int nTrain = (int) Math.floor(trainFraction * n); // floor: p = 61, r = 0.5 gives the paper's n = 1860
        nTrain = Math.max(1, Math.min(n - 1, nTrain));
        int[] perm = Dataset.permutation(n, seed);
        int[] tr = java.util.Arrays.copyOfRange(perm, 0, nTrain);
        int[] te = java.util.Arrays.copyOfRange(perm, nTrain, n);
        return new Splits(all.rows(tr, name + "-train"), null, all.rows(te, name + "-test"));
    }

    /** a op b mod p, in 0..p-1. */
    public static int apply(String op, int a, int b, int p) {
        switch (op) {
            case "add": return (a + b) % p;
            case "sub": return ((a - b) % p + p) % p;
            case "mul": return (int) ((long) a * b % p);
            case "div": return (int) ((long) a * modInverse(b, p) % p);
            default: throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown modular operation '" + op
                    + "': use add, sub, mul or div");
        }
    }

    /** b^-1 mod p for prime p, b != 0 mod p (Fermat). */
    static long modInverse(int b, int p) {
        long result = 1;
        long base = ((b % p) + p) % p;
        long e = p - 2;
        while (e > 0) {
            if ((e & 1) != 0) {
                result = result * base % p;
            }
            base = base * base % p;
            e >>= 1;
        }
        return result;
    }

    static boolean isPrime(int p) {
        if (p < 2) {
            return false;
        }
        for (int k = 2; (long) k * k <= p; k++) {
            if (p % k == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a dataset spec: {@code lowrank}, {@code lowrank:n=8000,d=100,val=1000,test=2000},
     * {@code modular}, {@code modular:op=mul,p=31,r=0.5}.
     */
    public static Splits byName(String spec, long seed) {
        if (spec == null || spec.isBlank()) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "no built-in dataset named: use one of "
                    + "lowrank, lowrank:n=4000,d=20 or modular, modular:op=add,p=61,r=0.5");
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> kv = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String part : s.substring(colon + 1).split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw new RfmException(ErrorCode.INVALID_ARGUMENT, "dataset spec '" + spec + "': '" + part.strip()
                            + "' is not key=value: write e.g. " + name + ":" + example(name));
                }
                String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (kv.put(key, part.substring(eq + 1).strip()) != null) {
                    throw new RfmException(ErrorCode.INVALID_ARGUMENT, "dataset spec '" + spec + "' sets '" + key
                            + "' twice: give each key once");
                }
            }
        }
        switch (name) {
            case "lowrank": {
                checkKeys(spec, kv, Set.of("n", "d", "val", "test"), name);
                int n = intValue(spec, kv, "n", LOWRANK_N);
                int d = intValue(spec, kv, "d", LOWRANK_D);
                int val = intValue(spec, kv, "val", LOWRANK_VAL);
                int test = intValue(spec, kv, "test", LOWRANK_TEST);
                return lowrank(n, val, test, d, seed);
            }
            case "modular": {
                checkKeys(spec, kv, Set.of("op", "p", "r"), name);
                String op = kv.getOrDefault("op", "add");
                int p = intValue(spec, kv, "p", MODULAR_P);
                double r = doubleValue(spec, kv, "r", MODULAR_R);
                return modular(op, p, r, seed);
            }
            default:
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown built-in dataset '" + name
                        + "': use lowrank or modular (e.g. lowrank:n=4000,d=20 or modular:op=add,p=61,r=0.5)");
        }
    }

    private static String example(String name) {
        return name.equals("modular") ? "op=add,p=61,r=0.5" : "n=4000,d=20";
    }

    private static void checkKeys(String spec, Map<String, String> kv, Set<String> known, String name) {
        for (String k : kv.keySet()) {
            if (!known.contains(k)) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "dataset spec '" + spec + "': unknown key '" + k
                        + "' for " + name + ": use " + String.join(", ", new java.util.TreeSet<>(known))
                        + " (e.g. " + name + ":" + example(name) + ")");
            }
        }
    }

    private static int intValue(String spec, Map<String, String> kv, String key, int dflt) {
        String v = kv.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "dataset spec '" + spec + "': " + key + "='" + v
                    + "' is not a whole number: write e.g. " + key + "=" + dflt);
        }
    }

    private static double doubleValue(String spec, Map<String, String> kv, String key, double dflt) {
        String v = kv.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "dataset spec '" + spec + "': " + key + "='" + v
                    + "' is not a number: write e.g. " + key + "=" + dflt);
        }
    }
}
