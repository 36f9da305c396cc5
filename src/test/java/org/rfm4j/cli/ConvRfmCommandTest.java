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

class ConvRfmCommandTest {

    private static int run(ByteArrayOutputStream err, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] full = java.util.stream.Stream.concat(java.util.stream.Stream.of("experiment", "convrfm"),
                    java.util.Arrays.stream(args)).toArray(String[]::new);
            return RfmCli.run(full);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void smallStarRunWritesTheReport(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(err, "--task", "star", "--q", "5", "--n-train", "12", "--n-test", "20", "--samples", "4",
                "--backend", "cpu", "--out", dir.toString());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String json = Files.readString(dir.resolve("report.json"));
        for (String key : new String[] {"\"task\"", "\"q\"", "\"depth\"", "\"iterations\"", "\"iter\"", "\"test_accuracy\"",
                "\"plain_cntk_accuracy\""}) {
            assertTrue(json.contains(key), "report lacks " + key);
        }
        assertTrue(Files.exists(dir.resolve("patch_agop_eigenvectors.png")));
        assertTrue(json.contains("\"star_split\": \"balanced\""), json);
    }

    @Test
    void referenceStarSplitIsRecordedInTheReport(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(err, "--task", "star", "--star-split", "reference", "--q", "5", "--n-train", "12", "--n-test", "20",
                "--samples", "4", "--iterations", "1", "--backend", "cpu", "--out", dir.toString());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String json = Files.readString(dir.resolve("report.json"));
        assertTrue(json.contains("\"star_split\": \"reference\""), json);
        assertTrue(json.contains("\"train_positives\""), json);
    }

    @Test
    void userErrorsExitWithTwoAndOneLine(@TempDir Path dir) {
        for (String[] args : new String[][] {{"--task", "cifar"}, {"--q", "40"}, {"--depth", "0"}, {"--lambda", "-1"},
                {"--iterations", "0"}, {"--padding", "reflect"}, {"--star-split", "stratified"}, {"--q", "11", "--depth", "4"},
                {"--n-train", "1"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String[] full = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--n-test", "4", "--backend", "cpu", "--out", dir.toString()))
                    .toArray(String[]::new);
            assertEquals(2, run(err, full), String.join(" ", args));
            String text = err.toString(StandardCharsets.UTF_8).trim();
            assertFalse(text.contains("\n"), text);
            assertFalse(text.contains("Exception"), text);
            assertTrue(text.startsWith("rfm: error:"), text);
        }
    }
}
