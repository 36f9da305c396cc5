// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrokkingCommandTest {
    @TempDir
    Path dir;

    @Test
    void smallRunWritesReportAndFigure() throws Exception {
        Path out = dir.resolve("g");
        int rc = RfmCli.run("experiment", "grokking", "--p", "11", "--iterations", "2", "--backend", "cpu",
                "--out", out.toString());
        assertEquals(0, rc);
        String json = Files.readString(out.resolve("report.json"));
        for (String key : new String[] {"\"iterations\"", "\"iter\"", "\"train_accuracy\"", "\"test_accuracy\"",
                "\"train_mse\"", "\"test_mse\"", "\"circulant_deviation\"", "\"alignment\"", "\"settings\""}) {
            assertTrue(json.contains(key), key);
        }
        assertTrue(Files.size(out.resolve("grokking.png")) > 1000);
    }

    @Test
    void circulantSweepWritesReportAndFigure() throws Exception {
        Path out = dir.resolve("c");
        int rc = RfmCli.run("experiment", "grokking-circulant", "--p", "11", "--train-fractions", "0.3,0.6",
                "--backend", "cpu", "--out", out.toString());
        assertEquals(0, rc);
        assertTrue(Files.readString(out.resolve("report.json")).contains("test_accuracy_circulant"));
        assertTrue(Files.size(out.resolve("circulant.png")) > 1000);
    }

    @Test
    void userErrorsExitWithTwo() {
        assertEquals(2, RfmCli.run("experiment", "grokking", "--task", "pow", "--out", dir.resolve("x").toString()));
        assertEquals(2, RfmCli.run("experiment", "grokking", "--task", "mul", "--p", "15", "--out", dir.resolve("x").toString()));
        assertEquals(2, RfmCli.run("experiment", "grokking", "--kernel", "laplace", "--out", dir.resolve("x").toString()));
        assertEquals(2, RfmCli.run("experiment", "grokking", "--train-fraction", "1.5", "--out", dir.resolve("x").toString()));
        assertEquals(2, RfmCli.run("experiment", "grokking", "--normalisation", "trace", "--out", dir.resolve("x").toString()));
        assertEquals(2, RfmCli.run("experiment", "grokking-circulant", "--task", "div", "--p", "12",
                "--out", dir.resolve("x").toString()));
    }
}
