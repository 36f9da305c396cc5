// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link LinalgDoubleTest} with the Vector API path switched off: the scalar fallback stays covered. */
class LinalgDoubleScalarTest extends LinalgDoubleTest {
    @BeforeAll
    static void scalarOnly() {
        Simd.setEnabled(false);
    }

    @AfterAll
    static void restore() {
        Simd.setEnabled(true);
    }
}
