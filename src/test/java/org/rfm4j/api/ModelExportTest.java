// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Matrix;
import org.rfm4j.spi.Precision;
import org.rfm4j.testing.OnCpu;
import org.rfm4j.tree.TreeSettings;

/** safetensors export and import: exact round trips, refused inputs, and Python (NumPy) predicting the same. */
class ModelExportTest extends OnCpu {
    static final TestData TRAIN = RfmTreeTest.TRAIN;
    static final TestData TEST = RfmTreeTest.TEST;

    static RfmRegressionModel regression() {
        return new RfmRegressor(RfmParams.builder().iterations(2).bandwidth(5.000000000123).precision(Precision.FLOAT64)
                .build()).fit(cpu, TRAIN.x, TRAIN.y);
    }

    static RfmClassificationModel classifier() {
        String[] labels = new String[TRAIN.x.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = TRAIN.y[i][0] < -0.1 ? "low" : TRAIN.y[i][0] > 0.1 ? "high" : "mid";
        }
        return new RfmClassifier(RfmParams.builder().kernel("gaussian").diagonal(true).iterations(1)
                .precision(Precision.FLOAT64).build()).fit(cpu, TRAIN.x, labels);
    }

    @Test
    void aModelComesBackExactly(@TempDir Path dir) {
        for (RfmModel m : List.of(regression(), classifier())) {
            Path f = dir.resolve("m.safetensors");
            ModelExport.toSafetensors(m, f);
            RfmModel back = ModelExport.fromSafetensors(f);
            assertEquals(m.params(), back.params(), "parameters, exactly (bandwidth 5.000000000123 included)");
            assertEquals(m.getClass(), back.getClass());
            Matrix q = Matrix.ofRows(TEST.x, "test");
            assertArrayEquals(m.predictRaw(cpu, q), back.predictRaw(cpu, q), 0.0);
            if (m instanceof RfmClassificationModel) {
                assertArrayEquals(((RfmClassificationModel) m).classes(), ((RfmClassificationModel) back).classes());
            }
        }
    }

    @Test
    void treesAndDamagedFilesAreRefused(@TempDir Path dir) throws IOException {
        RfmRegressionModel tree = new RfmRegressor(RfmParams.builder().iterations(1).solver("tree")
                .tree(TreeSettings.defaults().withLeafSize(400)).build()).fit(cpu, TRAIN.x, TRAIN.y);
        RfmException e = assertThrows(RfmException.class, () -> ModelExport.toSafetensors(tree, dir.resolve("t.safetensors")));
        assertTrue(e.getMessage().contains("tree"), e.getMessage());

        Path good = dir.resolve("g.safetensors");
        ModelExport.toSafetensors(regression(), good);
        byte[] bytes = Files.readAllBytes(good);
        byte[] lying = bytes.clone();
        ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        assertIo(dir, lying, "header length");
        assertIo(dir, java.util.Arrays.copyOf(bytes, bytes.length - 8), "byte range");
        String header = new String(bytes, 8, (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0),
                StandardCharsets.UTF_8);
        byte[] dtype = bytes.clone();
        int at = header.indexOf("\"F64\"");
        System.arraycopy("\"I64\"".getBytes(StandardCharsets.UTF_8), 0, dtype, 8 + at, 5);
        assertIo(dir, dtype, "dtype I64");
        byte[] nan = bytes.clone();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putDouble(nan.length - 8, Double.NaN);
        assertIo(dir, nan, "NaN");
        Path foreign = dir.resolve("f.safetensors");
        org.rfm4j.io.Safetensors.write(foreign, java.util.Map.of("format", "something-else"), java.util.Map.of());
        e = assertThrows(RfmException.class, () -> ModelExport.fromSafetensors(foreign));
        assertTrue(e.getMessage().contains("not an rfm4j model"), e.getMessage());
    }

    private static void assertIo(Path dir, byte[] content, String expected) throws IOException {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, content);
        RfmException e = assertThrows(RfmException.class, () -> ModelExport.fromSafetensors(f));
        assertEquals(ErrorCode.IO, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    /** Python with NumPy alone (no rfm4j, no safetensors package) reads the file and predicts what rfm4j does. */
    @Test
    void numpyPredictsWhatRfm4jPredicts(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(hasNumpy(), "python3 with numpy is not installed here");
        String script = String.join("\n",
                "import json, struct, sys",
                "import numpy as np",
                "def load(path):",
                "    raw = open(path, 'rb').read()",
                "    n = struct.unpack('<Q', raw[:8])[0]",
                "    header = json.loads(raw[8:8 + n])",
                "    meta = header.pop('__metadata__')",
                "    data = raw[8 + n:]",
                "    t = {k: np.frombuffer(data[v['data_offsets'][0]:v['data_offsets'][1]], dtype='<f8').reshape(v['shape'])",
                "         for k, v in header.items()}",
                "    return meta, t",
                "meta, t = load(sys.argv[1])",
                "q = np.loadtxt(sys.argv[2], delimiter=',', ndmin=2)",
                "p, qq, scale = float(meta['p']), float(meta['q']), float(meta['kernel_scale'])",
                "if meta['diagonal'] == 'true':",
                "    u, v = q * t['s'], t['x_train'] * t['s']",
                "else:",
                "    u, v = q @ t['s'], t['x_train'] @ t['s']",
                "r = (np.abs(u[:, None, :] - v[None, :, :]) ** p).sum(axis=2) ** (1.0 / p)",
                "f = np.exp(-(r ** qq) / scale) @ t['alpha']",
                "print(json.dumps(f.ravel().tolist()))");
        Path py = dir.resolve("predict.py");
        Files.writeString(py, script);
        StringBuilder csv = new StringBuilder();
        for (double[] row : TEST.x) {
            for (int a = 0; a < row.length; a++) {
                csv.append(a == 0 ? "" : ",").append(row[a]);
            }
            csv.append('\n');
        }
        Path queries = dir.resolve("q.csv");
        Files.writeString(queries, csv);
        for (RfmModel m : List.of(regression(), classifier())) {
            Path f = dir.resolve("m.safetensors");
            ModelExport.toSafetensors(m, f);
            Process proc = new ProcessBuilder("python3", py.toString(), f.toString(), queries.toString())
                    .redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(proc.waitFor(120, TimeUnit.SECONDS) && proc.exitValue() == 0, "python3 failed: " + out);
            List<?> values = (List<?>) org.rfm4j.io.JsonReader.parse(out.strip());
            double[] want = m.predictRaw(cpu, Matrix.ofRows(TEST.x, "test"));
            assertEquals(want.length, values.size());
            double scale = 1e-300, diff = 0;
            for (int i = 0; i < want.length; i++) {
                scale = Math.max(scale, Math.abs(want[i]));
                diff = Math.max(diff, Math.abs(want[i] - ((Number) values.get(i)).doubleValue()));
            }
            System.out.printf("numpy vs rfm4j (%s): max difference %.3g, relative %.3g%n", m.getClass().getSimpleName(),
                    diff, diff / scale);
            assertTrue(diff <= 1e-6 * scale, "NumPy differs from rfm4j by " + diff + " (scale " + scale + ")");
        }
    }

    static boolean hasNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
