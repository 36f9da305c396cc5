// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/** Test classes whose fits and predictions run on the CPU backend, the reference: one backend per class. */
public abstract class OnCpu {
    /** Open for the whole test class. */
    protected static ComputeBackend cpu;

    @BeforeAll
    static void openCpu() {
        cpu = Backends.open("cpu");
    }

    @AfterAll
    static void closeCpu() {
        cpu.close();
    }
}
