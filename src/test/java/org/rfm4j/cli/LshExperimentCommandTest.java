// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LshExperimentCommandTest {

    private static int run(ByteArrayOutputStream err, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] full = java.util.stream.Stream.concat(java.util.stream.Stream.of("experiment", "lsh"),
                    java.util.Arrays.stream(args)).toArray(String[]::new);
            return RfmCli.run(full);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void writesReportAndFigures(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(err, "--data", "planted", "--n", "200", "--trees", "6", "--rounds", "60", "--r", "3",
                "--threads", "2", "--out", dir.toString());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String json = Files.readString(dir.resolve("report.json"));
        assertTrue(json.contains("\"learned\"") && json.contains("\"uniform\"") && json.contains("\"p10_success\""));
        assertTrue(Files.size(dir.resolve("success_histogram.png")) > 1000);
        assertTrue(Files.size(dir.resolve("recall_qps.png")) > 1000);
    }

    @Test
    void userErrorsExitWithTwoAndOneLine(@TempDir Path dir) {
        for (String[] args : new String[][] {{"--data", "cifar"}, {"--data", "planted", "--trees", "0"},
                {"--data", "digits", "--n", "5000"}, {"--data", "planted", "--n", "50", "--r", "500"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String[] full = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--out", dir.toString(), "--no-plots")).toArray(String[]::new);
            assertEquals(2, run(err, full), String.join(" ", args));
            String text = err.toString(StandardCharsets.UTF_8).trim();
            assertFalse(text.contains("\n"), text);
            assertFalse(text.contains("Exception"), text);
            assertTrue(text.startsWith("rfm: error:"), text);
        }
    }
}
