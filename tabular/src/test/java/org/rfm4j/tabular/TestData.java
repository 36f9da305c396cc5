// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.tabular;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Where the tests find the converted CSVs (the project's data/tabular, written by scripts/install-data.sh). */
final class TestData {
    private TestData() {
    }

    static Path dir() {
        Path p = Path.of(System.getProperty("rfm4j.tabular.data", "../data/tabular"));
        Assumptions.assumeTrue(Files.isRegularFile(p.resolve("sklearn/iris.csv")),
                "tabular data missing under " + p.toAbsolutePath() + ": run scripts/install-data.sh");
        return p;
    }
}
