// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Dataset;

/**
 * Reads CSV files (UTF-8, RFC 4180: quoted fields with {@code ""} escapes and embedded
 * delimiters or line breaks; tokenised by FastCSV, checked and converted here, every error naming its
 * line and column). Configure with the fluent methods, then {@link #read(Path)}:
 *
 * <pre>{@code
 * Dataset d = new CsvReader().targets("price").read(Path.of("data.csv"));
 * Dataset p = CsvReader.readFeatures(Path.of("new.csv"));
 * }</pre>
 *
 * <ul>
 *   <li>Header: on by default ({@link #header(boolean)}).</li>
 *   <li>Delimiter: auto by default: the most frequent of comma, semicolon and tab (outside quotes) in
 *       the first non-empty line, comma when none appears; or set with {@link #delimiter(char)}.</li>
 *   <li>Targets: by header name or 0-based index, several allowed; default the last column. All
 *       other columns are features and must hold finite numbers. Target columns that are all numeric
 *       fill {@code y}; with one target column its raw text (trimmed) is also kept as labels, and a
 *       non-numeric single target gives {@code y == null} with labels only.</li>
 *   <li>Empty lines are skipped; rows with a different number of fields are rejected with their line
 *       number. Line numbers in messages are 1-based physical lines of the file.</li>
 * </ul>
 * The setters change this reader and return it (configure, then read; not for sharing between
 * threads while being configured).
 */
public final class CsvReader {
    private boolean header = true;
    private Character delimiter;
    private List<String> targets = List.of();

    /** A reader with the defaults: header, auto delimiter, last column is the target. */
    public CsvReader() {
    }

    /** Whether the first non-empty line is a header (default true). Returns this reader. */
    public CsvReader header(boolean hasHeader) {
        this.header = hasHeader;
        return this;
    }

