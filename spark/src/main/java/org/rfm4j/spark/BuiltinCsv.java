// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.rfm4j.data.Builtins;
import org.rfm4j.data.Dataset;
import org.rfm4j.data.Splits;

/**
 * Writes a built-in data set's splits as CSV files (train.csv, validation.csv, test.csv, with the
 * data set's column names), for Spark to read: the same rows `rfm fit --data builtin:SPEC --seed S` fits on, so a Spark
 * fit and a single-machine fit can be compared on the same data.
 * Usage: BuiltinCsv SPEC SEED DIR   (SPEC as after "builtin:", e.g. lowrank:n=1000000,d=20)
 */
public final class BuiltinCsv {
    private BuiltinCsv() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: BuiltinCsv SPEC SEED DIR   (e.g. lowrank:n=1000000,d=20 0 data/)");
            System.exit(2);
        }
        Splits s = Builtins.byName(args[0], Long.parseLong(args[1]));
        Path dir = Path.of(args[2]);
        write(s.train(), dir.resolve("train.csv"));
        if (s.validation() != null) {
            write(s.validation(), dir.resolve("validation.csv"));
        }
        if (s.test() != null) {
            write(s.test(), dir.resolve("test.csv"));
        }
        System.out.println("BuiltinCsv: " + args[0] + " (seed " + args[1] + ") written to " + dir);
    }

    static void write(Dataset data, Path file) {
        double[] y = data.targets().data();
        int c = data.targets().cols();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                StringBuilder b = new StringBuilder();
                b.append(String.join(",", data.featureNames())).append(',').append(String.join(",", data.targetNames()));
                w.write(b.append('\n').toString());
                for (int i = 0; i < data.n(); i++) {
                    b.setLength(0);
                    for (int a = 0; a < data.d(); a++) {
                        b.append(a == 0 ? "" : ",").append(data.x(i, a)); // Double.toString: exact round trip
                    }
                    for (int j = 0; j < c; j++) {
                        b.append(',').append(y[i * c + j]);
                    }
                    w.write(b.append('\n').toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
