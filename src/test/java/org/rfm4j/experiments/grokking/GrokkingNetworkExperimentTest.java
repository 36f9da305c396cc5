// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.grokking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.RfmException;
import org.rfm4j.io.JsonReader;
import org.rfm4j.nn.Activation;
import org.rfm4j.nn.NetworkParams;
import org.rfm4j.nn.Optimizer;
import org.rfm4j.spi.Precision;
import org.rfm4j.testing.OnCpu;

/**
 * The grokking network reduced (a+b mod 61, width 256 instead of 1024, 26 epochs): train accuracy first,
 * test accuracy near 0 at epoch 10 and above 0.9 at the end, corr(W1^T W1, sqrt(AGOP)) above 0.9, and the
 * first layer's circulant deviation falling.
 */
class GrokkingNetworkExperimentTest extends OnCpu {
    private static NetworkParams params(int hidden) {
        return new NetworkParams(hidden, 256, Activation.QUADRATIC, Optimizer.ADAMW, 1e-3, 1.0, 32, 1, 0, Precision.FLOAT32);
    }

    @Test
    @SuppressWarnings("unchecked")
    void reducedNetworkGroks(@TempDir Path dir) throws Exception {
        Path json = GrokkingNetworkExperiment.run(cpu, new GrokkingNetworkExperiment.Config("add", 61, 0.5, 26, params(1)),
                dir, new PrintStream(PrintStream.nullOutputStream()));
        Map<String, Object> r = JsonReader.parseObject(Files.readString(json));
        List<Object> epochs = (List<Object>) r.get("epochs");
        assertEquals(27, epochs.size());
        Map<String, Object> e10 = (Map<String, Object>) epochs.get(10), last = (Map<String, Object>) epochs.get(26);
        assertTrue(num(e10, "train_accuracy") > 0.8 && num(e10, "test_accuracy") < 0.1, e10.toString());
        assertTrue(num(last, "test_accuracy") > 0.9, last.toString());
        assertTrue(num(last, "corr_nfm_sqrt_agop") > 0.9, last.toString());
        Map<String, Object> first = (Map<String, Object>) epochs.get(0);
        assertTrue(num(last, "circulant_deviation") < num(first, "circulant_deviation") - 0.2, last.toString());
        byte[] png = Files.readAllBytes(dir.resolve("grokking_network.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    }

    private static double num(Map<String, Object> e, String key) {
        return ((Number) e.get(key)).doubleValue();
    }

    @Test
    void badSettingsAreUserErrors() {
        assertThrows(RfmException.class, () -> new GrokkingNetworkExperiment.Config("add", 61, 0.5, 0, params(1)));
        assertThrows(RfmException.class, () -> new GrokkingNetworkExperiment.Config("add", 61, 0.5, 5, params(2)));
    }
}
