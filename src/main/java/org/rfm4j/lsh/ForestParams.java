// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.lsh;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Hyperparameters of an LSH forest: plain data, validated, no logic. Defaults follow the paper's setup
 * (EXPERIMENTS.md section 7): 100 trees, buckets of at most 5 points, rho = 1, T = 1500 rounds of
 * multiplicative weights with beta = 0.68.
 *
 * @param trees      number of trees, at least 1
 * @param bucketSize a node with at most this many points is a leaf, at least 1
 * @param flips      r, the number of bits the game's adversary may flip, at least 0
 * @param rho        exponent of the node weights {@code w_(i,b) = n_(i,b)^(-rho)}, positive
 * @param rounds     T, rounds of multiplicative weights per node game, at least 1
 * @param beta       the multiplicative-weights factor, in (0, 1)
 * @param seed       the seed from which every random draw of the build is derived
 * @param threads    threads building trees in parallel, at least 1
 * @param allCoordinates if true, a node's game ranges over all d coordinates, as the paper writes it;
 *                   if false (the default), over the coordinates that split the node only, which is the
 *                   same game with pi_i = 0 on coordinates where all the node's points agree (such a
 *                   split makes no progress) and is several times cheaper on deep nodes of image data
 */
public record ForestParams(int trees, int bucketSize, int flips, double rho, int rounds, double beta,
                           long seed, int threads, boolean allCoordinates) {

    public static final int DEFAULT_TREES = 100;
    public static final int DEFAULT_BUCKET = 5;
    public static final double DEFAULT_RHO = 1.0;
    public static final int DEFAULT_ROUNDS = 1500;
    public static final double DEFAULT_BETA = 0.68;

    public ForestParams {
        check(trees >= 1, "trees must be >= 1, got " + trees);
        check(bucketSize >= 1, "bucket size must be >= 1, got " + bucketSize);
        check(flips >= 0, "r (flipped bits) must be >= 0, got " + flips);
        check(rho > 0 && Double.isFinite(rho), "rho must be positive and finite, got " + rho);
        check(rounds >= 1, "rounds must be >= 1, got " + rounds);
        check(beta > 0 && beta < 1, "beta must be in (0, 1), got " + beta);
        check(threads >= 1, "threads must be >= 1, got " + threads);
    }

    /** The paper's defaults for {@code r} flipped bits, seed 0, one thread per available processor. */
    public static ForestParams defaults(int flips) {
        return new ForestParams(DEFAULT_TREES, DEFAULT_BUCKET, flips, DEFAULT_RHO, DEFAULT_ROUNDS, DEFAULT_BETA,
                0L, Runtime.getRuntime().availableProcessors(), false);
    }

    public ForestParams withTrees(int t) {
        return new ForestParams(t, bucketSize, flips, rho, rounds, beta, seed, threads, allCoordinates);
    }

    public ForestParams withBucketSize(int b) {
        return new ForestParams(trees, b, flips, rho, rounds, beta, seed, threads, allCoordinates);
    }

    public ForestParams withRounds(int t) {
        return new ForestParams(trees, bucketSize, flips, rho, t, beta, seed, threads, allCoordinates);
    }

    public ForestParams withBeta(double b) {
        return new ForestParams(trees, bucketSize, flips, rho, rounds, b, seed, threads, allCoordinates);
    }

    public ForestParams withSeed(long s) {
        return new ForestParams(trees, bucketSize, flips, rho, rounds, beta, s, threads, allCoordinates);
    }

    public ForestParams withThreads(int t) {
        return new ForestParams(trees, bucketSize, flips, rho, rounds, beta, seed, t, allCoordinates);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, message);
        }
    }
}
