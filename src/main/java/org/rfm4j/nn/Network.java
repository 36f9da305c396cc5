// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

import java.util.Random;

/**
 * The weights of a fully connected network without biases: layer l maps a_(l-1) to h_l = W_l a_(l-1),
 * W_l stored row-major as (out x in); hidden layers apply the activation, the last layer is a linear
 * read-out. Mutable (the trainer updates it in place); {@link #copy()} keeps a snapshot such as W(0).
 */
public final class Network {
    private final int[] sizes;
    private final double[][] weights;
    private final Activation activation;

    private Network(int[] sizes, double[][] weights, Activation activation) {
        this.sizes = sizes;
        this.weights = weights;
        this.activation = activation;
    }

    /**
     * A seeded random network: input {@code in}, {@code p.hiddenLayers()} hidden layers of {@code p.width()},
     * output {@code out}; hidden weights N(0, (scale gain)^2 / fan_in), read-out N(0, scale^2 / fan_in).
     */
    public static Network initial(NetworkParams p, int in, int out) {
        int layers = p.hiddenLayers() + 1;
        int[] sizes = new int[layers + 1];
        sizes[0] = in;
        for (int l = 1; l < layers; l++) {
            sizes[l] = p.width();
        }
        sizes[layers] = out;
        Random rng = new Random(p.seed());
        double[][] w = new double[layers][];
        for (int l = 0; l < layers; l++) {
            double gain = l < layers - 1 ? p.activation().initGain() : 1;
            double sd = p.initScale() * gain / Math.sqrt(sizes[l]);
            w[l] = new double[sizes[l + 1] * sizes[l]];
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = rng.nextGaussian() * sd;
            }
        }
        return new Network(sizes, w, p.activation());
    }

    /** Weight matrices, hidden layers then the read-out. */
    public int layerCount() {
        return weights.length;
    }

    /** Inputs of layer l (its weight matrix's columns). */
    public int in(int l) {
        return sizes[l];
    }

    /** Outputs of layer l (its weight matrix's rows). */
    public int out(int l) {
        return sizes[l + 1];
    }

    /** The activation of the hidden layers. */
    public Activation activation() {
        return activation;
    }

    /** Layer l's weights, row-major (out x in): the live array, not a copy. */
    public double[] weights(int l) {
        return weights[l];
    }

    /** A deep copy. */
    public Network copy() {
        double[][] w = new double[weights.length][];
        for (int l = 0; l < w.length; l++) {
            w[l] = weights[l].clone();
        }
        return new Network(sizes.clone(), w, activation);
    }
}
