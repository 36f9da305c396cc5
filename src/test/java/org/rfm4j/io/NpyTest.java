// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Dataset;

class NpyTest {
    @TempDir
    Path dir;

    /** A .npy file as numpy would write it, with the given dict, version and raw data. */
    static byte[] npy(int major, String dict, byte[] data) {
        byte[] d = dict.getBytes(StandardCharsets.ISO_8859_1);
        int prelude = major == 1 ? 10 : 12;
        int total = (prelude + d.length + 1 + 63) / 64 * 64;
        ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) (total - prelude));
        } else {
            b.putInt(total - prelude);
        }
        b.put(d);
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n').put(data);
        return b.array();
    }

    static byte[] le(ByteOrder order, Object values) {
        ByteBuffer b;
        if (values instanceof double[]) {
            double[] v = (double[]) values;
            b = ByteBuffer.allocate(8 * v.length).order(order);
            for (double x : v) {
                b.putDouble(x);
            }
        } else if (values instanceof int[]) {
            int[] v = (int[]) values;
            b = ByteBuffer.allocate(4 * v.length).order(order);
            for (int x : v) {
                b.putInt(x);
            }
        } else {
            long[] v = (long[]) values;
            b = ByteBuffer.allocate(8 * v.length).order(order);
            for (long x : v) {
                b.putLong(x);
            }
        }
        return b.array();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static RfmException fails(ErrorCode code, Runnable r) {
        RfmException e = assertThrows(RfmException.class, r::run);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void roundTripF8AndF4() {
        double[] data = {1.5, -2, 3.25, 1e-300, 7, Math.PI};
        Path f8 = dir.resolve("a.npy");
        Npy.write(f8, data, new int[] {2, 3}, false);
        NpyArray a = Npy.read(f8);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals("<f8", a.dtype());
        assertArrayEquals(data, a.data(), 0);
        Path f4 = dir.resolve("b.npy");
        Npy.write(f4, data, new int[] {6}, true);
        NpyArray b = Npy.read(f4);
        assertArrayEquals(new int[] {6}, b.shape());
        assertEquals("<f4", b.dtype());
        for (int i = 0; i < data.length; i++) {
            assertEquals((float) data[i], b.data()[i], 0);
        }
        try {
            long size = Files.size(f8);
            assertEquals(0, (size - 48) % 64, "header aligned to 64 bytes");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        // empty array
        Path e = dir.resolve("e.npy");
        Npy.write(e, new double[0], new int[] {0, 5}, false);
        assertArrayEquals(new int[] {0, 5}, Npy.read(e).shape());
    }

    @Test
    void readsHandMadeFilesOfEachVersionAndDtype() throws IOException {
        // exactly what numpy 1.x writes for np.save('x.npy', np.arange(6, dtype='<f8').reshape(2, 3))
        Path v1 = write("v1.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                le(ByteOrder.LITTLE_ENDIAN, new double[] {0, 1, 2, 3, 4, 5})));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, Npy.read(v1).data(), 0);
        Path v2 = write("v2.npy", npy(2, "{\"descr\": \"<i4\", \"fortran_order\": False, \"shape\": (3,)}",
                le(ByteOrder.LITTLE_ENDIAN, new int[] {7, -1, 2})));
        NpyArray a2 = Npy.read(v2);
        assertArrayEquals(new double[] {7, -1, 2}, a2.data(), 0);
        assertTrue(a2.isInteger());
        Path v3 = write("v3.npy", npy(3, "{'descr': '<i8', 'fortran_order': False, 'shape': (2, 1), }",
                le(ByteOrder.LITTLE_ENDIAN, new long[] {1L << 40, -3})));
        assertArrayEquals(new double[] {1L << 40, -3}, Npy.read(v3).data(), 0);
        Path be = write("be.npy", npy(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }",
                le(ByteOrder.BIG_ENDIAN, new double[] {1.25, -8})));
        assertArrayEquals(new double[] {1.25, -8}, Npy.read(be).data(), 0);
    }

    @Test
    void readDatasetPairsFeaturesAndTargets() {
        Path x = dir.resolve("x.npy");
        Path y = dir.resolve("y.npy");
        Npy.write(x, new double[] {1, 2, 3, 4, 5, 6}, new int[] {3, 2}, false);
        Npy.write(y, new double[] {0, 1, 2.5}, new int[] {3}, false);
        Dataset d = Npy.readDataset(x, y);
        assertEquals(3, d.n());
        assertEquals(2, d.d());
        assertEquals(1, d.c());
        assertArrayEquals(new String[] {"0", "1", "2.5"}, d.labels());
        Npy.write(y, new double[] {0, 1}, new int[] {2}, false);
        fails(ErrorCode.INVALID_DATA, () -> Npy.readDataset(x, y));
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] good = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }",
                le(ByteOrder.LITTLE_ENDIAN, new double[] {1, 2, 3, 4}));
        for (int cut : new int[] {0, 5, 9, 40, good.length - 1}) {
            Path p = write("t" + cut + ".npy", Arrays.copyOf(good, cut));
            fails(ErrorCode.IO, () -> Npy.read(p));
        }
        Path p = write("extra.npy", Arrays.copyOf(good, good.length + 8));
        fails(ErrorCode.IO, () -> Npy.read(p));
    }

    @Test
    void lyingHeaderFailsBeforeAllocating() throws IOException {
        Path p = write("lie.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 100), }",
                new byte[8000]));
        RfmException e = fails(ErrorCode.IO, () -> Npy.read(p));
        assertTrue(e.getMessage().contains("header says 1000000 x 100 float64 = 800000000 bytes but the file holds 8000"),
                e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
        Path huge = write("huge.npy", npy(1,
                "{'descr': '<f8', 'fortran_order': False, 'shape': (4000000000000, 4000000000000), }", new byte[8]));
        fails(ErrorCode.IO, () -> Npy.read(huge));
        byte[] badLen = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        badLen[8] = (byte) 0xff;
        badLen[9] = (byte) 0xff;
        Path bl = write("badlen.npy", badLen);
        fails(ErrorCode.IO, () -> Npy.read(bl));
    }

    @Test
    void rejectsFortranOrderBadMagicVersionDtypeAndRank() throws IOException {
        Path f = write("f.npy", npy(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", new byte[32]));
        RfmException e = fails(ErrorCode.IO, () -> Npy.read(f));
        assertTrue(e.getMessage().contains("Fortran"), e.getMessage());
        byte[] magic = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        magic[1] = 'X';
        Path m = write("m.npy", magic);
        fails(ErrorCode.IO, () -> Npy.read(m));
        byte[] ver = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        ver[6] = 9;
        Path v = write("v.npy", ver);
        assertTrue(fails(ErrorCode.IO, () -> Npy.read(v)).getMessage().contains("9.0"));
        Path c = write("c.npy", npy(1, "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", new byte[16]));
        fails(ErrorCode.IO, () -> Npy.read(c));
        Path r3 = write("r3.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1), }", new byte[8]));
        fails(ErrorCode.IO, () -> Npy.read(r3));
        Path r0 = write("r0.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", new byte[8]));
        fails(ErrorCode.IO, () -> Npy.read(r0));
        Path junk = write("junk.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}", new byte[8]));
        fails(ErrorCode.IO, () -> Npy.read(junk));
        Path structured = write("s.npy", npy(1, "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }",
                new byte[8]));
        fails(ErrorCode.IO, () -> Npy.read(structured));
        fails(ErrorCode.IO, () -> Npy.read(dir.resolve("absent.npy")));
    }

    @Test
    void writeRejectsBadShapes() {
        Path p = dir.resolve("w.npy");
        fails(ErrorCode.INVALID_ARGUMENT, () -> Npy.write(p, new double[3], new int[] {2, 2}, false));
        fails(ErrorCode.INVALID_ARGUMENT, () -> Npy.write(p, new double[1], new int[] {1, 1, 1}, false));
        assertTrue(!Files.exists(p));
        // the bytes written by write() equal what numpy writes (checked against the hand-made encoder)
        Npy.write(p, new double[] {1, 2}, new int[] {2}, false);
        try {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.write(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
                    le(ByteOrder.LITTLE_ENDIAN, new double[] {1, 2})));
            assertArrayEquals(expected.toByteArray(), Files.readAllBytes(p));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
