// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Dataset;
import org.rfm4j.io.CsvReader;
import org.rfm4j.io.IdxReader;
import org.rfm4j.io.ImageSet;

/**
 * The benchmark's data sets, every one installed offline from Debian packages (scripts/install-data.sh): the
 * CSVs converted from r-cran-mlbench and python3-sklearn under the data folder, and a class-balanced subset of
 * Fashion-MNIST (dataset-fashion-mnist) as the high-dimensional case. A set with more rows than the run's cap
 * is cut to a stratified random sample; classes with fewer than {@link #MIN_CLASS_ROWS} rows are then dropped.
 */
public final class DataSets {
    /** Classes with fewer rows are dropped (no fold could both train and test on them). */
    public static final int MIN_CLASS_ROWS = 4;
    /** Name of the Fashion-MNIST subset. */
    public static final String FASHION = "fashion-mnist";

    private static final String SKLEARN = "python3-sklearn (scikit-learn's bundled data, package BSD-3-Clause)";
    private static final String MLBENCH = "r-cran-mlbench (UCI Machine Learning Repository data; R package GPL-2, data only is read)";
    private static final String UCI = "UCI Machine Learning Repository, CC BY 4.0";

    /** One data set: its file under the data folder (null for Fashion-MNIST), source and licence. */
    public record Entry(String name, Task task, String file, String source, String licence) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        sk("iris", Task.CLASSIFICATION, "Fisher (1936) via UCI, CC BY 4.0");
        sk("wine", Task.CLASSIFICATION, UCI);
        sk("breast_cancer", Task.CLASSIFICATION, "UCI (Wisconsin diagnostic), CC BY 4.0");
        sk("digits", Task.CLASSIFICATION, "UCI (optical recognition of digits), CC BY 4.0");
        sk("diabetes", Task.REGRESSION, "Efron et al. (2004), distributed with scikit-learn (BSD-3-Clause)");
        for (String s : List.of("Glass", "Ionosphere", "Sonar", "Vehicle", "Vowel", "Zoo", "PimaIndiansDiabetes",
                "BreastCancer", "HouseVotes84", "Soybean", "DNA", "Satellite", "LetterRecognition", "Shuttle")) {
            ml(s, Task.CLASSIFICATION);
        }
        ml("Servo", Task.REGRESSION);
        ml("Ozone", Task.REGRESSION);
        ENTRIES.put(FASHION, new Entry(FASHION, Task.CLASSIFICATION, null,
                "dataset-fashion-mnist (train-images-idx3-ubyte.gz, class-balanced subset, 784 pixels)",
                "MIT (Zalando Research)"));
    }

    /** The quick subset for tests and CI (small sets of each kind: binary, multiclass, regression, mlbench). */
    public static final List<String> QUICK = List.of("iris", "wine", "breast_cancer", "diabetes", "Glass", "Sonar");

    private DataSets() {
    }

    private static void sk(String name, Task task, String licence) {
        ENTRIES.put(name, new Entry(name, task, "sklearn/" + name + ".csv", SKLEARN, licence));
    }

    private static void ml(String name, Task task) {
        ENTRIES.put(name, new Entry(name, task, "mlbench/" + name + ".csv", MLBENCH, UCI));
    }

    /** Every data set name, in report order. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The entry named {@code name}, or an INVALID_ARGUMENT error listing the names. */
    public static Entry require(String name) {
        Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "unknown data set '" + name + "': use one of " + names());
        }
        return e;
    }

    /** Loads {@code name} under the settings' data folder, capped at the settings' row limit. */
    public static TabularData load(String name, TabularSettings s) {
        Entry e = require(name);
        TabularData full = e.file() == null ? fashion(e, s.fashionRows(), s.seed()) : csv(e, s.dataDir());
        TabularData capped = full.n() > s.maxRows() ? full.rows(sample(full, s.maxRows(), s.seed())) : full;
        return dropRareClasses(capped);
    }

    private static TabularData csv(Entry e, Path dir) {
        Path file = dir.resolve(e.file());
        if (!Files.isRegularFile(file)) {
            throw new RfmException(ErrorCode.IO, "data file " + file + " not found: run scripts/install-data.sh"
                    + " (it converts r-cran-mlbench and scikit-learn's sets to CSV under data/tabular)");
        }
        Dataset d = new CsvReader().targets("target").read(file);
        if (e.task() == Task.CLASSIFICATION) {
            return new TabularData(e.name(), e.task(), d.x(), d.n(), d.d(), d.labels(), null, e.source(), e.licence());
        }
        if (d.y() == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, file + ": the regression target is not numeric");
        }
        return new TabularData(e.name(), e.task(), d.x(), d.n(), d.d(), null, d.y(), e.source(), e.licence());
    }

    private static TabularData fashion(Entry e, int rows, long seed) {
        ImageSet im = IdxReader.fashionMnist(true, 60000);
        int per = Math.max(1, rows / 10);
        int[] order = org.rfm4j.data.Dataset.permutation(im.labels().length, seed);
        int[] count = new int[10];
        List<Integer> take = new ArrayList<>();
        for (int i : order) {
            int c = im.labels()[i];
            if (c >= 0 && c < 10 && count[c] < per) {
                count[c]++;
                take.add(i);
            }
        }
        int d = im.rows() * im.cols();
        double[] x = new double[take.size() * d];
        String[] labels = new String[take.size()];
        for (int k = 0; k < take.size(); k++) {
            int i = take.get(k);
            for (int j = 0; j < d; j++) {
                x[k * d + j] = im.pixels()[i * d + j] / im.maxValue();
            }
            labels[k] = Integer.toString(im.labels()[i]);
        }
        return new TabularData(e.name(), e.task(), x, take.size(), d, labels, null, e.source(), e.licence());
    }

    /** A stratified (per class, proportional) seeded sample of {@code m} rows, in the original row order. */
    static int[] sample(TabularData t, int m, long seed) {
        Random rnd = new Random(seed ^ 0x5DEECE66DL);
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < t.n(); i++) {
            groups.computeIfAbsent(t.labels() == null ? "" : t.labels()[i], k -> new ArrayList<>()).add(i);
        }
        boolean[] keep = new boolean[t.n()];
        for (List<Integer> g : groups.values()) {
            java.util.Collections.shuffle(g, rnd);
            int take = (int) Math.round((double) g.size() * m / t.n());
            for (int i = 0; i < Math.min(take, g.size()); i++) {
                keep[g.get(i)] = true;
            }
        }
        return java.util.stream.IntStream.range(0, t.n()).filter(i -> keep[i]).toArray();
    }

    private static TabularData dropRareClasses(TabularData t) {
        if (t.labels() == null) {
            return t;
        }
        Map<String, Integer> count = new LinkedHashMap<>();
        for (String l : t.labels()) {
            count.merge(l, 1, Integer::sum);
        }
        if (count.values().stream().allMatch(c -> c >= MIN_CLASS_ROWS)) {
            return t;
        }
        int[] rows = java.util.stream.IntStream.range(0, t.n())
                .filter(i -> count.get(t.labels()[i]) >= MIN_CLASS_ROWS).toArray();
        return t.rows(rows);
    }
}
