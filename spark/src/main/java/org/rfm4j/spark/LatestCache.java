// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.util.function.Supplier;

/**
 * What an executor JVM keeps between tasks of one job: the one object (a model, a tree) most recently
 * built for a broadcast, so that the tasks of a job build it once and a long-lived executor does not
 * keep every model it ever predicted with.
 */
final class LatestCache<T> {
    private String key;
    private T value;

    synchronized T get(String k, Supplier<T> build) {
        if (!k.equals(key)) {
            value = null; // let the old one go before building the new one
            value = build.get();
            key = k;
        }
        return value;
    }
}
