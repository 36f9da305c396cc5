// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The safetensors layout (huggingface/safetensors; our tests read it back with NumPy alone): an
 * 8-byte little-endian header length, a JSON header (each tensor's dtype, shape and byte range in the data
 * that follows; string metadata under "__metadata__"), then the tensors' bytes, little-endian, row-major.
 * We write F64 and read F64 or F32; reading checks every length, range and value (finite) before use.
 */
public final class Safetensors {
    /** Headers larger than this are refused (the format's own readers use the same bound). */
    static final long MAX_HEADER_BYTES = 100L << 20;

    /**
     * A tensor: shape (row-major) and values, held as doubles.
     *
     * @param shape  the dimensions, each at least 0
     * @param values the values, row-major, as many as the shape's product
     */
    public record Tensor(int[] shape, double[] values) {
        /**
         * Checks the shape against the values; throws {@link RfmException} ({@link ErrorCode#INVALID_ARGUMENT}) for a
         * negative dimension or when the shape's product is not {@code values.length}.
         */
        public Tensor {
            long count = 1;
            for (int s : shape) {
                if (s < 0) {
                    throw new RfmException(ErrorCode.INVALID_ARGUMENT, "negative tensor dimension " + s);
                }
                count *= s;
            }
            if (count != values.length) {
                throw new RfmException(ErrorCode.INVALID_ARGUMENT, "a tensor of shape " + java.util.Arrays.toString(shape)
                        + " needs " + count + " values, got " + values.length);
            }
        }
    }

    /**
     * What a file holds.
     *
     * @param metadata the string metadata ("__metadata__")
     * @param tensors  the tensors by name
     */
    public record Contents(Map<String, String> metadata, Map<String, Tensor> tensors) {
    }

    private Safetensors() {
    }

