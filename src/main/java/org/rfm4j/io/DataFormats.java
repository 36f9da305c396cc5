// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Dataset;
import org.rfm4j.data.Matrix;

/**
 * The one door for data files, chosen by extension: .npy (NumPy arrays; the targets in a file of their
 * own), and text tables for anything else (.csv: a header row; targets picked by column). `rfm fit` reads through
 * {@link #readTable}, `rfm predict` through {@link #readFeatures} and {@link #writeMatrix} /
 * {@link #writeLabels}. Another format is added here, and only here.
 */
public final class DataFormats {
    private DataFormats() {
    }

    /** The formats, by extension. */
    public enum Format {
        /** A delimited text table (.csv, or any extension other than .npy). */
        CSV,
        /** A NumPy .npy array. */
        NPY;

        /** The format of a file name: .npy, else a CSV text table. */
        public static Format of(Path file) {
            String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
            return name.toLowerCase(Locale.ROOT).endsWith(".npy") ? NPY : CSV;
        }
    }

    /**
     * Features and targets for a fit. CSV: targets are the columns named in {@code csvTargets} (header
     * names or 0-based indices; null: the last column), the rest are features. NPY: the features, with
     * the targets in {@code npyTargets}.
     */
    public static Dataset readTable(Path file, String[] csvTargets, Path npyTargets) {
        requireReadable(file, "data file");
        if (Format.of(file) == Format.NPY) {
            if (npyTargets == null) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, file + " is a .npy feature file: give its targets"
                        + " with --targets-npy (or --val-targets-npy / --test-targets-npy)");
            }
            return Npy.readDataset(file, npyTargets);
        }
        CsvReader reader = new CsvReader();
        if (csvTargets != null) {
            reader.targets(csvTargets);
        }
        return reader.read(file);
    }

    /** Features only, for prediction: .npy (n, d), or .csv whose columns are all features (a header is detected). */
    public static Dataset readFeatures(Path file) {
        requireReadable(file, "input file");
        return Format.of(file) == Format.NPY ? Npy.readDataset(file, null) : CsvReader.readFeatures(file);
    }

    /** Writes a matrix: .npy (float64), or .csv with the given header names (one per column). */
    public static void writeMatrix(Path file, Matrix m, String[] header) {
        if (Format.of(file) == Format.NPY) {
            Npy.write(file, m.data(), new int[] {m.rows(), m.cols()}, false);
            return;
        }
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                sb.append(j > 0 ? "," : "").append(m.get(i, j));
            }
            sb.append('\n');
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one text label per row: .csv only (a .npy cannot hold text). */
    public static void writeLabels(Path file, String header, String[] labels) {
        if (Format.of(file) == Format.NPY) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, file + ": labels are text, which a .npy file cannot"
                    + " hold: write them to a .csv, or ask for probabilities");
        }
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (String l : labels) {
            sb.append(l).append('\n');
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** As every reader checks, with a hint for the likeliest mistake on the command line. */
    private static void requireReadable(Path file, String what) {
        if (file != null && !Files.exists(file) && !file.toString().contains("/") && !file.toString().contains(".")) {
            throw new RfmException(ErrorCode.IO, what + " " + file + " does not exist: check the path (for a built-in"
                    + " dataset write builtin:" + file + ")");
        }
        FileChecks.requireReadableFile(file, what);
    }
}
