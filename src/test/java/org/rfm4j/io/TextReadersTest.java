// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

class TextReadersTest {
    @TempDir
    Path dir;

    private Path npmPackage(int perDigit) throws IOException {
        Path digits = Files.createDirectories(dir.resolve("mnist/src/digits"));
        for (int d = 0; d < 10; d++) {
            StringBuilder sb = new StringBuilder("{ \"data\": [");
            for (int k = 0; k < perDigit * 784; k++) {
                sb.append(k == 0 ? "" : ",").append(k % 784 == 0 ? String.valueOf(d / 10.0) : "0");
            }
            Files.writeString(digits.resolve(d + ".json"), sb.append("]}\n").toString());
        }
        return dir.resolve("mnist");
    }

    @Test
    void readsTheNpmPackageLayout() throws IOException {
        ImageSet s = NpmMnistReader.read(npmPackage(2));
        assertEquals(20, s.n());
        assertEquals(28, s.rows());
        assertEquals(3, s.labels()[7]);
        assertEquals(0.3f, s.pixels()[7 * 784], 1e-6);
        assertEquals(1.0, s.maxValue());
    }

    @Test
    void rejectsMalformedNpmFiles() throws IOException {
        Path pkg = npmPackage(1);
        Path f = pkg.resolve("src/digits/4.json");
        for (String bad : new String[] {"{ \"data\": [0, 1, 2] }", "{ \"data\": [0.5,", "[1,2]",
                "{ \"data\": [" + "0,".repeat(783) + "7] }", "{ \"data\": [" + "0,".repeat(783) + "0] } x"}) {
            Files.writeString(f, bad);
            RfmException e = assertThrows(RfmException.class, () -> NpmMnistReader.read(pkg), bad);
            assertEquals(ErrorCode.IO, e.code());
        }
    }

    private Path csvGz(String text) throws IOException {
        Path p = dir.resolve("digits.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return p;
    }

    @Test
    void readsSklearnDigits() throws IOException {
        String row = "0,".repeat(63) + "16,7\n";
        ImageSet s = SklearnDigitsReader.read(csvGz(row + row));
        assertEquals(2, s.n());
        assertEquals(8, s.cols());
        assertEquals(16f, s.pixels()[64 + 63]);
        assertEquals(7, s.labels()[1]);
        assertEquals(16.0, s.maxValue());
    }

    @Test
    void rejectsMalformedDigits() throws IOException {
        for (String bad : new String[] {"1,2,3\n", "0,".repeat(63) + "17,7\n", "0,".repeat(63) + "x,7\n", ""}) {
            Path p = csvGz(bad);
            assertEquals(ErrorCode.IO, assertThrows(RfmException.class, () -> SklearnDigitsReader.read(p)).code());
        }
    }
}
