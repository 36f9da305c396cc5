// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.lsh.ForestParams;

class LshExperimentTest {

    @Test
    void learnedForestHelpsTheWorstQueriesOnPlantedBias(@TempDir Path dir) throws Exception {
        LshDataSets.Loaded data = LshDataSets.load("planted", 300, 1);
        ForestParams p = ForestParams.defaults(4).withTrees(16).withRounds(100).withSeed(2).withThreads(2);
        LshExperiment.Result r = LshExperiment.run(new LshExperiment.Config(data, p, 4, 3),
                new PrintStream(OutputStream.nullOutputStream()));
        assertTrue(r.learned().p10() >= r.uniform().p10(),
                "p10 learned " + r.learned().p10() + " < uniform " + r.uniform().p10());
        assertTrue(r.learned().mean() >= r.uniform().mean(),
                "mean learned " + r.learned().mean() + " < uniform " + r.uniform().mean());
        // recall grows with the number of trees and ends at the last tree count
        var curve = r.learned().curve();
        assertEquals(16, curve.get(curve.size() - 1).trees());
        assertTrue(curve.get(curve.size() - 1).recall() >= curve.get(0).recall());

        LshReport.write(r, dir, false);
        String json = Files.readString(dir.resolve(LshReport.REPORT));
        for (String key : new String[] {"\"learned\"", "\"uniform\"", "\"mean_success\"", "\"p10_success\"",
                "\"recall_qps_curve\"", "\"qps\""}) {
            assertTrue(json.contains(key), "report lacks " + key);
        }
    }
}
