// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.deeprfm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rfm4j.data.Matrix;
import org.rfm4j.deep.LayerObserver;
import org.rfm4j.deep.NeuralCollapse;

/** Records NC1 and NC2 of every layer's input, projection and activation during a Deep RFM fit. */
final class NeuralCollapseRecorder implements LayerObserver {
    private final int[] labels;
    private final int k;
    final List<Map<String, Object>> layers = new ArrayList<>();

    NeuralCollapseRecorder(int[] labels, int k) {
        this.labels = labels;
        this.k = k;
    }

    @Override
    public void representation(int layer, Stage stage, Matrix x) {
        while (layers.size() <= layer) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("layer", layers.size());
            layers.add(r);
        }
        NeuralCollapse.Measures m = NeuralCollapse.measure(x, labels, k);
        String s = stage.name().toLowerCase(Locale.ROOT);
        layers.get(layer).put("nc1_" + s, m.nc1());
        layers.get(layer).put("nc2_" + s, m.nc2());
    }

    /** A recorded value, e.g. get(2, "nc1_input"). */
    double get(int layer, String key) {
        return ((Number) layers.get(layer).get(key)).doubleValue();
    }

    int layerCount() {
        return layers.size();
    }
}
