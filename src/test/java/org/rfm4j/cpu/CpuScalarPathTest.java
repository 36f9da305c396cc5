// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.rfm4j.cpu.linalg.Simd;

/**
 * The CPU backend's kernel-matrix, gradient and AGOP checks with the Vector API path switched off
 * (the default test JVM has jdk.incubator.vector, so the plain test classes run the vector path).
 */
class CpuScalarPathTest {
    @BeforeAll
    static void scalarOnly() {
        Simd.setEnabled(false);
    }

    @AfterAll
    static void restore() {
        Simd.setEnabled(true);
    }

    @Nested
    class KernelMatrix extends CpuKernelMatrixTest {
    }

    @Nested
    class Agop extends AgopBruteForceTest {
    }

    @Nested
    class Gradient extends KernelGradientTest {
    }
}
