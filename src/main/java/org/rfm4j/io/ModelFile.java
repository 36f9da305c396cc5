// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.DataChecks;

/**
 * The rfm4j model container: named, typed arrays in a documented binary format (never Java
 * serialization, so loading a hostile file cannot run code). See {@code docs/MODEL_FORMAT.md}.
 *
 * <pre>
 * offset  size  field
 * 0       8     magic: ASCII "RFM4JMDL"
 * 8       4     u32 format version (1, or 2 for models an older reader cannot interpret)
 * 12      4     u32 entry count
 * 16      ...   entries, each:
 *                 u16  name length in bytes (1..65535), then the name, UTF-8
 *                 u8   type tag: 1 = F64, 2 = F32, 3 = I32, 4 = I64, 5 = UTF8
 *                 u32  rank (0..8); then rank x u32 dims
 *                 payload: product(dims) elements (1 for rank 0), little-endian;
 *                          UTF8 is rank 1 with dims[0] = byte length
 * end-32  32    SHA-256 of every byte before it
 * </pre>
 * All integers are little-endian and unsigned. Readers check magic, then version, then the checksum,
 * then parse, checking every count and length against the bytes that remain before allocating. An
 * entry's meaning is up to the model that writes it; readers must ignore entries they do not know.
 */
public final class ModelFile {
    /** The eight magic bytes, "RFM4JMDL". */
    public static final byte[] MAGIC = "RFM4JMDL".getBytes(StandardCharsets.US_ASCII);
    /** The newest format version this code reads and writes. */
    public static final int FORMAT_VERSION = 2;
    /**
     * The version written unless a model asks for more: 1, the layout every rfm4j reads. Version 2 has
     * the same layout; a model writes it when an older reader could not interpret its entries (an RFM
     * tree), so that reader says "upgrade" instead of failing on missing entries.
     */
    public static final int BASE_VERSION = 1;
    /** Bytes of the SHA-256 trailer. */
    public static final int TRAILER_BYTES = 32;
    /** The largest rank an entry may have. */
    public static final int MAX_RANK = 8;
    private static final int HEADER_BYTES = 16;
    private static final int CHUNK = 1 << 20;

    /** Entry element types and their tags in the file. */
    public enum Type {
        /** 64-bit IEEE float, tag 1. */
        F64(1, 8),
        /** 32-bit IEEE float, tag 2. */
        F32(2, 4),
        /** 32-bit signed integer, tag 3. */
        I32(3, 4),
        /** 64-bit signed integer, tag 4. */
        I64(4, 8),
        /** UTF-8 text, one byte per element (rank 1, dims[0] = byte length), tag 5. */
        UTF8(5, 1);

        final int tag;
        final int size;

        Type(int tag, int size) {
            this.tag = tag;
            this.size = size;
        }

        static Type ofTag(int tag) {
            for (Type t : values()) {
                if (t.tag == tag) {
                    return t;
                }
            }
            return null;
        }
    }

