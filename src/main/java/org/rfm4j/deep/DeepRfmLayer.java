// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.deep;

/**
 * One fitted Deep RFM layer, enough to replay it on new data: x -> x / ||x||, u = x S, z = phi(u W^T (+ b)).
 *
 * @param inputDim d, the width of the layer's input
 * @param sqrtM    S = M^(1/2) (d x d row-major), or null for the identity (control run)
 * @param weights  W (D x d row-major), the random feature map's weights
 * @param bias     b (length D) for Fourier features, null for ReLU
 * @param features D, the width of the layer's output
 */
public record DeepRfmLayer(int inputDim, double[] sqrtM, double[] weights, double[] bias, int features) {
}
