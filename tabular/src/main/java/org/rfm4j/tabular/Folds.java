// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The splits of the protocol: K folds (stratified by class for classification), fold k the test rows;
 * of the other rows a seeded {@link #VALIDATION_FRACTION} (stratified too) is the validation split on which
 * every model is tuned, the rest the training split. Fold k's validation draw is seeded by seed + k.
 */
public final class Folds {
    /** Share of the non-test rows held out for validation. */
    public static final double VALIDATION_FRACTION = 0.2;

    private Folds() {
    }

    /** Row indices of one fold's three splits. */
    public record Split(int[] train, int[] validation, int[] test) {
    }

    /** The {@code k} splits of {@code data}, seeded by {@code seed}. */
    public static List<Split> make(TabularData data, int k, long seed) {
        int[] foldOf = assign(groups(data, allRows(data.n())), k, new Random(seed));
        List<Split> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<Integer> rest = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < data.n(); i++) {
                (foldOf[i] == f ? test : rest).add(i);
            }
            int[] restRows = rest.stream().mapToInt(Integer::intValue).toArray();
            int[] valMark = assignFraction(groups(data, restRows), restRows.length, VALIDATION_FRACTION,
                    new Random(seed + 1000 + f));
            List<Integer> train = new ArrayList<>();
            List<Integer> val = new ArrayList<>();
            for (int j = 0; j < restRows.length; j++) {
                (valMark[j] == 1 ? val : train).add(restRows[j]);
            }
            out.add(new Split(toArray(train), toArray(val), toArray(test)));
        }
        return out;
    }

    private static int[] allRows(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    /** Positions (into {@code rows}) grouped by class; one group for regression. */
    private static List<List<Integer>> groups(TabularData data, int[] rows) {
        Map<String, List<Integer>> g = new LinkedHashMap<>();
        for (int j = 0; j < rows.length; j++) {
            String key = data.labels() == null ? "" : data.labels()[rows[j]];
            g.computeIfAbsent(key, s -> new ArrayList<>()).add(j);
        }
        return new ArrayList<>(g.values());
    }

    /** Deals each group's shuffled members round-robin over k folds, continuing where the last group stopped. */
    private static int[] assign(List<List<Integer>> groups, int k, Random rnd) {
        int n = groups.stream().mapToInt(List::size).sum();
        int[] fold = new int[n];
        int next = 0;
        for (List<Integer> g : groups) {
            List<Integer> s = new ArrayList<>(g);
            java.util.Collections.shuffle(s, rnd);
            for (int pos : s) {
                fold[pos] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    /** Marks about {@code fraction} of each group with 1 (at least one row of a group with 3 or more rows). */
    private static int[] assignFraction(List<List<Integer>> groups, int n, double fraction, Random rnd) {
        int[] mark = new int[n];
        for (List<Integer> g : groups) {
            List<Integer> s = new ArrayList<>(g);
            java.util.Collections.shuffle(s, rnd);
            int take = (int) Math.round(fraction * s.size());
            if (take == 0 && s.size() >= 3) {
                take = 1;
            }
            for (int i = 0; i < take; i++) {
                mark[s.get(i)] = 1;
            }
        }
        return mark;
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
