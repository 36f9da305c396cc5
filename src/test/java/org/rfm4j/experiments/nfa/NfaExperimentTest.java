// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.nfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.RfmException;
import org.rfm4j.io.JsonReader;
import org.rfm4j.io.SklearnDigitsReader;
import org.rfm4j.nn.Activation;
import org.rfm4j.nn.NetworkParams;
import org.rfm4j.nn.Optimizer;
import org.rfm4j.spi.Precision;
import org.rfm4j.testing.OnCpu;

/**
 * The NFA experiment reduced (digits, 400 rows, 4 hidden layers of 128, 8 epochs): NFA rises at every
 * layer, C-NFA is high after the first epoch, the intervention raises the target layer's NFA; the report's
 * keys and the figures. Skipped without scikit-learn's digits.
 */
class NfaExperimentTest extends OnCpu {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private static NetworkParams params() {
        return new NetworkParams(4, 128, Activation.RELU, Optimizer.SGD, 0.05, 0, 128, 1, 0, Precision.FLOAT32);
    }

    @Test
    @SuppressWarnings("unchecked")
    void reducedDigitsRunShowsTheAnsatzAndTheIntervention(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SklearnDigitsReader.defaultFile()),
                "scikit-learn digits not installed (" + SklearnDigitsReader.defaultFile()
                        + "): run scripts/install-data.sh to run this test");
        NfaExperiment.Config c = new NfaExperiment.Config("digits", 400, 100, 8, 100, params(), 5, 0.05, 0);
        Path json = NfaExperiment.run(cpu, c, dir, QUIET);
        Map<String, Object> r = JsonReader.parseObject(Files.readString(json));
        assertEquals(4, ((Number) r.get("layers")).intValue());
        List<Object> epochs = (List<Object>) r.get("epochs");
        assertEquals(9, epochs.size());
        Map<String, Object> first = (Map<String, Object>) epochs.get(0);
        Map<String, Object> one = (Map<String, Object>) epochs.get(1);
        Map<String, Object> last = (Map<String, Object>) epochs.get(8);
        for (String k : new String[] {"epoch", "train_loss", "test_accuracy", "nfa", "cnfa", "rel_change"}) {
            assertTrue(last.containsKey(k), k);
        }
        for (int l = 0; l < 4; l++) {
            double nfa0 = num(first, "nfa", l), nfaEnd = num(last, "nfa", l);
            assertTrue(nfaEnd > nfa0, "layer " + (l + 1) + ": NFA " + nfa0 + " -> " + nfaEnd);
            assertTrue(num(one, "cnfa", l) > 0.8, "layer " + (l + 1) + ": C-NFA after one epoch " + num(one, "cnfa", l));
        }
        assertTrue(num(last, "nfa", 0) > 0.5);
        Map<String, Object> iv = (Map<String, Object>) r.get("intervention");
        int target = ((Number) iv.get("target_layer")).intValue();
        List<Object> u = (List<Object>) iv.get("nfa_untreated"), t = (List<Object>) iv.get("nfa_treated");
        assertEquals(num(last, "nfa", target - 1), ((Number) u.get(8)).doubleValue(), 1e-12);
        assertTrue(((Number) t.get(8)).doubleValue() > ((Number) u.get(8)).doubleValue(), "treated " + t + " untreated " + u);
        for (String png : new String[] {"nfa.png", "intervention.png"}) {
            byte[] b = Files.readAllBytes(dir.resolve(png));
            assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png);
        }
    }

    @SuppressWarnings("unchecked")
    private static double num(Map<String, Object> e, String key, int l) {
        return ((Number) ((List<Object>) e.get(key)).get(l)).doubleValue();
    }

    @Test
    void badSettingsAreUserErrors() {
        assertThrows(RfmException.class, () -> new NfaExperiment.Config("digits", 400, 100, 0, 100, params(), 5, 0.05, 0));
        assertThrows(RfmException.class, () -> new NfaExperiment.Config("digits", 400, 100, 8, 100, params(), 0.5, 0.05, 0));
        assertThrows(RfmException.class, () -> new NfaExperiment.Config("digits", 400, 100, 8, 100, params(), 5, 0.05, 5));
        assertThrows(RfmException.class, () -> new NfaExperiment.Config("digits", 400, -1, 8, 100, params(), 5, 0.05, 0));
    }
}
