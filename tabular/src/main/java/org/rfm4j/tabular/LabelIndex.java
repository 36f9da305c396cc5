// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The training split's classes in sorted order, as indices 0..k-1 (a label unseen in training maps to -1). */
final class LabelIndex {
    private final String[] classes;
    private final Map<String, Integer> index = new LinkedHashMap<>();

    LabelIndex(String[] trainLabels) {
        classes = Arrays.stream(trainLabels).distinct().sorted().toArray(String[]::new);
        for (int i = 0; i < classes.length; i++) {
            index.put(classes[i], i);
        }
    }

    int size() {
        return classes.length;
    }

    String label(int i) {
        return classes[i];
    }

    int of(String label) {
        return index.getOrDefault(label, -1);
    }
}