    /** Writes the tensors (as F64) and the metadata, atomically. */
    public static void write(Path file, Map<String, String> metadata, Map<String, Tensor> tensors) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", new LinkedHashMap<>(metadata));
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("dtype", "F64");
            List<Object> shape = new ArrayList<>();
            for (int s : e.getValue().shape()) {
                shape.add(s);
            }
            t.put("shape", shape);
            long bytes = 8L * e.getValue().values().length;
            t.put("data_offsets", List.of(offset, offset + bytes));
            header.put(e.getKey(), t);
            offset += bytes;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // the data starts 8-byte aligned; the header is padded with spaces
        AtomicFiles.write(file, out -> {
            ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(head.array());
            out.write(json);
            for (int i = json.length; i < padded; i++) {
                out.write(' ');
            }
            for (Tensor t : tensors.values()) {
                ByteBuffer b = ByteBuffer.allocate(8 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : t.values()) {
                    b.putDouble(v);
                }
                out.write(b.array());
            }
        });
    }

    /** Reads and checks a safetensors file; any inconsistency is an IO error naming the file and the problem. */
    public static Contents read(Path file) {
        long size = FileChecks.requireReadableFile(file, "safetensors file");
        byte[] all;
        try {
            if (size > Integer.MAX_VALUE - 8) {
                throw new RfmException(ErrorCode.OUT_OF_MEMORY, file + " is " + size + " bytes: too large to load");
            }
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (all.length < 8) {
            throw corrupt(file, "shorter than its 8-byte header length");
        }
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER_BYTES || n > all.length - 8) {
            throw corrupt(file, "header length " + n + " does not fit the file's " + all.length + " bytes");
        }
        Map<String, Object> header;
        try {
            header = JsonReader.parseObject(new String(all, 8, (int) n, StandardCharsets.UTF_8).strip());
        } catch (RfmException e) {
            throw corrupt(file, "the header is not a JSON object (" + e.getMessage() + ")");
        }
        long dataStart = 8 + n, dataBytes = all.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<long[]> ranges = new ArrayList<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                if (!(e.getValue() instanceof Map)) {
                    throw corrupt(file, "__metadata__ is not an object");
                }
                for (Map.Entry<?, ?> m : ((Map<?, ?>) e.getValue()).entrySet()) {
                    if (!(m.getValue() instanceof String)) {
                        throw corrupt(file, "metadata '" + m.getKey() + "' is not a string");
                    }
                    metadata.put(String.valueOf(m.getKey()), (String) m.getValue());
                }
                continue;
            }
            if (!(e.getValue() instanceof Map)) {
                throw corrupt(file, "tensor '" + e.getKey() + "' is not described by an object");
            }
            Map<?, ?> t = (Map<?, ?>) e.getValue();
            Object dtype = t.get("dtype");
            int width = "F64".equals(dtype) ? 8 : "F32".equals(dtype) ? 4 : -1;
            if (width < 0) {
                throw corrupt(file, "tensor '" + e.getKey() + "' has dtype " + dtype + " (rfm4j reads F64 and F32)");
            }
            int[] shape = ints(file, e.getKey(), "shape", t.get("shape"));
            long[] off = longs(file, e.getKey(), t.get("data_offsets"));
            long count = 1;
            for (int s : shape) {
                count = Math.multiplyExact(count, (long) s);
            }
            if (off[0] < 0 || off[1] < off[0] || off[1] > dataBytes || off[1] - off[0] != count * width) {
                throw corrupt(file, "tensor '" + e.getKey() + "' of shape " + java.util.Arrays.toString(shape) + " and dtype "
                        + dtype + " has byte range " + off[0] + ".." + off[1] + " (data: " + dataBytes + " bytes)");
            }
            ByteBuffer b = ByteBuffer.wrap(all, (int) (dataStart + off[0]), (int) (off[1] - off[0])).order(ByteOrder.LITTLE_ENDIAN);
            double[] v = new double[(int) count];
            for (int i = 0; i < v.length; i++) {
                v[i] = width == 8 ? b.getDouble() : b.getFloat();
                if (!Double.isFinite(v[i])) {
                    throw corrupt(file, "tensor '" + e.getKey() + "' holds " + v[i] + " at element " + i);
                }
            }
            tensors.put(e.getKey(), new Tensor(shape, v));
            ranges.add(off);
        }
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i)[0] < ranges.get(i - 1)[1]) {
                throw corrupt(file, "two tensors share bytes");
            }
        }
        return new Contents(metadata, tensors);
    }

    private static int[] ints(Path file, String tensor, String what, Object v) {
        if (!(v instanceof List)) {
            throw corrupt(file, "tensor '" + tensor + "' has no " + what + " list");
        }
        List<?> l = (List<?>) v;
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            Object x = l.get(i);
            if (!(x instanceof Number) || ((Number) x).doubleValue() != Math.rint(((Number) x).doubleValue())
                    || ((Number) x).doubleValue() < 0 || ((Number) x).doubleValue() > Integer.MAX_VALUE) {
                throw corrupt(file, "tensor '" + tensor + "' has " + what + " " + l);
            }
            out[i] = ((Number) x).intValue();
        }
        return out;
    }

    private static long[] longs(Path file, String tensor, Object v) {
        if (!(v instanceof List) || ((List<?>) v).size() != 2) {
            throw corrupt(file, "tensor '" + tensor + "' has no data_offsets pair");
        }
        long[] out = new long[2];
        for (int i = 0; i < 2; i++) {
            Object x = ((List<?>) v).get(i);
            if (!(x instanceof Number) || ((Number) x).doubleValue() != Math.rint(((Number) x).doubleValue())) {
                throw corrupt(file, "tensor '" + tensor + "' has data_offsets " + v);
            }
            out[i] = ((Number) x).longValue();
        }
        return out;
    }

    private static RfmException corrupt(Path file, String why) {
        return new RfmException(ErrorCode.IO, file + " is not a valid safetensors file: " + why);
    }
}
