// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.nfa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.nn.FeatureAnsatz;

/** One logged epoch of a training run: loss, test accuracy and the per-layer NFA measures (epoch 0: at init). */
record EpochRecord(int epoch, double trainLoss, double testAccuracy, List<FeatureAnsatz.LayerMeasure> layers) {

    double nfa(int l) {
        return layers.get(l).nfa();
    }

    double cnfa(int l) {
        return layers.get(l).cnfa();
    }

    /** The report's entry: {"epoch", "train_loss", "test_accuracy", "nfa", "cnfa", "rel_change"}. */
    Map<String, Object> toJson() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("epoch", epoch);
        e.put("train_loss", trainLoss);
        e.put("test_accuracy", testAccuracy);
        List<Object> nfa = new ArrayList<>(), cnfa = new ArrayList<>(), rel = new ArrayList<>();
        for (FeatureAnsatz.LayerMeasure m : layers) {
            nfa.add(m.nfa());
            cnfa.add(m.cnfa());
            rel.add(m.relChange());
        }
        e.put("nfa", nfa);
        e.put("cnfa", cnfa);
        e.put("rel_change", rel);
        return e;
    }
}