    /** A fixed delimiter instead of auto-detection. Returns this reader. */
    public CsvReader delimiter(char delim) {
        if (delim == '"' || delim == '\n' || delim == '\r') {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the CSV delimiter cannot be "
                    + printable(delim) + ": use comma, semicolon, tab or another character");
        }
        this.delimiter = delim;
        return this;
    }

    /**
     * Target columns, each a header name or a 0-based column index (a name that matches a header
     * wins over an index). Default: the last column. Replaces earlier choices; returns this reader.
     */
    public CsvReader targets(String... columns) {
        this.targets = List.copyOf(Arrays.asList(columns));
        return this;
    }

    /** Target columns by 0-based index. Replaces earlier choices; returns this reader. */
    public CsvReader targets(int... columns) {
        List<String> list = new ArrayList<>();
        for (int c : columns) {
            list.add(Integer.toString(c));
        }
        this.targets = List.copyOf(list);
        return this;
    }

    /** Reads a dataset with default settings (header, auto delimiter, last column is the target). */
    public static Dataset readDefault(Path file) {
        return new CsvReader().read(file);
    }

    /**
     * Reads prediction input: every column is a feature. A header is assumed when any field of the
     * first non-empty row is not a number.
     */
    public static Dataset readFeatures(Path file) {
        return new CsvReader().readAllFeatures(file, null);
    }

    /** As {@link #readFeatures(Path)} with this reader's delimiter; {@code header} null means detect. */
    public Dataset readFeatures(Path file, Boolean hasHeader) {
        return readAllFeatures(file, hasHeader);
    }

    /** Reads features and targets. */
    public Dataset read(Path file) {
        return load(file, false, header);
    }

    private Dataset readAllFeatures(Path file, Boolean hasHeader) {
        return load(file, true, hasHeader);
    }

    /**
     * Streams the records once: features are parsed into a growing double array as they arrive, so
     * no per-cell strings are kept (only the target text when there is one target column).
     *
     * @param allFeatures every column is a feature (prediction input)
     * @param hasHeader   true/false, or null to detect (a first row with a non-number is a header)
     */
    private Dataset load(Path file, boolean allFeatures, Boolean hasHeader) {
        FileChecks.requireReadableFile(file, "CSV file");
        try (RecordParser parser = new RecordParser(file, delimiter)) {
            String[] first = parser.next();
            if (first == null) {
                throw new RfmException(ErrorCode.INVALID_DATA, file + " is empty (no non-empty lines): "
                        + "pass a CSV file with " + (!allFeatures && header ? "a header and " : "") + "data rows");
            }
            int width = first.length;
            boolean useHeader;
            if (hasHeader != null) {
                useHeader = hasHeader;
            } else {
                useHeader = false;
                for (String cell : first) {
                    String t = cell.strip();
                    if (Double.isNaN(parseNumber(t)) && !isMissingMarker(t)) {
                        useHeader = true;
                        break;
                    }
                }
            }
            String[] names = new String[width];
            for (int j = 0; j < width; j++) {
                String h = useHeader ? first[j].strip() : "";
                names[j] = h.isEmpty() ? "column " + j : h;
            }
            int[] targetCols = allFeatures ? new int[0] : resolveTargets(file, names, width, useHeader);
            boolean[] isTarget = new boolean[width];
            for (int tc : targetCols) {
                isTarget[tc] = true;
            }
            int d = width - targetCols.length;
            if (d == 0) {
                throw new RfmException(ErrorCode.INVALID_DATA, file + " has no feature columns left after taking "
                        + describeCols(names, targetCols) + " as targets: add feature columns or choose other targets");
            }
            int[] featureCols = new int[d];
            for (int j = 0, k = 0; j < width; j++) {
                if (!isTarget[j]) {
                    featureCols[k++] = j;
                }
            }
            int c = targetCols.length;
            Rows rows = new Rows(file, names, featureCols, targetCols);
            if (!useHeader) {
                rows.add(first, parser.recordLine());
            }
            String[] rec;
            while ((rec = parser.next()) != null) {
                if (rec.length != width) {
                    throw new RfmException(ErrorCode.INVALID_DATA, file + " line " + parser.recordLine() + " has "
                            + rec.length + " fields but the first row has " + width + " (delimiter "
                            + printable(parser.delimiter()) + "): fix the row so every row has the same number of fields");
                }
                rows.add(rec, parser.recordLine());
            }
            int n = rows.n;
            if (n == 0) {
                throw new RfmException(ErrorCode.INVALID_DATA, file + " has " + (useHeader ? "a header but " : "")
                        + "no data rows: add data rows");
            }
            String[] fnames = new String[d];
            for (int k = 0; k < d; k++) {
                fnames[k] = names[featureCols[k]];
            }
            if (!useHeader) {
                fnames = null; // unnamed columns: the Dataset's defaults x0, x1, ...
            }
            double[] x = Arrays.copyOf(rows.x, n * d);
            if (allFeatures) {
                return Dataset.featuresOnly(baseName(file), x, n, d, fnames);
            }
            String[] tnames = new String[c];
            for (int k = 0; k < c; k++) {
                tnames[k] = names[targetCols[k]];
            }
            double[] y = rows.numeric ? Arrays.copyOf(rows.y, n * c) : null;
            String[] labels = c == 1 ? Arrays.copyOf(rows.labels, n) : null;
            return new Dataset(baseName(file), x, n, d, fnames, y, c, tnames, labels);
        } catch (UncheckedIOException e) {
            throw ioFailure(file, e.getCause());
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    private static RfmException ioFailure(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new RfmException(ErrorCode.IO, file + " is not UTF-8 text: save it as UTF-8 CSV", e);
        }
        return new RfmException(ErrorCode.IO, "cannot read " + file + ": " + AtomicFiles.describe(e)
                + ": check the file and its permissions", e);
    }

    /** Growing storage for parsed rows. */
    private static final class Rows {
        final Path file;
        final String[] names;
        final int[] featureCols;
        final int[] targetCols;
        double[] x = new double[1024];
        double[] y = new double[256];
        String[] labels;
        boolean numeric = true;
        int n;

        Rows(Path file, String[] names, int[] featureCols, int[] targetCols) {
            this.file = file;
            this.names = names;
            this.featureCols = featureCols;
            this.targetCols = targetCols;
            this.labels = targetCols.length == 1 ? new String[256] : null;
        }

        void add(String[] rec, int line) {
            int d = featureCols.length;
            int c = targetCols.length;
            if ((long) (n + 1) * d > DataChecks.MAX_ARRAY_ELEMENTS) {
                throw new RfmException(ErrorCode.OUT_OF_MEMORY, file + " has more than " + n + " rows x " + d
                        + " features, more values than one Java array holds: split the file or drop columns");
            }
            x = ensure(x, (long) (n + 1) * d);
            for (int k = 0; k < d; k++) {
                x[n * d + k] = feature(rec[featureCols[k]], line, featureCols[k]);
            }
            if (c > 0) {
                y = ensure(y, (long) (n + 1) * c);
                if (labels != null && labels.length <= n) {
                    labels = Arrays.copyOf(labels, (int) Math.min(DataChecks.MAX_ARRAY_ELEMENTS, 2L * labels.length));
                }
                for (int k = 0; k < c; k++) {
                    String cell = rec[targetCols[k]].strip();
                    if (cell.isEmpty()) {
                        throw new RfmException(ErrorCode.INVALID_DATA, file + " line " + line + ", target column "
                                + quoteName(names[targetCols[k]]) + " is empty: fill in the target or drop the row");
                    }
                    if (labels != null) {
                        labels[n] = cell;
                    }
                    if (numeric) {
                        double v = parseNumber(cell);
                        if (Double.isFinite(v)) {
                            y[n * c + k] = v;
                        } else if (c > 1) {
                            throw new RfmException(ErrorCode.INVALID_DATA, file + " line " + line + ", target column "
                                    + quoteName(names[targetCols[k]]) + ": '" + abbreviate(cell)
                                    + "' is not a finite number; several target columns must all be numeric: "
                                    + "fix the value or choose a single label column");
                        } else {
                            numeric = false; // a label column: keep the text only
                        }
                    }
                }
            }
            n++;
        }

        private static double[] ensure(double[] a, long need) {
            if (need <= a.length) {
                return a;
            }
            long cap = Math.max(need, Math.min(DataChecks.MAX_ARRAY_ELEMENTS, 2L * a.length));
            return Arrays.copyOf(a, (int) cap);
        }

        private double feature(String raw, int line, int col) {
            String cell = raw.strip();
            double v = parseNumber(cell);
            if (Double.isFinite(v)) {
                return v;
            }
            String where = file + " line " + line + ", column " + quoteName(names[col]);
            if (cell.isEmpty() || isMissingMarker(cell)) {
                throw new RfmException(ErrorCode.INVALID_DATA, where + " is missing"
                        + (cell.isEmpty() ? "" : " ('" + cell + "')")
                        + ": impute the missing value, drop the row or drop the column");
            }
            if (Double.isNaN(v)) {
                throw new RfmException(ErrorCode.INVALID_DATA, where + ": '" + abbreviate(cell)
                        + "' is not a number: fix the file, drop the column or make it a target");
            }
            throw new RfmException(ErrorCode.INVALID_DATA, where + ": '" + cell
                    + "' is not finite: remove the row or clip the value");
        }
    }

    private int[] resolveTargets(Path file, String[] names, int cols, boolean header) {
        if (targets.isEmpty()) {
            if (cols < 2) {
                throw new RfmException(ErrorCode.INVALID_DATA, file + " has a single column, so no features are "
                        + "left after taking the last column as the target: add feature columns");
            }
            return new int[] {cols - 1};
        }
        int[] out = new int[targets.size()];
        boolean[] seen = new boolean[cols];
        for (int k = 0; k < out.length; k++) {
            String spec = targets.get(k);
            int col = -1;
            if (header) {
                for (int j = 0; j < cols; j++) {
                    if (names[j].equals(spec)) {
                        if (col >= 0) {
                            throw new RfmException(ErrorCode.INVALID_ARGUMENT, file + ": target column '" + spec
                                    + "' appears twice in the header (columns " + col + " and " + j
                                    + "): rename one or pick the target by 0-based index");
                        }
                        col = j;
                    }
                }
            }
            if (col < 0) {
                try {
                    int idx = Integer.parseInt(spec.strip());
                    if (idx >= 0 && idx < cols) {
                        col = idx;
                    } else {
                        throw new RfmException(ErrorCode.INVALID_ARGUMENT, file + ": target column index " + idx
                                + " is out of range; the file has " + cols + " columns (0.." + (cols - 1)
                                + "): pass a 0-based index below " + cols);
                    }
                } catch (NumberFormatException e) {
                    throw new RfmException(ErrorCode.INVALID_ARGUMENT, file + " has no column named '" + spec
                            + "'" + (header ? "; its columns are " + listNames(names) : " (it is read without a header)")
                            + ": pass one of those names or a 0-based column index");
                }
            }
            if (seen[col]) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, file + ": target column " + quoteName(names[col])
                        + " is chosen twice: list each target once");
            }
            seen[col] = true;
            out[k] = col;
        }
        return out;
    }

    private static String listNames(String[] names) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(names.length, 20);
        for (int j = 0; j < shown; j++) {
            sb.append(j > 0 ? ", " : "").append('\'').append(names[j]).append('\'');
        }
        if (names.length > shown) {
            sb.append(", ... (").append(names.length).append(" in all)");
        }
        return sb.toString();
    }

    private static String describeCols(String[] names, int[] cols) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < cols.length; k++) {
            sb.append(k > 0 ? ", " : "").append(quoteName(names[cols[k]]));
        }
        return sb.toString();
    }

    private static String quoteName(String name) {
        return "'" + name + "'";
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static boolean isMissingMarker(String s) {
        return s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("na");
    }

    private static String baseName(Path file) {
        String s = file.getFileName().toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    /**
     * Parses a number the way a CSV user means it: Java's decimal syntax, without Java-only suffixes
     * (1f, 2d) or hex. "NaN"/"inf" parse to non-finite values; anything else unparsable gives NaN.
     */
    static double parseNumber(String s) {
        int len = s.length();
        if (len == 0) {
            return Double.NaN;
        }
        boolean plain = true;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')) {
                plain = false;
                break;
            }
        }
        if (!plain) {
            // Java-only syntax (1f, 2d, 0x1p3) is not a CSV number; inf/nan spellings are non-finite
            switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
                case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
                default: return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    // ------------------------------------------------------------------ parsing

    /** A reader of the file's text that refuses malformed UTF-8 and drops a leading byte order mark. */
    private static Reader utf8(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        PushbackReader r = new PushbackReader(new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16));
        int first = r.read();
        if (first >= 0 && first != 0xFEFF) {
            r.unread(first);
        }
        return r;
    }

    /** The delimiter of the first non-blank line (comma when the file has none). */
    private static char detectDelimiter(Path file) throws IOException {
        try (BufferedReader r = new BufferedReader(utf8(file))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    return detectDelimiter(line);
                }
            }
            return ',';
        }
    }

    /**
     * The file's records, tokenised by FastCSV (RFC 4180: quoted fields with {@code ""} escapes and
     * embedded delimiters or line breaks; no text after a closing quote, no unclosed quote), with
     * blank lines skipped and each record's first physical line kept for messages.
     */
    private static final class RecordParser implements Closeable {
        private static final Pattern LINE = Pattern.compile("record starting at line (\\d+)");
        private final Path file;
        private final char delim;
        private final de.siegmar.fastcsv.reader.CsvReader<CsvRecord> csv;
        private final Iterator<CsvRecord> records;
        private int recordLine;

        RecordParser(Path file, Character delimiter) throws IOException {
            this.file = file;
            this.delim = delimiter != null ? delimiter : detectDelimiter(file);
            this.csv = de.siegmar.fastcsv.reader.CsvReader.builder()
                    .fieldSeparator(delim)
                    .quoteCharacter('"')
                    .commentStrategy(CommentStrategy.NONE)
                    .skipEmptyLines(true)
                    .extraFieldStrategy(FieldMismatchStrategy.IGNORE) // ragged rows get our message, with counts
                    .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .allowUnclosedQuote(false)
                    .trimWhitespacesAroundQuotes(true)
                    .ofCsvRecord(utf8(file));
            this.records = csv.iterator();
        }

        char delimiter() {
            return delim;
        }

        /** The 1-based physical line where the last record returned by {@link #next} starts. */
        int recordLine() {
            return recordLine;
        }

        /** The next non-blank record, or null at the end of the file. */
        String[] next() throws IOException {
            while (true) {
                CsvRecord r;
                try {
                    if (!records.hasNext()) {
                        return null;
                    }
                    r = records.next();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                } catch (CsvParseException e) {
                    throw malformed(e);
                }
                if (r.getFieldCount() == 1 && r.getField(0).isBlank()) {
                    continue; // a line of spaces: blank, as an empty line is
                }
                recordLine = (int) Math.min(Integer.MAX_VALUE, r.getStartingLineNumber());
                return r.getFields().toArray(new String[0]);
            }
        }

        /** FastCSV's complaint in our words, with the line where the bad record starts. */
        private RfmException malformed(CsvParseException e) {
            if (e.getCause() instanceof IOException) {
                throw new UncheckedIOException((IOException) e.getCause());
            }
            String why = String.valueOf(e.getMessage());
            Matcher m = LINE.matcher(why);
            String where = file + (m.find() ? " line " + m.group(1) : " after line " + recordLine);
            if (why.startsWith("Unclosed quoted field")) {
                return new RfmException(ErrorCode.INVALID_DATA, where
                        + ": a quoted field opened here is never closed: add the closing '\"'");
            }
            if (why.startsWith("Unexpected character after closing quote")) {
                return new RfmException(ErrorCode.INVALID_DATA, where
                        + ": text after a closing quote: quote the whole field and double any '\"' inside it");
            }
            return new RfmException(ErrorCode.INVALID_DATA, where + ": malformed CSV (" + why
                    + "): fix the record or save the file again from its source");
        }

        @Override
        public void close() throws IOException {
            csv.close();
        }
    }

    private static char detectDelimiter(CharSequence line) {
        int comma = 0;
        int semi = 0;
        int tab = 0;
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                q = !q;
            } else if (!q) {
                if (c == ',') {
                    comma++;
                } else if (c == ';') {
                    semi++;
                } else if (c == '\t') {
                    tab++;
                }
            }
        }
        if (semi > comma && semi >= tab) {
            return ';';
        }
        if (tab > comma && tab > semi) {
            return '\t';
        }
        return ',';
    }

    private static String printable(char c) {
        switch (c) {
            case '\t': return "tab";
            case ',': return "comma";
            case ';': return "semicolon";
            case '\n': return "newline";
            case '\r': return "carriage return";
            default: return "'" + c + "'";
        }
    }

}
