// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import java.util.Map;

/**
 * One RFM iteration: validation metrics of the kernel machine fitted with this iteration's M, the
 * seconds spent per phase, the bandwidth used, and any jitter the solve needed (0 when none).
 */
public record IterationRecord(int iter, Map<String, Double> validation, Map<String, Double> seconds,
                              double bandwidth, double jitter) {
    public double totalSeconds() {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
