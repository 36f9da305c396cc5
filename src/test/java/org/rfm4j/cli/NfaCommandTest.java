// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `rfm experiment nfa` and `rfm experiment grokking-network`: bad options are one-line user errors (exit 2). */
class NfaCommandTest {
    private static void userError(String expected, String... args) {
        CliTest.Run r = CliTest.run(args);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void badOptionsAreUserErrors(@TempDir Path dir) {
        String out = dir.toString();
        userError("--layers", "experiment", "nfa", "--layers", "0", "--out", out);
        userError("--lr", "experiment", "nfa", "--lr", "-1", "--out", out);
        userError("relu or quadratic", "experiment", "nfa", "--activation", "tanh", "--out", out);
        userError("sgd or adamw", "experiment", "nfa", "--optimizer", "adam", "--out", out);
        userError("--target", "experiment", "nfa", "--target", "9", "--out", out);
        userError("--intervention-c", "experiment", "nfa", "--intervention-c", "0.5", "--out", out);
        userError("digits, mnist or fashion", "experiment", "nfa", "--data", "cifar", "--n", "20", "--out", out);
        userError("--epochs", "experiment", "grokking-network", "--epochs", "0", "--out", out);
        userError("add, sub, mul or div", "experiment", "grokking-network", "--task", "pow", "--out", out);
        userError("--width", "experiment", "grokking-network", "--width", "0", "--out", out);
    }
}
