// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.convrfm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.conv.ConvRfmParams;
import org.rfm4j.RfmException;
import org.rfm4j.io.JsonReader;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/** A reduced star task: one ConvRFM round beats the plain convolutional kernel. */
class ConvRfmExperimentTest {

    @Test
    void reducedStarTaskImprovesAfterOneRound(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ConvRfmExperiment.Config c = new ConvRfmExperiment.Config("star", "mnist", 40, 300, 1,
                new ConvRfmParams(11, 1, 1e-3, 2, 20, false));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (ComputeBackend be = Backends.open("cpu")) {
            ConvRfmExperiment.run(be, c, dir, new PrintStream(log, true, StandardCharsets.UTF_8));
        }
        String json = Files.readString(dir.resolve("report.json"));
        java.util.Map<String, Object> r = JsonReader.parseObject(json);
        assertEquals("star", r.get("task"));
        assertEquals(11, ((Number) r.get("q")).intValue());
        java.util.List<?> rows = (java.util.List<?>) r.get("iterations");
        assertEquals(2, rows.size());
        double plain = ((Number) r.get("plain_cntk_accuracy")).doubleValue();
        double first = ((Number) ((java.util.Map<?, ?>) rows.get(1)).get("test_accuracy")).doubleValue();
        assertTrue(plain > 0.6, "plain kernel " + plain + "\n" + log);
        assertTrue(first >= plain + 0.05 && first >= 0.9, "plain " + plain + " -> round 1 " + first + "\n" + log);
        assertTrue(Files.size(dir.resolve("accuracy.png")) > 1000);
        assertTrue(Files.size(dir.resolve("patch_agop_eigenvectors.png")) > 1000);
    }

    @Test
    void starTaskIsBalancedSeededAndCarriesTheGlyph() {
        TaskData a = StarTask.generate(10, 6, 5);
        TaskData b = StarTask.generate(10, 6, 5);
        assertEquals(java.util.Arrays.toString(a.trainLabels()), java.util.Arrays.toString(b.trainLabels()));
        assertEquals(5, java.util.Arrays.stream(a.trainLabels()).sum());
        assertEquals(3, java.util.Arrays.stream(a.testLabels()).sum());
        int size = 3 * 32 * 32;
        for (int i = 0; i < 10; i++) {
            int ones = 0;
            for (int k = 0; k < size; k++) {
                ones += a.train()[i * size + k] == 1.0 ? 1 : 0;
            }
            // 28 glyph pixels on each of two channels; noise never hits 1.0 exactly
            assertEquals(a.trainLabels()[i] == 1 ? 56 : 0, ones);
        }
    }

    @Test
    void referenceStarSplitDrawsFromOneShuffledPool() {
        int size = 3 * 32 * 32;
        boolean unbalanced = false;
        for (long seed = 0; seed < 5; seed++) {
            TaskData a = StarTask.generate(50, 2050, seed, "reference");
            assertEquals(50, a.nTrain());
            assertEquals(2050, a.nTest());
            assertEquals(50 * size, a.train().length);
            assertEquals(2050 * size, a.test().length);
            // 1050 positives and 1050 negatives in all, the pool split exactly
            int trainPos = java.util.Arrays.stream(a.trainLabels()).sum();
            assertEquals(1050, trainPos + java.util.Arrays.stream(a.testLabels()).sum());
            unbalanced |= trainPos != 25;
            if (seed == 0) {
                TaskData b = StarTask.generate(50, 2050, seed, "reference");
                assertArrayEquals(a.trainLabels(), b.trainLabels());
                assertArrayEquals(a.testLabels(), b.testLabels());
                assertArrayEquals(a.train(), b.train());
                assertArrayEquals(a.test(), b.test());
            }
        }
        assertTrue(unbalanced, "the reference split should not force 25 positives among 50 for every seed");
        // odd total: ceil(21 / 2) = 11 of each class pooled, one left unused
        TaskData odd = StarTask.generate(6, 15, 3, "reference");
        int pos = java.util.Arrays.stream(odd.trainLabels()).sum() + java.util.Arrays.stream(odd.testLabels()).sum();
        assertTrue(pos == 10 || pos == 11, "positives " + pos);
        // the images carry the glyph exactly when labelled positive, as in the balanced split
        for (int i = 0; i < 6; i++) {
            int ones = 0;
            for (int k = 0; k < size; k++) {
                ones += odd.train()[i * size + k] == 1.0 ? 1 : 0;
            }
            assertEquals(odd.trainLabels()[i] == 1 ? 56 : 0, ones);
        }
    }

    @Test
    void unknownStarSplitIsAUserErrorNamingTheSplits() {
        RfmException e = assertThrows(RfmException.class, () -> StarTask.generate(10, 6, 0, "stratified"));
        assertTrue(e.getMessage().contains("'stratified'") && e.getMessage().contains("balanced or reference"), e.getMessage());
        RfmException c = assertThrows(RfmException.class, () -> new ConvRfmExperiment.Config("star", "mnist", 10, 6, 0,
                "stratified", new ConvRfmParams(11, 1, 1e-3, 2, 20, false)));
        assertTrue(c.getMessage().contains("--star-split"), c.getMessage());
    }
}
