// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/** Every kind of bad input ends in an RfmException with a code and a message that names the problem. */
class BadInputTest {
    static final RfmRegressor REG = new RfmRegressor(RfmParams.builder().iterations(1).build());
    static final ComputeBackend CPU = Backends.open("cpu");

    static RfmException fails(ErrorCode code, String fragment, Executable ex) {
        RfmException e = assertThrows(RfmException.class, ex);
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should mention '" + fragment + "'");
        return e;
    }

    static double[][] grid(int n, int d) {
        return TestData.make(n, d, 1.0, 1, x -> new double[] {x[0]}).x;
    }

    @Test
    void nanAndInfInData() {
        double[][] x = grid(10, 3);
        double[][] y = new double[10][1];
        x[4][2] = Double.NaN;
        fails(ErrorCode.INVALID_DATA, "row 4, column 2", () -> REG.fit(CPU, x, y, null, null));
        x[4][2] = 0;
        y[7][0] = Double.POSITIVE_INFINITY;
        fails(ErrorCode.INVALID_DATA, "row 7", () -> REG.fit(CPU, x, y, null, null));
    }

    @Test
    void shapesAndEmptyData() {
        fails(ErrorCode.INVALID_DATA, "rows", () -> REG.fit(CPU, grid(10, 3), new double[9][1], null, null));
        fails(ErrorCode.INVALID_DATA, "empty", () -> REG.fit(CPU, new double[0][3], new double[0][1], null, null));
        double[][] ragged = grid(5, 3);
        ragged[2] = new double[] {1, 2};
        fails(ErrorCode.INVALID_DATA, "row 2", () -> REG.fit(CPU, ragged, new double[5][1], null, null));
        RfmRegressionModel m = REG.fit(CPU, grid(20, 3), TestData.make(20, 3, 1.0, 1, x -> new double[] {x[0]}).y,
                null, null);
        fails(ErrorCode.INVALID_DATA, "fitted on 3 features", () -> m.predict(CPU, grid(4, 5)));
    }

    @Test
    void badHyperparameters() {
        fails(ErrorCode.INVALID_ARGUMENT, "unknown kernel", () -> RfmParams.builder().kernel("sigmoid").build());
        fails(ErrorCode.INVALID_ARGUMENT, "bandwidth", () -> RfmParams.builder().bandwidth(0).build());
        fails(ErrorCode.INVALID_ARGUMENT, "bandwidth", () -> RfmParams.builder().bandwidth(-1).build());
        fails(ErrorCode.INVALID_ARGUMENT, "reg", () -> RfmParams.builder().reg(-1e-3).build());
        fails(ErrorCode.INVALID_ARGUMENT, "q <= p", () -> RfmParams.builder().kernel("lpq").p(1).q(1.5).build());
        fails(ErrorCode.INVALID_ARGUMENT, "unknown backend 'tpu'", () -> Backends.open("tpu"));
        fails(ErrorCode.INVALID_ARGUMENT, "metric", () -> RfmParams.builder().tuningMetric("r2").build());
    }

    @Test
    void oneClassOnly() {
        String[] labels = new String[10];
        java.util.Arrays.fill(labels, "a");
        fails(ErrorCode.INVALID_DATA, "only one class",
                () -> new RfmClassifier(RfmParams.builder().build()).fit(CPU, grid(10, 2), labels, null, null));
    }

    @Test
    void unreadableAndCorruptModelFiles(@TempDir Path dir) throws Exception {
        fails(ErrorCode.IO, "missing.rfm", () -> RfmModels.load(dir.resolve("missing.rfm")));
        Path junk = dir.resolve("junk.rfm");
        Files.write(junk, "this is not a model".getBytes());
        assertThrows(RfmException.class, () -> RfmModels.load(junk));
        RfmRegressionModel m = REG.fit(grid(30, 3), TestData.make(30, 3, 1.0, 1, x -> new double[] {x[0]}).y);
        Path good = dir.resolve("good.rfm");
        RfmModels.save(m, good);
        byte[] bytes = Files.readAllBytes(good);
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x5a;
        Path bad = dir.resolve("bad.rfm");
        Files.write(bad, flipped);
        assertEquals(ErrorCode.IO, assertThrows(RfmException.class, () -> RfmModels.load(bad)).code());
        Path cut = dir.resolve("cut.rfm");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        assertEquals(ErrorCode.IO, assertThrows(RfmException.class, () -> RfmModels.load(cut)).code());
    }

    @Test
    void kernelMatrixTooLargeForTheHeapIsRefusedBeforeAllocating() {
        try (var be = new org.rfm4j.cpu.CpuBackend()) {
            RfmException e = assertThrows(RfmException.class, () -> be.zeros(60000, 60000, org.rfm4j.spi.Precision.FLOAT64));
            assertEquals(ErrorCode.OUT_OF_MEMORY, e.code());
            assertTrue(e.getMessage().contains("60000 x 60000"), e.getMessage());
        }
    }

    @Test
    void fitTooLargeForMemoryFailsBeforeAllocatingWithTheWayOut() {
        int n = 70000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 1e-3;
            y[i] = Math.sin(x[i]);
        }
        RfmRegressor direct = new RfmRegressor(RfmParams.builder().iterations(1).solver("direct").build());
        RfmException e = assertThrows(RfmException.class,
                () -> direct.fit(CPU, new Matrix(x, n, 1), new Matrix(y, n, 1), null, null, null));
        assertEquals(ErrorCode.OUT_OF_MEMORY, e.code());
        assertTrue(e.getMessage().contains("70000 x 70000 float32 kernel matrix") && e.getMessage().contains("tree solver"),
                e.getMessage());
    }
}
