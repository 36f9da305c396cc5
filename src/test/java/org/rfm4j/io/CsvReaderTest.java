// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Dataset;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static RfmException fails(ErrorCode code, Runnable r) {
        RfmException e = assertThrows(RfmException.class, r::run);
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(": "), e.getMessage());
        return e;
    }

    @Test
    void happyPathLastColumnIsTarget() throws IOException {
        Path p = file("data.csv", "a,b,y\n1,2,3\n\n4.5,-6e-1,7\r\n");
        Dataset d = CsvReader.readDefault(p);
        assertEquals(2, d.n());
        assertEquals(2, d.d());
        assertEquals(1, d.c());
        assertArrayEquals(new double[] {1, 2, 4.5, -0.6}, d.x(), 0);
        assertArrayEquals(new double[] {3, 7}, d.y(), 0);
        assertArrayEquals(new String[] {"a", "b"}, d.featureNames());
        assertArrayEquals(new String[] {"y"}, d.targetNames());
        assertArrayEquals(new String[] {"3", "7"}, d.labels());
        assertEquals("data", d.name());
    }

    @Test
    void targetsByNameAndIndexAndStringLabels() throws IOException {
        Path p = file("t.csv", "x1;cls;x2;z\n1;cat;2;5\n3;dog;4;6\n");
        Dataset d = new CsvReader().targets("cls").read(p);
        assertNull(d.y());
        assertArrayEquals(new String[] {"cat", "dog"}, d.labels());
        assertArrayEquals(new double[] {1, 2, 5, 3, 4, 6}, d.x(), 0);
        Dataset two = new CsvReader().targets("z", "0").read(file("t2.csv", "x1;x2;z\n1;2;5\n3;4;6\n"));
        assertEquals(2, two.c());
        assertArrayEquals(new double[] {5, 1, 6, 3}, two.y(), 0);
        assertArrayEquals(new String[] {"z", "x1"}, two.targetNames());
        assertNull(two.labels());
        CsvReader configured = new CsvReader();
        configured.targets("x1"); // setters configure this reader (return value may be ignored)
        assertArrayEquals(new String[] {"x1"}, configured.read(file("t4.csv", "x1;x2;z\n1;2;5\n")).targetNames());
        Dataset byIdx = new CsvReader().header(false).targets(0).read(file("t3.csv", "1\t2\t3\n4\t5\t6\n"));
        assertArrayEquals(new double[] {1, 4}, byIdx.y(), 0);
        assertArrayEquals(new double[] {2, 3, 5, 6}, byIdx.x(), 0);
    }

    @Test
    void quotedFieldsWithCommasQuotesAndNewlines() throws IOException {
        Path p = file("q.csv", "\"a,1\",\"b \"\"q\"\"\",label\n1,2,\"x, y\"\n3,\"4\",\"multi\nline\"\n");
        Dataset d = CsvReader.readDefault(p);
        assertArrayEquals(new String[] {"a,1", "b \"q\""}, d.featureNames());
        assertArrayEquals(new String[] {"x, y", "multi\nline"}, d.labels());
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.x(), 0);
        assertNull(d.y());
    }

    @Test
    void badNumberNamesLineAndColumn() throws IOException {
        Path p = file("bad.csv", "x1,x2,x3,y\n1,2,3,4\n1,2,abc,4\n");
        RfmException e = fails(ErrorCode.INVALID_DATA, () -> CsvReader.readDefault(p));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("'x3'"), e.getMessage());
        assertTrue(e.getMessage().contains("'abc' is not a number"), e.getMessage());
        Path m = file("missing.csv", "x1,y\n1,2\n,3\n");
        RfmException e2 = fails(ErrorCode.INVALID_DATA, () -> CsvReader.readDefault(m));
        assertTrue(e2.getMessage().contains("line 3") && e2.getMessage().contains("missing"), e2.getMessage());
        Path n = file("nan.csv", "x1,y\n1,2\nNaN,3\n");
        fails(ErrorCode.INVALID_DATA, () -> CsvReader.readDefault(n));
        Path javaSuffix = file("suffix.csv", "x1,y\n1f,2\n");
        fails(ErrorCode.INVALID_DATA, () -> CsvReader.readDefault(javaSuffix));
    }

    @Test
    void raggedRowRejectedWithLine() throws IOException {
        Path p = file("ragged.csv", "a,b,y\n1,2,3\n\n4,5\n");
        RfmException e = fails(ErrorCode.INVALID_DATA, () -> CsvReader.readDefault(p));
        assertTrue(e.getMessage().contains("line 4 has 2 fields"), e.getMessage());
    }

    @Test
    void unknownTargetColumn() throws IOException {
        Path p = file("u.csv", "a,b,y\n1,2,3\n");
        RfmException e = fails(ErrorCode.INVALID_ARGUMENT, () -> new CsvReader().targets("price").read(p));
        assertTrue(e.getMessage().contains("'price'") && e.getMessage().contains("'a', 'b', 'y'"), e.getMessage());
        fails(ErrorCode.INVALID_ARGUMENT, () -> new CsvReader().targets(7).read(p));
        fails(ErrorCode.INVALID_ARGUMENT, () -> new CsvReader().targets("y", "2").read(p));
    }

    @Test
    void missingEmptyAndHeaderOnlyFiles() throws IOException {
        RfmException e = fails(ErrorCode.IO, () -> CsvReader.readDefault(dir.resolve("nope.csv")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        fails(ErrorCode.IO, () -> CsvReader.readDefault(dir));
        Path empty = file("empty.csv", "");
        RfmException e2 = fails(ErrorCode.INVALID_DATA, () -> CsvReader.readDefault(empty));
        assertTrue(e2.getMessage().contains("empty"), e2.getMessage());
        Path blank = file("blank.csv", "\n \n\n");
        fails(ErrorCode.INVALID_DATA, () -> CsvReader.readDefault(blank));
        Path headerOnly = file("h.csv", "a,b\n");
        RfmException e3 = fails(ErrorCode.INVALID_DATA, () -> CsvReader.readDefault(headerOnly));
        assertTrue(e3.getMessage().contains("no data rows"), e3.getMessage());
        Path oneCol = file("one.csv", "y\n1\n");
        fails(ErrorCode.INVALID_DATA, () -> CsvReader.readDefault(oneCol));
        Path unclosed = file("unclosed.csv", "a,y\n1,\"2\n");
        fails(ErrorCode.INVALID_DATA, () -> CsvReader.readDefault(unclosed));
    }

    @Test
    void notUtf8() throws IOException {
        Path p = dir.resolve("latin1.csv");
        Files.write(p, new byte[] {'a', ',', 'y', '\n', (byte) 0xff, ',', '1', '\n'});
        fails(ErrorCode.IO, () -> CsvReader.readDefault(p));
    }

    @Test
    void readFeaturesDetectsHeader() throws IOException {
        Dataset withHeader = CsvReader.readFeatures(file("f1.csv", "\uFEFFa,b\n1,2\n3,4\n"));
        assertArrayEquals(new String[] {"a", "b"}, withHeader.featureNames());
        assertEquals(2, withHeader.n());
        assertEquals(0, withHeader.c());
        Dataset noHeader = CsvReader.readFeatures(file("f2.csv", "1,2\n3,4\n"));
        assertEquals(2, noHeader.n());
        assertArrayEquals(new double[] {1, 2, 3, 4}, noHeader.x(), 0);
        Dataset single = CsvReader.readFeatures(file("f3.csv", "5\n6\n"));
        assertEquals(1, single.d());
    }
}