    private ModelFile() {
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ writing

    /**
     * Collects entries, then writes them atomically. Arrays are kept by reference until
     * {@link #write(Path)}: do not change them in between.
     */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();
        private int version = BASE_VERSION;

        /** Writes format version {@code v} (BASE_VERSION to FORMAT_VERSION) instead of the base one. */
        public Builder formatVersion(int v) {
            if (v < BASE_VERSION || v > FORMAT_VERSION) {
                throw new IllegalArgumentException("format version " + v + " is not between " + BASE_VERSION + " and "
                        + FORMAT_VERSION);
            }
            version = v;
            return this;
        }

        /** An F64 array; no shape means 1-D of data.length. */
        public Builder put(String name, double[] data, int... shape) {
            return add(name, Type.F64, data, data == null ? -1 : data.length, shape);
        }

        /** An F32 array; no shape means 1-D. */
        public Builder putFloats(String name, float[] data, int... shape) {
            return add(name, Type.F32, data, data == null ? -1 : data.length, shape);
        }

        /** An I32 array; no shape means 1-D. */
        public Builder putInts(String name, int[] data, int... shape) {
            return add(name, Type.I32, data, data == null ? -1 : data.length, shape);
        }

        /** An I64 array; no shape means 1-D. */
        public Builder putLongs(String name, long[] data, int... shape) {
            return add(name, Type.I64, data, data == null ? -1 : data.length, shape);
        }

        /** An F64 scalar (rank 0). */
        public Builder putDouble(String name, double value) {
            return add(name, Type.F64, new double[] {value}, 1, new int[0], true);
        }

        /** An I32 scalar (rank 0). */
        public Builder putInt(String name, int value) {
            return add(name, Type.I32, new int[] {value}, 1, new int[0], true);
        }

        /** An I64 scalar (rank 0). */
        public Builder putLong(String name, long value) {
            return add(name, Type.I64, new long[] {value}, 1, new int[0], true);
        }

        /** A UTF-8 string (rank 1, dims = byte length). */
        public Builder putString(String name, String value) {
            if (value == null) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "model entry '" + name
                        + "': the string is null: pass a value (an empty string is fine)");
            }
            byte[] b = value.getBytes(StandardCharsets.UTF_8);
            return add(name, Type.UTF8, b, b.length, new int[] {b.length});
        }

        private Builder add(String name, Type type, Object data, int length, int[] shape) {
            return add(name, type, data, length, shape, false);
        }

        private Builder add(String name, Type type, Object data, int length, int[] shape, boolean scalar) {
            byte[] nameBytes = checkName(name);
            if (data == null) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "model entry '" + name
                        + "': the array is null: pass an array (an empty one is fine)");
            }
            int[] dims = (shape == null || (shape.length == 0 && !scalar)) ? new int[] {length} : shape.clone();
            if (dims.length > MAX_RANK) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "model entry '" + name + "' has rank "
                        + dims.length + ": at most " + MAX_RANK + " dimensions are allowed");
            }
            long count = 1;
            for (int s : dims) {
                if (s < 0) {
                    throw new RfmException(ErrorCode.INVALID_ARGUMENT, "model entry '" + name + "': shape "
                            + Arrays.toString(dims) + " has a negative dimension: pass sizes >= 0");
                }
                count *= s;
            }
            if (count != length) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "model entry '" + name + "': shape "
                        + Arrays.toString(dims) + " needs " + count + " values but the array holds " + length
                        + ": pass a matching shape");
            }
            if (entries.containsKey(name)) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "model entry '" + name
                        + "' is added twice: use a distinct name for each entry");
            }
            entries.put(name, new Entry(name, nameBytes, type, dims, data));
            return this;
        }

        private static byte[] checkName(String name) {
            if (name == null || name.isEmpty()) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "a model entry needs a non-empty name");
            }
            byte[] b = name.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0xffff) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "model entry name of " + b.length
                        + " bytes is too long: use at most 65535 bytes");
            }
            return b;
        }

        /** Writes the file atomically (temporary file, fsync, rename). */
        public void write(Path file) {
            AtomicFiles.write(file, this::writeTo);
        }

        /** The file's bytes, in memory (a model shipped between processes). */
        public byte[] toBytes() {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try {
                writeTo(out);
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory failed", e); // a ByteArrayOutputStream does not
            }
            return out.toByteArray();
        }

        /** Writes the file's bytes to a stream (for tests and in-memory use). */
        public void writeTo(OutputStream raw) throws IOException {
            MessageDigest sha = sha256();
            OutputStream out = new java.security.DigestOutputStream(raw, sha) {
                @Override
                public void close() {
                    // the caller owns the stream
                }
            };
            ByteBuffer b = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            b.put(MAGIC).putInt(version).putInt(entries.size());
            for (Entry e : entries.values()) {
                ensure(b, out, 2 + e.nameBytes.length + 1 + 4 + 4 * e.dims.length);
                b.putShort((short) e.nameBytes.length).put(e.nameBytes).put((byte) e.type.tag).putInt(e.dims.length);
                for (int s : e.dims) {
                    b.putInt(s);
                }
                writePayload(b, out, e);
            }
            flush(b, out);
            out.flush();
            raw.write(sha.digest());
        }

        private static void writePayload(ByteBuffer b, OutputStream out, Entry e) throws IOException {
            switch (e.type) {
                case F64: {
                    double[] a = (double[]) e.data;
                    for (double v : a) {
                        ensure(b, out, 8);
                        b.putDouble(v);
                    }
                    break;
                }
                case F32: {
                    float[] a = (float[]) e.data;
                    for (float v : a) {
                        ensure(b, out, 4);
                        b.putFloat(v);
                    }
                    break;
                }
                case I32: {
                    int[] a = (int[]) e.data;
                    for (int v : a) {
                        ensure(b, out, 4);
                        b.putInt(v);
                    }
                    break;
                }
                case I64: {
                    long[] a = (long[]) e.data;
                    for (long v : a) {
                        ensure(b, out, 8);
                        b.putLong(v);
                    }
                    break;
                }
                case UTF8: {
                    byte[] a = (byte[]) e.data;
                    flush(b, out);
                    out.write(a);
                    break;
                }
                default:
                    throw new IllegalStateException(e.type.toString());
            }
        }

        private static void ensure(ByteBuffer b, OutputStream out, int bytes) throws IOException {
            if (b.remaining() < bytes) {
                flush(b, out);
                if (b.remaining() < bytes) {
                    throw new IllegalStateException("record larger than buffer");
                }
            }
        }

        private static void flush(ByteBuffer b, OutputStream out) throws IOException {
            out.write(b.array(), 0, b.position());
            b.clear();
        }
    }

    private record Entry(String name, byte[] nameBytes, Type type, int[] dims, Object data) {
    }

    // ------------------------------------------------------------------ reading

    /** Reads and verifies a model file. */
    public static Contents read(Path file) {
        long size = FileChecks.requireReadableFile(file, "model file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, ch, size);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read model file " + file + ": " + AtomicFiles.describe(e)
                    + ": check the file and its permissions", e);
        }
    }

    /**
     * Reads and verifies a model file's bytes held in memory (a model shipped between processes, as
     * Spark's tasks do); {@code label} names it in messages.
     */
    public static Contents read(byte[] bytes, String label) {
        if (bytes == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "the model bytes of " + label + " are null");
        }
        Path name = Path.of(label == null || label.isBlank() ? "(model bytes)" : label);
        try {
            return read(name, new ByteArrayChannel(bytes), bytes.length);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read " + label + ": " + e.getMessage(), e);
        }
    }

    private static Contents read(Path file, SeekableByteChannel ch, long size) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (head.hasRemaining() && ch.read(head) >= 0) {
            // fill
        }
        head.flip();
        if (head.limit() < MAGIC.length || !Arrays.equals(Arrays.copyOf(head.array(), MAGIC.length), MAGIC)) {
            throw new RfmException(ErrorCode.IO, file + " is not an rfm4j model file (it does not start with "
                    + "\"RFM4JMDL\"): pass a file written by rfm4j's model save");
        }
        if (head.limit() < 12) {
            throw truncated(file, size);
        }
        long version = head.getInt(8) & 0xffffffffL;
        if (version > FORMAT_VERSION) {
            throw new RfmException(ErrorCode.IO, file + " was written by a newer rfm4j (format " + version
                    + "; this version reads up to " + FORMAT_VERSION + "): upgrade rfm4j");
        }
        if (version < 1) {
            throw new RfmException(ErrorCode.IO, file + " has format version 0, which no rfm4j writes: the file is corrupt");
        }
        if (size < HEADER_BYTES + TRAILER_BYTES) {
            throw truncated(file, size);
        }
        // checksum over everything before the trailer
        long body = size - TRAILER_BYTES;
        MessageDigest sha = sha256();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        ch.position(0);
        long left = body;
        while (left > 0) {
            buf.clear().limit((int) Math.min(CHUNK, left));
            int r = ch.read(buf);
            if (r < 0) {
                throw truncated(file, size);
            }
            buf.flip();
            sha.update(buf);
            left -= r;
        }
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
        while (trailer.hasRemaining()) {
            if (ch.read(trailer) < 0) {
                throw truncated(file, size);
            }
        }
        if (!MessageDigest.isEqual(sha.digest(), trailer.array())) {
            throw new RfmException(ErrorCode.IO, file + " is corrupt or truncated (SHA-256 checksum mismatch): "
                    + "restore it from a backup or save the model again");
        }
        // parse
        ch.position(HEADER_BYTES);
        Parser p = new Parser(file, ch, body);
        long count = head.getInt(12) & 0xffffffffL;
        long minEntryBytes = 2 + 1 + 1 + 4; // name of >= 1 byte, tag, rank
        if (count > (body - HEADER_BYTES) / minEntryBytes) {
            throw corrupt(file, "entry count " + count + " cannot fit in " + (body - HEADER_BYTES) + " bytes");
        }
        Map<String, Value> values = new LinkedHashMap<>();
        for (long k = 0; k < count; k++) {
            int nameLen = p.u16();
            if (nameLen == 0) {
                throw corrupt(file, "entry " + k + " has an empty name");
            }
            String name = p.utf8(nameLen);
            int tag = p.u8();
            Type type = Type.ofTag(tag);
            if (type == null) {
                throw corrupt(file, "entry '" + name + "' has unknown type tag " + tag);
            }
            long rank = p.u32();
            if (rank > MAX_RANK) {
                throw corrupt(file, "entry '" + name + "' has rank " + rank + " (at most " + MAX_RANK + ")");
            }
            int[] dims = new int[(int) rank];
            boolean zero = false;
            for (int i = 0; i < rank; i++) {
                long s = p.u32();
                if (s > Integer.MAX_VALUE) {
                    throw corrupt(file, "entry '" + name + "' has dimension " + s);
                }
                dims[i] = (int) s;
                zero |= s == 0;
            }
            long elements = 1;
            if (zero) {
                elements = 0;
            } else {
                for (int s : dims) {
                    try {
                        elements = Math.multiplyExact(elements, (long) s);
                    } catch (ArithmeticException e) {
                        elements = Long.MAX_VALUE;
                        break;
                    }
                }
            }
            if (elements > p.remaining()) {
                throw corrupt(file, "entry '" + name + "' claims shape " + Arrays.toString(dims)
                        + " but only " + p.remaining() + " bytes remain");
            }
            if (type == Type.UTF8 && rank != 1) {
                throw corrupt(file, "string entry '" + name + "' has rank " + rank + " instead of 1");
            }
            long bytes = elements * type.size;
            if (bytes > p.remaining()) {
                throw corrupt(file, "entry '" + name + "' needs " + bytes + " bytes but only " + p.remaining() + " remain");
            }
            if (elements > DataChecks.MAX_ARRAY_ELEMENTS) {
                throw new RfmException(ErrorCode.OUT_OF_MEMORY, file + ": entry '" + name + "' holds " + elements
                        + " values, more than one Java array holds: this file cannot be loaded by this JVM");
            }
            Object data = p.payload(type, (int) elements);
            if (values.put(name, new Value(type, dims, data)) != null) {
                throw corrupt(file, "entry '" + name + "' appears twice");
            }
        }
        if (p.remaining() != 0) {
            throw corrupt(file, p.remaining() + " unexpected bytes after the last entry");
        }
        return new Contents(file, (int) version, values);
    }

    private static RfmException truncated(Path file, long size) {
        return new RfmException(ErrorCode.IO, file + " is truncated (" + size + " bytes, shorter than any complete "
                + "model file): restore it from a backup or save the model again");
    }

    private static RfmException corrupt(Path file, String what) {
        return new RfmException(ErrorCode.IO, file + " is corrupt (" + what
                + ") although its checksum matches: it was not written by rfm4j; save the model again");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new RfmException(ErrorCode.INTERNAL, "this JVM lacks SHA-256, which every Java platform must have", e);
        }
    }

    /** Sequential little-endian reads with a running count of the bytes left before the trailer. */
    private static final class Parser {
        private final Path file;
        private final SeekableByteChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        private long remaining;

        Parser(Path file, SeekableByteChannel ch, long end) throws IOException {
            this.file = file;
            this.ch = ch;
            this.remaining = end - ch.position();
            buf.limit(0);
        }

        long remaining() {
            return remaining;
        }

        private void need(int bytes) throws IOException {
            if (bytes > remaining) {
                throw new RfmException(ErrorCode.IO, file + " is corrupt (an entry runs past the end of the data)"
                        + " although its checksum matches: it was not written by rfm4j; save the model again");
            }
            if (buf.remaining() < bytes) {
                buf.compact();
                while (buf.position() < bytes) {
                    if (ch.read(buf) < 0) {
                        throw new RfmException(ErrorCode.IO, file + " ended early: the file was changed while being read");
                    }
                }
                buf.flip();
            }
            remaining -= bytes;
        }

        int u8() throws IOException {
            need(1);
            return buf.get() & 0xff;
        }

        int u16() throws IOException {
            need(2);
            return buf.getShort() & 0xffff;
        }

        long u32() throws IOException {
            need(4);
            return buf.getInt() & 0xffffffffL;
        }

        String utf8(int len) throws IOException {
            byte[] b = new byte[len];
            int off = 0;
            while (off < len) {
                int k = Math.min(len - off, CHUNK);
                need(k);
                buf.get(b, off, k);
                off += k;
            }
            var decoder = StandardCharsets.UTF_8.newDecoder();
            try {
                return decoder.decode(ByteBuffer.wrap(b)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new RfmException(ErrorCode.IO, file + " is corrupt (a name or string is not valid UTF-8)"
                        + ": save the model again", e);
            }
        }

        Object payload(Type type, int n) throws IOException {
            switch (type) {
                case F64: {
                    double[] a = new double[n];
                    for (int i = 0; i < n; i++) {
                        need(8);
                        a[i] = buf.getDouble();
                    }
                    return a;
                }
                case F32: {
                    float[] a = new float[n];
                    for (int i = 0; i < n; i++) {
                        need(4);
                        a[i] = buf.getFloat();
                    }
                    return a;
                }
                case I32: {
                    int[] a = new int[n];
                    for (int i = 0; i < n; i++) {
                        need(4);
                        a[i] = buf.getInt();
                    }
                    return a;
                }
                case I64: {
                    long[] a = new long[n];
                    for (int i = 0; i < n; i++) {
                        need(8);
                        a[i] = buf.getLong();
                    }
                    return a;
                }
                case UTF8:
                    return utf8(n);
                default:
                    throw new IllegalStateException(type.toString());
            }
        }
    }

    private record Value(Type type, int[] dims, Object data) {
    }

    /** The verified entries of a model file, with typed getters. */
    public static final class Contents {
        private final Path file;
        private final int version;
        private final Map<String, Value> values;

        Contents(Path file, int version, Map<String, Value> values) {
            this.file = file;
            this.version = version;
            this.values = values;
        }

        /** The file this was read from. */
        public Path file() {
            return file;
        }

        /** The format version of the file. */
        public int formatVersion() {
            return version;
        }

        /** Whether the file holds an entry named {@code name}. */
        public boolean has(String name) {
            return values.containsKey(name);
        }

        /** Entry names in file order. */
        public Set<String> names() {
            return Collections.unmodifiableSet(values.keySet());
        }

        /** The element type of an entry. */
        public Type type(String name) {
            return get(name).type;
        }

        /** The shape of an entry (empty for a scalar). */
        public int[] shape(String name) {
            return get(name).dims.clone();
        }

        /** An F64 array, or an F32 array widened to double. */
        public double[] getDoubles(String name) {
            Value v = get(name);
            if (v.type == Type.F64) {
                return ((double[]) v.data).clone();
            }
            if (v.type == Type.F32) {
                float[] f = (float[]) v.data;
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                return d;
            }
            throw wrongType(name, v, "F64 or F32");
        }

        /** An F32 array. */
        public float[] getFloats(String name) {
            return ((float[]) typed(name, Type.F32).data).clone();
        }

        /** An I32 array. */
        public int[] getInts(String name) {
            return ((int[]) typed(name, Type.I32).data).clone();
        }

        /** An I64 array (I32 widened). */
        public long[] getLongs(String name) {
            Value v = get(name);
            if (v.type == Type.I32) {
                return Arrays.stream((int[]) v.data).asLongStream().toArray();
            }
            return ((long[]) typed(name, Type.I64).data).clone();
        }

        /** A scalar F64 (or F32); also accepts a one-element array. */
        public double getDouble(String name) {
            return single(name, getDoubles(name));
        }

        /** A scalar I32; also accepts a one-element array. */
        public int getInt(String name) {
            int[] a = getInts(name);
            requireOne(name, a.length);
            return a[0];
        }

        /** A scalar I64 (or I32); also accepts a one-element array. */
        public long getLong(String name) {
            long[] a = getLongs(name);
            requireOne(name, a.length);
            return a[0];
        }

        /** A UTF8 string. */
        public String getString(String name) {
            return (String) typed(name, Type.UTF8).data;
        }

        private double single(String name, double[] a) {
            requireOne(name, a.length);
            return a[0];
        }

        private void requireOne(String name, int length) {
            if (length != 1) {
                throw new RfmException(ErrorCode.IO, "model file " + file + ": entry '" + name + "' holds " + length
                        + " values where one was expected: the file was written by another model type");
            }
        }

        private Value typed(String name, Type type) {
            Value v = get(name);
            if (v.type != type) {
                throw wrongType(name, v, type.toString());
            }
            return v;
        }

        private RfmException wrongType(String name, Value v, String expected) {
            return new RfmException(ErrorCode.IO, "model file " + file + ": entry '" + name + "' is " + v.type
                    + ", expected " + expected + ": the file was written by another model type or rfm4j version");
        }

        private Value get(String name) {
            Value v = values.get(name);
            if (v == null) {
                List<String> known = new ArrayList<>(values.keySet());
                String list = known.size() > 20 ? known.subList(0, 20) + "..." : known.toString();
                throw new RfmException(ErrorCode.IO, "model file " + file + " has no entry '" + name + "' (it has "
                        + list + "): it was written by another model type or an incompatible rfm4j version; "
                        + "save the model again with this version");
            }
            return v;
        }
    }
}
