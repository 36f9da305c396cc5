// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.io.NpmMnistReader;
import org.rfm4j.io.SklearnDigitsReader;

/** `rfm experiment deep-rfm`: a reduced run on digits (skipped without the file) and its user errors. */
class DeepRfmCommandTest {

    @Test
    void reducedDigitsRunWritesTheReportAndFigure(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SklearnDigitsReader.defaultFile()),
                "scikit-learn digits not installed (" + SklearnDigitsReader.defaultFile()
                        + "): run scripts/install-data.sh to run this test");
        CliTest.Run r = CliTest.run("experiment", "deep-rfm", "--data", "digits", "--n", "200", "--layers", "3",
                "--features", "128", "--backend", "cpu", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        String json = Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8);
        for (String key : new String[] {"\"deep_rfm\"", "\"control\"", "\"nc1_input\"", "\"nc1_projected\"",
                "\"nc1_activated\"", "\"nc2_input\"", "\"nc2_projected\"", "\"nc2_activated\"", "\"layer\": 2"}) {
            assertTrue(json.contains(key), "report.json lacks " + key);
        }
        byte[] png = Files.readAllBytes(dir.resolve("neural_collapse.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "not a PNG");
    }

    @Test
    void missingDataSaysWhatToInstall(@TempDir Path dir) {
        String old = System.getProperty(NpmMnistReader.DIR_PROPERTY);
        System.setProperty(NpmMnistReader.DIR_PROPERTY, dir.resolve("absent").toString());
        try {
            CliTest.Run r = CliTest.run("experiment", "deep-rfm", "--data", "mnist", "--out", dir.resolve("o").toString());
            assertEquals(2, r.code());
            assertTrue(r.err().contains("install"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        } finally {
            if (old == null) {
                System.clearProperty(NpmMnistReader.DIR_PROPERTY);
            } else {
                System.setProperty(NpmMnistReader.DIR_PROPERTY, old);
            }
        }
    }

    @Test
    void unknownDataSetIsAUserError(@TempDir Path dir) {
        CliTest.Run r = CliTest.run("experiment", "deep-rfm", "--data", "cifar", "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("digits, mnist or fashion"), r.err());
    }
}
