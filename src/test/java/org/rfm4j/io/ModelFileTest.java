// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

class ModelFileTest {
    @TempDir
    Path dir;

    private static RfmException fails(ErrorCode code, Runnable r) {
        RfmException e = assertThrows(RfmException.class, r::run);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    private static ModelFile.Builder sample() {
        return ModelFile.builder()
                .put("M", new double[] {1, 2, 3, 4}, 2, 2)
                .put("alpha", new double[] {0.5, -0.25, 1e300})
                .putFloats("xf", new float[] {1.5f, 2.5f}, 1, 2)
                .putInts("classes", new int[] {3, 1, 2})
                .putLongs("counts", new long[] {1L << 40})
                .putLong("seed", -7L)
                .putInt("iters", 5)
                .putDouble("bandwidth", 10.0)
                .putString("kernel", "laplace \u00e9\u6f22")
                .putString("empty", "");
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).collect(Collectors.toList());
        }
    }

    @Test
    void roundTrip() throws IOException {
        Path p = dir.resolve("m.rfm");
        sample().write(p);
        ModelFile.Contents c = ModelFile.read(p);
        assertEquals(1, c.formatVersion());
        assertEquals(List.of("M", "alpha", "xf", "classes", "counts", "seed", "iters", "bandwidth", "kernel", "empty"),
                List.copyOf(c.names()));
        assertArrayEquals(new double[] {1, 2, 3, 4}, c.getDoubles("M"), 0);
        assertArrayEquals(new int[] {2, 2}, c.shape("M"));
        assertArrayEquals(new double[] {0.5, -0.25, 1e300}, c.getDoubles("alpha"), 0);
        assertArrayEquals(new float[] {1.5f, 2.5f}, c.getFloats("xf"), 0);
        assertArrayEquals(new double[] {1.5, 2.5}, c.getDoubles("xf"), 0);
        assertArrayEquals(new int[] {3, 1, 2}, c.getInts("classes"));
        assertArrayEquals(new long[] {1L << 40}, c.getLongs("counts"));
        assertEquals(-7L, c.getLong("seed"));
        assertArrayEquals(new int[0], c.shape("seed"));
        assertEquals(5, c.getInt("iters"));
        assertEquals(10.0, c.getDouble("bandwidth"));
        assertEquals("laplace \u00e9\u6f22", c.getString("kernel"));
        assertEquals("", c.getString("empty"));
        assertTrue(c.has("M"));
        assertFalse(c.has("nope"));
        RfmException e = fails(ErrorCode.IO, () -> c.getDoubles("nope"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        fails(ErrorCode.IO, () -> c.getInts("M"));
        fails(ErrorCode.IO, () -> c.getDouble("alpha"));
        assertTrue(tempFiles().isEmpty());
    }

    @Test
    void largeArrayCrossesBufferChunks() {
        double[] big = new double[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5;
        }
        Path p = dir.resolve("big.rfm");
        ModelFile.builder().putString("a", "x").put("big", big, 1000, 300).putInt("after", 42).write(p);
        ModelFile.Contents c = ModelFile.read(p);
        assertArrayEquals(big, c.getDoubles("big"), 0);
        assertEquals(42, c.getInt("after"));
    }

    @Test
    void flippedByteIsAChecksumError() throws IOException {
        Path p = dir.resolve("m.rfm");
        sample().write(p);
        byte[] good = Files.readAllBytes(p);
        for (int pos : new int[] {16, 20, good.length / 2, good.length - 40, good.length - 1}) {
            byte[] bad = good.clone();
            bad[pos] ^= 0x10;
            Files.write(p, bad);
            RfmException e = fails(ErrorCode.IO, () -> ModelFile.read(p));
            assertTrue(e.getMessage().contains("checksum"), pos + ": " + e.getMessage());
        }
    }

    @Test
    void truncatedAtSeveralPoints() throws IOException {
        Path p = dir.resolve("m.rfm");
        sample().write(p);
        byte[] good = Files.readAllBytes(p);
        for (int cut : new int[] {0, 4, 8, 12, 16, 30, 47, good.length / 2, good.length - 32, good.length - 1}) {
            Files.write(p, Arrays.copyOf(good, cut));
            RfmException e = fails(ErrorCode.IO, () -> ModelFile.read(p));
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not an rfm4j model file"),
                    cut + ": " + e.getMessage());
        }
    }

    @Test
    void futureVersionAndWrongMagic() throws IOException {
        Path p = dir.resolve("m.rfm");
        sample().write(p);
        byte[] bytes = Files.readAllBytes(p);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 7);
        Files.write(p, bytes);
        RfmException e = fails(ErrorCode.IO, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains("written by a newer rfm4j (format 7; this version reads up to 2): upgrade rfm4j"),
                e.getMessage());
        Files.write(p, "PK\u0003\u0004 not a model at all, just some text".getBytes());
        RfmException e2 = fails(ErrorCode.IO, () -> ModelFile.read(p));
        assertTrue(e2.getMessage().contains("not an rfm4j model file"), e2.getMessage());
        fails(ErrorCode.IO, () -> ModelFile.read(dir.resolve("absent.rfm")));
    }

    /** A file with a valid checksum but lying lengths must still fail cleanly, without huge allocations. */
    @Test
    void lyingLengthsWithValidChecksum() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ModelFile.MAGIC).putInt(1).putInt(1);
        b.putShort((short) 1).put((byte) 'M').put((byte) 1).putInt(2).putInt(2_000_000_000).putInt(2_000_000_000);
        Path p = withChecksum(Arrays.copyOf(b.array(), b.position()));
        RfmException e = fails(ErrorCode.IO, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        ByteBuffer c = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        c.put(ModelFile.MAGIC).putInt(1).putInt(-1);
        Path q = withChecksum(Arrays.copyOf(c.array(), c.position()));
        fails(ErrorCode.IO, () -> ModelFile.read(q));
        ByteBuffer d = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        d.put(ModelFile.MAGIC).putInt(1).putInt(1).putShort((short) 60000).put((byte) 'x');
        Path r = withChecksum(Arrays.copyOf(d.array(), d.position()));
        fails(ErrorCode.IO, () -> ModelFile.read(r));
    }

    private Path withChecksum(byte[] body) throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(body);
        byte[] all = Arrays.copyOf(body, body.length + 32);
        System.arraycopy(sha, 0, all, body.length, 32);
        Path p = Files.createTempFile(dir, "crafted", ".rfm");
        Files.write(p, all);
        return p;
    }

    @Test
    void failedWriteLeavesOldFileAndNoTemp() throws IOException {
        Path p = dir.resolve("m.rfm");
        sample().write(p);
        byte[] before = Files.readAllBytes(p);
        RuntimeException boom = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(p, out -> {
            out.write(new byte[100_000]);
            throw new IllegalStateException("writer failed");
        }));
        assertEquals("writer failed", boom.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
        assertTrue(tempFiles().isEmpty(), tempFiles().toString());
        RfmException io = fails(ErrorCode.IO, () -> AtomicFiles.write(p, out -> {
            throw new IOException("disk full");
        }));
        assertTrue(io.getMessage().contains("disk full"), io.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
        assertTrue(tempFiles().isEmpty());
        // replacing works and leaves no temp either
        ModelFile.builder().putInt("v", 2).write(p);
        assertEquals(2, ModelFile.read(p).getInt("v"));
        assertTrue(tempFiles().isEmpty());
        fails(ErrorCode.IO, () -> ModelFile.builder().putInt("v", 1).write(dir.resolve("no/such/dir/m.rfm")));
    }

    @Test
    void builderRejectsBadEntries() {
        fails(ErrorCode.INVALID_ARGUMENT, () -> ModelFile.builder().put("a", new double[3], 2, 2));
        fails(ErrorCode.INVALID_ARGUMENT, () -> ModelFile.builder().putInt("a", 1).putInt("a", 2));
        fails(ErrorCode.INVALID_ARGUMENT, () -> ModelFile.builder().put("", new double[1]));
        fails(ErrorCode.INVALID_ARGUMENT, () -> ModelFile.builder().put("a", null));
    }
}
