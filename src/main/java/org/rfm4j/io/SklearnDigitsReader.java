// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Reads scikit-learn's bundled handwritten digits, {@code digits.csv.gz} (1,797 images of 8 x 8).
 *
 * <p>Each line is 65 comma-separated integers: 64 grey levels in 0..16 (row-major), then the label 0..9.
 * The Debian package python3-sklearn installs the file under {@link DataFiles#SKLEARN_DATA_DIR}.
 *
 * <p>The file is untrusted: its compressed size is checked, at most {@value #MAX_ROWS} rows are read,
 * each row must have exactly 65 fields in range, and a field that does not end within
 * {@value #MAX_BUFFER} characters (an unclosed quote, a line without breaks) is refused.
 */
public final class SklearnDigitsReader {
    /** Image side. */
    public static final int SIDE = 8;
    private static final int FIELDS = SIDE * SIDE + 1;
    private static final int MAX_ROWS = 1_000_000;
    /** FastCSV's read buffer limit: a field must fit in it, so a broken file cannot grow it without bound. */
    private static final int MAX_BUFFER = 1 << 20;

    private SklearnDigitsReader() {
    }

    /** The file installed by python3-sklearn. */
    public static Path defaultFile() {
        return DataFiles.SKLEARN_DATA_DIR.resolve("digits.csv.gz");
    }

    /** Reads {@link #defaultFile()}. */
    public static ImageSet read() {
        return read(defaultFile());
    }

    /**
     * Reads a digits CSV, gzip-compressed (name ending in .gz) or plain.
     *
     * @throws RfmException IO if the file is missing (the message says how to install it) or malformed
     */
    public static ImageSet read(Path file) {
        DataFiles.require(file, "scikit-learn digits", "apt-get install python3-sklearn");
        DataFiles.sizeOf(file);
        float[] pixels = new float[1024 * (FIELDS - 1)];
        int[] labels = new int[1024];
        int n = 0;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             CsvReader<CsvRecord> csv = CsvReader.builder()
                     .skipEmptyLines(true)
                     .extraFieldStrategy(FieldMismatchStrategy.IGNORE) // counted below, with our message
                     .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                     .maxBufferSize(MAX_BUFFER)
                     .ofCsvRecord(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (CsvRecord rec : csv) {
                long lineNo = rec.getStartingLineNumber();
                if (rec.getFieldCount() == 1 && rec.getField(0).isBlank()) {
                    continue;
                }
                if (n == MAX_ROWS) {
                    throw corrupt(file, "more than " + MAX_ROWS + " rows");
                }
                if (n == labels.length) {
                    labels = Arrays.copyOf(labels, n * 2);
                    pixels = Arrays.copyOf(pixels, n * 2 * (FIELDS - 1));
                }
                if (rec.getFieldCount() != FIELDS) {
                    throw corrupt(file, "line " + lineNo + " has " + rec.getFieldCount() + " fields, expected " + FIELDS);
                }
                for (int j = 0; j < FIELDS - 1; j++) {
                    pixels[n * (FIELDS - 1) + j] = parse(rec.getField(j), 16, file, lineNo);
                }
                labels[n] = (int) parse(rec.getField(FIELDS - 1), 9, file, lineNo);
                n++;
            }
        } catch (CsvParseException e) {
            throw corrupt(file, String.valueOf(e.getMessage()));
        } catch (UncheckedIOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read " + file + ": " + e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (n == 0) {
            throw corrupt(file, "no rows");
        }
        return new ImageSet(SIDE, SIDE, Arrays.copyOf(pixels, n * (FIELDS - 1)), Arrays.copyOf(labels, n), 16.0);
    }

    private static float parse(String s, int max, Path file, long lineNo) {
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw corrupt(file, "line " + lineNo + ": '" + s + "' is not a number");
        }
        if (!(v >= 0 && v <= max) || v != Math.rint(v)) {
            throw corrupt(file, "line " + lineNo + ": value " + s + " is not an integer in 0.." + max);
        }
        return (float) v;
    }

    private static RfmException corrupt(Path file, String why) {
        return new RfmException(ErrorCode.IO, "corrupt digits file " + file + ": " + why);
    }
}
