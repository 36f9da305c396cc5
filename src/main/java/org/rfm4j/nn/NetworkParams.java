// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.nn;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.Precision;

/**
 * Settings of a fully connected network without biases and of its training (MSE loss, minibatches).
 *
 * @param hiddenLayers  hidden layers (each a weight matrix and the activation); a linear read-out follows
 * @param width         units per hidden layer
 * @param activation    relu or quadratic
 * @param optimizer     sgd or adamw
 * @param learningRate  step size
 * @param weightDecay   L2 (SGD) or decoupled (AdamW) weight decay
 * @param batchSize     minibatch rows
 * @param initScale     multiplier of the initial weights: hidden N(0, (scale gain)^2 / fan_in), gain
 *                      {@link Activation#initGain()}; read-out N(0, scale^2 / fan_in)
 * @param seed          initialisation and minibatch order
 * @param precision     precision of the GEMMs on the backend
 */
public record NetworkParams(int hiddenLayers, int width, Activation activation, Optimizer optimizer,
                            double learningRate, double weightDecay, int batchSize, double initScale, long seed,
                            Precision precision) {
    /** Validates every setting; bad values are INVALID_ARGUMENT errors that name the option. */
    public NetworkParams {
        if (hiddenLayers < 1 || hiddenLayers > 50) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--layers must be 1 to 50, got " + hiddenLayers);
        }
        if (width < 1 || width > 16384) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--width must be 1 to 16384, got " + width);
        }
        if (activation == null || optimizer == null || precision == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "activation, optimizer and precision are required");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--lr must be a positive finite number, got " + learningRate);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--weight-decay must be >= 0 and finite, got " + weightDecay);
        }
        if (batchSize < 1) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--batch must be at least 1, got " + batchSize);
        }
        if (!(initScale > 0) || Double.isInfinite(initScale)) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "--init-scale must be a positive finite number, got "
                    + initScale);
        }
    }

    /** The training settings as report entries (width to init_scale, seed, precision), in report order. */
    public Map<String, Object> reportEntries() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("width", width);
        s.put("activation", activation.toString());
        s.put("optimizer", optimizer.toString());
        s.put("lr", learningRate);
        s.put("weight_decay", weightDecay);
        s.put("batch", batchSize);
        s.put("init_scale", initScale);
        s.put("seed", seed);
        s.put("precision", precision.toString());
        return s;
    }
}
