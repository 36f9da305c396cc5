package org.rfm4j.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Dataset;

/**
 * Reads CSV files (UTF-8, RFC 4180 basics: quoted fields with {@code ""} escapes and embedded
 * delimiters or line breaks). Configure with the fluent methods, then {@link #read(Path)}:
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
 * Instances are immutable; each setter returns a new reader.
 */
public final class CsvReader {
    private final boolean header;
    private final Character delimiter;
    private final List<String> targets;

    public CsvReader() {
        this(true, null, List.of());
    }

    private CsvReader(boolean header, Character delimiter, List<String> targets) {
        this.header = header;
        this.delimiter = delimiter;
        this.targets = targets;
    }

    /** Whether the first non-empty line is a header (default true). */
    public CsvReader header(boolean hasHeader) {
        return new CsvReader(hasHeader, delimiter, targets);
    }

    /** A fixed delimiter instead of auto-detection. */
    public CsvReader delimiter(char delim) {
        if (delim == '"' || delim == '\n' || delim == '\r') {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the CSV delimiter cannot be "
                    + printable(delim) + ": use comma, semicolon, tab or another character");
        }
        return new CsvReader(header, delim, targets);
    }

    /**
     * Target columns, each a header name or a 0-based column index (a name that matches a header
     * wins over an index). Default: the last column.
     */
    public CsvReader targets(String... columns) {
        return new CsvReader(header, delimiter, List.copyOf(Arrays.asList(columns)));
    }

    /** Target columns by 0-based index. */
    public CsvReader targets(int... columns) {
        List<String> list = new ArrayList<>();
        for (int c : columns) {
            list.add(Integer.toString(c));
        }
        return new CsvReader(header, delimiter, List.copyOf(list));
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
        Table t = parse(file);
        if (t.rows.isEmpty()) {
            throw new RfmException(ErrorCode.INVALID_DATA, file + " has " + (header ? "a header but " : "")
                    + "no data rows: add data rows");
        }
        int cols = t.width;
        int[] targetCols = resolveTargets(file, t.names, cols);
        boolean[] isTarget = new boolean[cols];
        for (int tc : targetCols) {
            isTarget[tc] = true;
        }
        int d = cols - targetCols.length;
        if (d == 0) {
            throw new RfmException(ErrorCode.INVALID_DATA, file + " has no feature columns left after taking "
                    + describeCols(t.names, targetCols) + " as targets: add feature columns or choose other targets");
        }
        int[] featureCols = new int[d];
        for (int j = 0, k = 0; j < cols; j++) {
            if (!isTarget[j]) {
                featureCols[k++] = j;
            }
        }
        int n = t.rows.size();
        checkSize(file, n, d);
        double[] x = features(file, t, featureCols);
        int c = targetCols.length;
        String[] tnames = new String[c];
        for (int k = 0; k < c; k++) {
            tnames[k] = t.names[targetCols[k]];
        }
        String[] fnames = new String[d];
        for (int k = 0; k < d; k++) {
            fnames[k] = t.names[featureCols[k]];
        }
        // targets: numeric when every cell of every target column parses as a finite number
        double[] y = new double[n * c];
        boolean numeric = true;
        int badRow = -1;
        int badCol = -1;
        for (int i = 0; i < n && numeric; i++) {
            String[] row = t.rows.get(i);
            for (int k = 0; k < c; k++) {
                String cell = row[targetCols[k]].strip();
                if (cell.isEmpty()) {
                    throw new RfmException(ErrorCode.INVALID_DATA, file + " line " + t.lines.get(i) + ", target column "
                            + quoteName(t.names[targetCols[k]]) + " is empty: fill in the target or drop the row");
                }
                double v = parseNumber(cell);
                if (!Double.isFinite(v)) {
                    numeric = false;
                    badRow = i;
                    badCol = targetCols[k];
                    break;
                }
                y[i * c + k] = v;
            }
        }
        if (!numeric && c > 1) {
            throw new RfmException(ErrorCode.INVALID_DATA, file + " line " + t.lines.get(badRow) + ", target column "
                    + quoteName(t.names[badCol]) + ": '" + t.rows.get(badRow)[badCol].strip()
                    + "' is not a number; several target columns must all be numeric: "
                    + "fix the value or choose a single label column");
        }
        String[] labels = null;
        if (c == 1) {
            labels = new String[n];
            for (int i = 0; i < n; i++) {
                labels[i] = t.rows.get(i)[targetCols[0]].strip();
            }
        }
        return new Dataset(baseName(file), x, n, d, fnames, numeric ? y : null, c, tnames, labels);
    }

    private Dataset readAllFeatures(Path file, Boolean hasHeader) {
        Table t = parseRaw(file);
        boolean useHeader;
        if (hasHeader != null) {
            useHeader = hasHeader;
        } else {
            useHeader = false;
            if (!t.rows.isEmpty()) {
                for (String cell : t.rows.get(0)) {
                    if (Double.isNaN(parseNumber(cell.strip())) && !isMissingMarker(cell.strip())) {
                        useHeader = true;
                        break;
                    }
                }
            }
        }
        t = withHeader(file, t, useHeader);
        if (t.rows.isEmpty()) {
            throw new RfmException(ErrorCode.INVALID_DATA, file + " has " + (useHeader ? "a header but " : "")
                    + "no data rows: add data rows");
        }
        int d = t.width;
        int n = t.rows.size();
        checkSize(file, n, d);
        int[] all = new int[d];
        for (int j = 0; j < d; j++) {
            all[j] = j;
        }
        double[] x = features(file, t, all);
        return Dataset.featuresOnly(baseName(file), x, n, d, t.names);
    }

    private static boolean isMissingMarker(String s) {
        return s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("na");
    }

    private static void checkSize(Path file, int n, int d) {
        if ((long) n * d > DataChecks.MAX_ARRAY_ELEMENTS) {
            throw new RfmException(ErrorCode.OUT_OF_MEMORY, file + " has " + n + " rows x " + d
                    + " features, more values than one Java array holds: split the file or drop columns");
        }
    }

    private static double[] features(Path file, Table t, int[] featureCols) {
        int n = t.rows.size();
        int d = featureCols.length;
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            String[] row = t.rows.get(i);
            for (int k = 0; k < d; k++) {
                String cell = row[featureCols[k]].strip();
                double v = parseNumber(cell);
                if (!Double.isFinite(v)) {
                    String where = file + " line " + t.lines.get(i) + ", column " + quoteName(t.names[featureCols[k]]);
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
                x[i * d + k] = v;
            }
        }
        return x;
    }

    private int[] resolveTargets(Path file, String[] names, int cols) {
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
        if (s.isEmpty()) {
            return Double.NaN;
        }
        char last = s.charAt(s.length() - 1);
        if (last == 'f' || last == 'F' || last == 'd' || last == 'D') {
            String lower = s.toLowerCase();
            if (!lower.endsWith("inf")) {
                return Double.NaN;
            }
        }
        if (s.indexOf('x') >= 0 || s.indexOf('X') >= 0) {
            return Double.NaN;
        }
        String lower = s.toLowerCase();
        switch (lower) {
            case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default: break;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    // ------------------------------------------------------------------ parsing

    /** Rows as text, with line numbers; names filled in from the header or generated. */
    private static final class Table {
        String[] names;
        int width;
        final List<String[]> rows = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();
    }

    private Table parse(Path file) {
        return withHeader(file, parseRaw(file), header);
    }

    private static Table withHeader(Path file, Table t, boolean useHeader) {
        if (useHeader) {
            String[] h = t.rows.remove(0);
            t.lines.remove(0);
            for (int j = 0; j < h.length; j++) {
                h[j] = h[j].strip();
                if (h[j].isEmpty()) {
                    h[j] = "column " + j;
                }
            }
            t.names = h;
        } else {
            String[] h = new String[t.width];
            for (int j = 0; j < h.length; j++) {
                h[j] = "column " + j;
            }
            t.names = h;
        }
        return t;
    }

    private Table parseRaw(Path file) {
        FileChecks.requireReadableFile(file, "CSV file");
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16)) {
            Table t = parseRecords(file, r);
            if (t.rows.isEmpty()) {
                throw new RfmException(ErrorCode.INVALID_DATA, file + " is empty (no non-empty lines): "
                        + "pass a CSV file with " + (header ? "a header and " : "") + "data rows");
            }
            return t;
        } catch (CharacterCodingException e) {
            throw new RfmException(ErrorCode.IO, file + " is not UTF-8 text: save it as UTF-8 CSV", e);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read " + file + ": " + AtomicFiles.describe(e)
                    + ": check the file and its permissions", e);
        }
    }

    private Table parseRecords(Path file, Reader r) throws IOException {
        Table t = new Table();
        int line = 1;
        char delim = 0;
        boolean delimKnown = delimiter != null;
        if (delimKnown) {
            delim = delimiter;
        }
        StringBuilder field = new StringBuilder();
        List<String> record = new ArrayList<>();
        StringBuilder firstLine = delimKnown ? null : new StringBuilder();
        boolean first = true;
        int ch = r.read();
        if (ch == 0xFEFF) {
            ch = r.read(); // byte order mark
        }
        while (ch >= 0) {
            int recordLine = line;
            if (!delimKnown) {
                // look ahead at the first line to choose the delimiter; keep it for parsing
                firstLine.setLength(0);
                while (ch >= 0 && ch != '\n' && ch != '\r') {
                    firstLine.append((char) ch);
                    ch = r.read();
                }
                if (firstLine.toString().isBlank()) {
                    // blank line before any data: skip it
                    if (ch == '\r') {
                        ch = r.read();
                        if (ch == '\n') {
                            ch = r.read();
                        }
                    } else if (ch == '\n') {
                        ch = r.read();
                    }
                    line++;
                    continue;
                }
                delim = detectDelimiter(firstLine);
                delimKnown = true;
                // parse the first line from the buffer followed by the rest of the stream
                r = new PrefixReader(firstLine.toString(), ch, r);
                ch = r.read();
            }
            // parse one record
            record.clear();
            field.setLength(0);
            boolean quoted = false;
            boolean afterQuote = false;
            boolean recordHasContent = false;
            while (true) {
                if (ch < 0) {
                    if (quoted) {
                        throw new RfmException(ErrorCode.INVALID_DATA, file + " line " + recordLine
                                + ": a quoted field opened here is never closed: add the closing '\"'");
                    }
                    break;
                }
                char cc = (char) ch;
                if (quoted) {
                    if (cc == '"') {
                        int next = r.read();
                        if (next == '"') {
                            field.append('"');
                            ch = r.read();
                            continue;
                        }
                        quoted = false;
                        afterQuote = true;
                        ch = next;
                        continue;
                    }
                    if (cc == '\n' || (cc == '\r')) {
                        if (cc == '\r') {
                            int next = r.read();
                            field.append('\n');
                            line++;
                            if (next == '\n') {
                                ch = r.read();
                            } else {
                                ch = next;
                            }
                            continue;
                        }
                        line++;
                    }
                    field.append(cc);
                    ch = r.read();
                    continue;
                }
                if (cc == delim) {
                    record.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                    recordHasContent = true;
                    ch = r.read();
                    continue;
                }
                if (cc == '\n' || cc == '\r') {
                    ch = r.read();
                    if (cc == '\r' && ch == '\n') {
                        ch = r.read();
                    }
                    line++;
                    break;
                }
                if (cc == '"' && field.toString().isBlank() && !afterQuote) {
                    field.setLength(0);
                    quoted = true;
                    recordHasContent = true;
                    ch = r.read();
                    continue;
                }
                if (afterQuote) {
                    if (cc == ' ' || cc == '\t') {
                        ch = r.read();
                        continue;
                    }
                    throw new RfmException(ErrorCode.INVALID_DATA, file + " line " + line
                            + ": text after a closing quote: quote the whole field and double any '\"' inside it");
                }
                field.append(cc);
                if (!Character.isWhitespace(cc)) {
                    recordHasContent = true;
                }
                ch = r.read();
            }
            record.add(field.toString());
            if (!recordHasContent) {
                continue; // empty or blank line
            }
            String[] fields = record.toArray(new String[0]);
            if (first) {
                t.width = fields.length;
                first = false;
            } else if (fields.length != t.width) {
                throw new RfmException(ErrorCode.INVALID_DATA, file + " line " + recordLine + " has " + fields.length
                        + " fields but the first row has " + t.width + " (delimiter " + printable(delim)
                        + "): fix the row so every row has the same number of fields");
            }
            if ((long) t.rows.size() * t.width > DataChecks.MAX_ARRAY_ELEMENTS) {
                throw new RfmException(ErrorCode.OUT_OF_MEMORY, file + " has more values than one Java array holds"
                        + ": split the file or drop columns");
            }
            t.rows.add(fields);
            t.lines.add(recordLine);
        }
        return t;
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

    /** Re-feeds the first line (already consumed for delimiter detection) ahead of the rest. */
    private static final class PrefixReader extends Reader {
        private final String prefix;
        private int pos;
        private int pending; // the character that ended the prefix line (or -1), then the stream
        private boolean pendingUsed;
        private final Reader rest;

        PrefixReader(String prefix, int terminator, Reader rest) {
            this.prefix = prefix;
            this.pending = terminator;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            if (pos < prefix.length()) {
                return prefix.charAt(pos++);
            }
            if (!pendingUsed) {
                pendingUsed = true;
                return pending;
            }
            return rest.read();
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            cbuf[off] = (char) c;
            return 1;
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }
}
