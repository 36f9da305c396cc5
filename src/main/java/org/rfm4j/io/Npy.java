// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.DataChecks;
import org.rfm4j.data.Dataset;

/**
 * Reads and writes NumPy {@code .npy} files.
 *
 * <p>Reading: format versions 1.0, 2.0 and 3.0; C order only; 1-D or 2-D shapes; dtypes
 * {@code f4, f8, i1, i2, i4, i8, u1, u2, u4} in little- or big-endian order, converted to double.
 * Fortran order is rejected (clear error) unless the layout is the same as C order (1-D, or a
 * single row or column).
 * The header is validated strictly (magic, version, header length, dictionary syntax and keys) and
 * the size the shape implies is compared with the file's real length before anything is allocated.
 *
 * <p>Writing: format 1.0 (2.0 if the header does not fit 1.0), {@code <f8} or {@code <f4}, C order,
 * atomically (see {@link AtomicFiles}).
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The largest header this reader accepts; numpy itself caps it far lower in practice. */
    private static final int MAX_HEADER = 1 << 20;
    private static final int CHUNK = 1 << 20;

    private Npy() {
    }

    // ------------------------------------------------------------------ reading

    /** Reads a 1-D or 2-D array. */
    public static NpyArray read(Path file) {
        long size = FileChecks.requireReadableFile(file, ".npy file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, ch, size);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read " + file + ": " + AtomicFiles.describe(e)
                    + ": check the file and its permissions", e);
        }
    }

    private static NpyArray read(Path file, FileChannel ch, long size) throws IOException {
        if (size < 10) {
            throw new RfmException(ErrorCode.IO, file + " is " + size
                    + " bytes, too short to be a .npy file: pass a file written by numpy.save");
        }
        ByteBuffer pre = readFully(file, ch, 8);
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre.get(i) != MAGIC[i]) {
                throw new RfmException(ErrorCode.IO, file
                        + " is not a NumPy .npy file (it does not start with \\x93NUMPY): pass a file written by numpy.save");
            }
        }
        int major = pre.get(6) & 0xff;
        int minor = pre.get(7) & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new RfmException(ErrorCode.IO, file + " uses .npy format version " + major + "." + minor
                    + ", this reader knows 1.0, 2.0 and 3.0: re-save it with numpy.save from a current NumPy");
        }
        long headerLen;
        int prelude;
        if (major == 1) {
            headerLen = readFully(file, ch, 2).order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xffff;
            prelude = 10;
        } else {
            headerLen = readFully(file, ch, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(0) & 0xffffffffL;
            prelude = 12;
        }
        if (headerLen > size - prelude) {
            throw new RfmException(ErrorCode.IO, file + ": the header claims " + headerLen
                    + " bytes but only " + (size - prelude) + " follow: the file is truncated or corrupt");
        }
        if (headerLen > MAX_HEADER) {
            throw new RfmException(ErrorCode.IO, file + ": the header claims " + headerLen
                    + " bytes, more than the " + MAX_HEADER + " a plain array needs: the file is corrupt");
        }
        ByteBuffer hb = readFully(file, ch, (int) headerLen);
        String header = new String(hb.array(), 0, (int) headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = parseHeader(file, header);

        DType t = DType.parse(file, h.descr);
        boolean layoutMatters = h.shape.length == 2 && h.shape[0] > 1 && h.shape[1] > 1;
        if (h.fortranOrder && layoutMatters) {
            throw new RfmException(ErrorCode.IO, file + " is stored in Fortran (column-major) order, which rfm4j "
                    + "does not read: save it with numpy.save(path, numpy.ascontiguousarray(a))");
        }
        if (h.shape.length == 0 || h.shape.length > 2) {
            throw new RfmException(ErrorCode.IO, file + " holds a " + h.shape.length + "-D array (shape "
                    + shapeText(h.shape) + "); rfm4j reads 1-D or 2-D arrays: reshape it to (n, d) before saving");
        }
        long elements = 1;
        long dataBytes;
        try {
            for (long s : h.shape) {
                elements = Math.multiplyExact(elements, s);
            }
            dataBytes = Math.multiplyExact(elements, (long) t.size);
        } catch (ArithmeticException e) {
            throw new RfmException(ErrorCode.IO, file + ": header shape " + shapeText(h.shape)
                    + " overflows any possible size: the file is corrupt");
        }
        long dataOffset = prelude + headerLen;
        long available = size - dataOffset;
        String claim = "header says " + shapeWords(h.shape) + " " + t.name + " = " + dataBytes + " bytes";
        if (available < dataBytes) {
            throw new RfmException(ErrorCode.IO, file + ": " + claim + " but the file holds " + available
                    + ": the file is truncated or corrupt");
        }
        if (available > dataBytes) {
            throw new RfmException(ErrorCode.IO, file + ": " + claim + " but the file holds " + available
                    + ": the file is corrupt or not a plain .npy array");
        }
        if (elements > DataChecks.MAX_ARRAY_ELEMENTS) {
            throw new RfmException(ErrorCode.OUT_OF_MEMORY, file + " holds " + elements
                    + " values, more than one Java array can hold (" + DataChecks.MAX_ARRAY_ELEMENTS
                    + "): split the data into smaller files");
        }
        int[] shape = new int[h.shape.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) h.shape[i]; // <= elements <= MAX_ARRAY_ELEMENTS unless another dim is 0
            if (h.shape[i] > Integer.MAX_VALUE) {
                throw new RfmException(ErrorCode.IO, file + ": dimension " + h.shape[i]
                        + " is too large: the file is corrupt");
            }
        }
        double[] data = new double[(int) elements];
        readData(file, ch, t, data);
        return new NpyArray(shape, data, h.descr);
    }

    private static void readData(Path file, FileChannel ch, DType t, double[] out) throws IOException {
        int perChunk = CHUNK / t.size;
        ByteBuffer buf = ByteBuffer.allocate(perChunk * t.size).order(t.order);
        int done = 0;
        while (done < out.length) {
            int k = Math.min(perChunk, out.length - done);
            buf.clear().limit(k * t.size);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    throw new RfmException(ErrorCode.IO, file + " ended early while reading its data: "
                            + "the file is truncated (or was changed while being read)");
                }
            }
            buf.flip();
            for (int i = 0; i < k; i++) {
                out[done + i] = t.get(buf);
            }
            done += k;
        }
    }

    private static ByteBuffer readFully(Path file, FileChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new RfmException(ErrorCode.IO, file + " ended inside its header: the file is truncated");
            }
        }
        b.flip();
        return b;
    }

    /**
     * Reads features (2-D (n, d), or 1-D read as (n, 1)) and optional targets (1-D (n) or 2-D (n, c))
     * into a dataset. With one target column, labels are the targets as text (integers without ".0").
     */
    public static Dataset readDataset(Path xFile, Path yFile) {
        NpyArray xa = read(xFile);
        int n = xa.rows();
        int d = xa.cols();
        String name = stripExtension(xFile.getFileName().toString());
        if (yFile == null) {
            return Dataset.featuresOnly(name, xa.data(), n, d, null);
        }
        NpyArray ya = read(yFile);
        DataChecks.requireSameRows(n, xFile.toString(), ya.rows(), yFile.toString());
        int c = ya.cols();
        String[] labels = null;
        if (c == 1) {
            labels = new String[n];
            for (int i = 0; i < n; i++) {
                labels[i] = numberText(ya.data()[i]);
            }
        }
        return new Dataset(name, xa.data(), n, d, null, ya.data(), c, null, labels);
    }

    static String numberText(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String stripExtension(String s) {
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes a 1-D or 2-D C-order array atomically, as {@code <f4} when {@code float32} else {@code <f8}.
     */
    public static void write(Path file, double[] data, int[] shape, boolean float32) {
        if (shape == null || shape.length < 1 || shape.length > 2) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "cannot write " + file + ": shape "
                    + (shape == null ? "null" : Arrays.toString(shape)) + " is not 1-D or 2-D: pass {n} or {n, d}");
        }
        long count = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "cannot write " + file + ": shape "
                        + Arrays.toString(shape) + " has a negative dimension: pass sizes >= 0");
            }
            count *= s;
        }
        if (data == null || data.length != count) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "cannot write " + file + ": shape "
                    + Arrays.toString(shape) + " needs " + count + " values but " + (data == null ? 0 : data.length)
                    + " were given: pass matching data and shape");
        }
        String descr = float32 ? "<f4" : "<f8";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': ("
                + shape[0] + (shape.length == 1 ? "," : ", " + shape[1]) + "), }";
        byte[] headerBytes = header(dict);
        int itemSize = float32 ? 4 : 8;
        AtomicFiles.write(file, out -> {
            out.write(headerBytes);
            int perChunk = CHUNK / itemSize;
            ByteBuffer buf = ByteBuffer.allocate(perChunk * itemSize).order(ByteOrder.LITTLE_ENDIAN);
            for (int off = 0; off < data.length; off += perChunk) {
                int k = Math.min(perChunk, data.length - off);
                buf.clear();
                for (int i = 0; i < k; i++) {
                    if (float32) {
                        buf.putFloat((float) data[off + i]);
                    } else {
                        buf.putDouble(data[off + i]);
                    }
                }
                out.write(buf.array(), 0, buf.position());
            }
        });
    }

    /** Magic, version, length and the space-padded dictionary ending in '\n', aligned to 64 bytes. */
    private static byte[] header(String dict) {
        byte[] d = dict.getBytes(StandardCharsets.ISO_8859_1);
        boolean v1 = true;
        int prelude = 10;
        int total = padTo64(prelude + d.length + 1);
        if (total - prelude > 0xffff) {
            v1 = false;
            prelude = 12;
            total = padTo64(prelude + d.length + 1);
        }
        int headerLen = total - prelude;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) (v1 ? 1 : 2)).put((byte) 0);
        if (v1) {
            b.putShort((short) headerLen);
        } else {
            b.putInt(headerLen);
        }
        b.put(d);
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    private static int padTo64(int n) {
        return (n + 63) / 64 * 64;
    }

    // ------------------------------------------------------------------ header parsing

    private record Header(String descr, boolean fortranOrder, long[] shape) {
    }

    static String shapeText(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String shapeWords(long[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? " x " : "").append(shape[i]);
        }
        return sb.toString();
    }

    private static Header parseHeader(Path file, String text) {
        HeaderParser p = new HeaderParser(file, text);
        Map<String, Object> dict = p.parseDict();
        for (String key : dict.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw p.error("unexpected key '" + key + "'");
            }
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shape = dict.get("shape");
        if (!(descr instanceof String)) {
            throw p.error(descr == null ? "no 'descr'" : "'descr' is not a plain type string (structured dtypes are not supported)");
        }
        if (!(fortran instanceof Boolean)) {
            throw p.error(fortran == null ? "no 'fortran_order'" : "'fortran_order' is not True or False");
        }
        if (!(shape instanceof long[])) {
            throw p.error(shape == null ? "no 'shape'" : "'shape' is not a tuple of integers");
        }
        return new Header((String) descr, (Boolean) fortran, (long[]) shape);
    }

    /** A strict parser for the Python dict literal numpy writes. */
    private static final class HeaderParser {
        private final Path file;
        private final String s;
        private int pos;

        HeaderParser(Path file, String s) {
            this.file = file;
            this.s = s;
        }

        RfmException error(String what) {
            String shown = s.length() > 200 ? s.substring(0, 200) + "..." : s;
            return new RfmException(ErrorCode.IO, file + ": bad .npy header (" + what + ") in " + shown.strip()
                    + ": the file is corrupt or not written by numpy.save");
        }

        Map<String, Object> parseDict() {
            ws();
            expect('{');
            Map<String, Object> map = new LinkedHashMap<>();
            while (true) {
                ws();
                if (peek() == '}') {
                    pos++;
                    break;
                }
                String key = string();
                ws();
                expect(':');
                ws();
                Object value = value();
                if (map.put(key, value) != null) {
                    throw error("duplicate key '" + key + "'");
                }
                ws();
                char ch = peek();
                if (ch == ',') {
                    pos++;
                } else if (ch != '}') {
                    throw error("expected ',' or '}' at offset " + pos);
                }
            }
            ws();
            if (pos != s.length()) {
                throw error("unexpected text after the dictionary at offset " + pos);
            }
            return map;
        }

        private Object value() {
            char ch = peek();
            if (ch == '\'' || ch == '"') {
                return string();
            }
            if (ch == '(') {
                return tuple();
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            throw error("unexpected value at offset " + pos);
        }

        private long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (true) {
                ws();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                dims.add(integer());
                ws();
                char ch = peek();
                if (ch == ',') {
                    pos++;
                } else if (ch != ')') {
                    throw error("expected ',' or ')' in the shape at offset " + pos);
                }
                if (dims.size() > 32) {
                    throw error("too many dimensions");
                }
            }
            long[] out = new long[dims.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = dims.get(i);
            }
            return out;
        }

        private long integer() {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
                pos++;
            }
            if (pos == start) {
                throw error("expected a non-negative integer at offset " + start);
            }
            if (pos - start > 18) {
                throw error("dimension " + s.substring(start, pos) + " is too large");
            }
            long v = Long.parseLong(s.substring(start, pos));
            if (pos < s.length() && s.charAt(pos) == 'L') {
                pos++; // Python 2 long suffix
            }
            return v;
        }

        private String string() {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw error("expected a quoted string at offset " + pos);
            }
            int end = s.indexOf(q, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String v = s.substring(pos + 1, end);
            if (v.indexOf('\\') >= 0) {
                throw error("escape sequences are not expected");
            }
            pos = end + 1;
            return v;
        }

        private void expect(char ch) {
            if (peek() != ch) {
                throw error("expected '" + ch + "' at offset " + pos);
            }
            pos++;
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("it ends early");
            }
            return s.charAt(pos);
        }

        private void ws() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\n' || s.charAt(pos) == '\t'
                    || s.charAt(pos) == '\r' || s.charAt(pos) == '\0')) {
                pos++;
            }
        }
    }

    /** Supported element types. */
    private enum Kind { F4, F8, I1, I2, I4, I8, U1, U2, U4 }

    private record DType(Kind kind, int size, ByteOrder order, String name) {
        static DType parse(Path file, String descr) {
            if (descr.length() < 3) {
                throw unsupported(file, descr);
            }
            char bo = descr.charAt(0);
            ByteOrder order;
            switch (bo) {
                case '<': order = ByteOrder.LITTLE_ENDIAN; break;
                case '>': order = ByteOrder.BIG_ENDIAN; break;
                case '=': order = ByteOrder.nativeOrder(); break;
                case '|': order = ByteOrder.LITTLE_ENDIAN; break;
                default: throw unsupported(file, descr);
            }
            String t = descr.substring(1);
            DType d;
            switch (t) {
                case "f4": d = new DType(Kind.F4, 4, order, "float32"); break;
                case "f8": d = new DType(Kind.F8, 8, order, "float64"); break;
                case "i1": d = new DType(Kind.I1, 1, order, "int8"); break;
                case "i2": d = new DType(Kind.I2, 2, order, "int16"); break;
                case "i4": d = new DType(Kind.I4, 4, order, "int32"); break;
                case "i8": d = new DType(Kind.I8, 8, order, "int64"); break;
                case "u1": d = new DType(Kind.U1, 1, order, "uint8"); break;
                case "u2": d = new DType(Kind.U2, 2, order, "uint16"); break;
                case "u4": d = new DType(Kind.U4, 4, order, "uint32"); break;
                default: throw unsupported(file, descr);
            }
            if (bo == '|' && d.size != 1) {
                throw unsupported(file, descr);
            }
            return d;
        }

        private static RfmException unsupported(Path file, String descr) {
            return new RfmException(ErrorCode.IO, file + " holds dtype '" + descr + "', which rfm4j does not read "
                    + "(it reads float32/float64 and 8-64 bit integers): convert it with a.astype(numpy.float64)");
        }

        double get(ByteBuffer b) {
            switch (kind) {
                case F4: return b.getFloat();
                case F8: return b.getDouble();
                case I1: return b.get();
                case I2: return b.getShort();
                case I4: return b.getInt();
                case I8: return b.getLong();
                case U1: return b.get() & 0xff;
                case U2: return b.getShort() & 0xffff;
                case U4: return b.getInt() & 0xffffffffL;
                default: throw new IllegalStateException(kind.toString());
            }
        }
    }
}
