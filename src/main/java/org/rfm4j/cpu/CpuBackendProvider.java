// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu;

import org.rfm4j.cpu.linalg.Parallel;
import org.rfm4j.spi.BackendProvider;
import org.rfm4j.spi.ComputeBackend;

/** The CPU backend is available everywhere. */
public final class CpuBackendProvider implements BackendProvider {
    /** The name users pass (--backend cpu). */
    public static final String NAME = "cpu";

    @Override
    public String name() {
        return NAME;
    }

    /** The fallback: always available, picked by "auto" when no accelerator runs. */
    @Override
    public int autoPriority() {
        return 0;
    }

    @Override
    public Availability probe() {
        return Availability.yes("pure Java, " + Parallel.threads() + " threads, " + org.rfm4j.cpu.linalg.Simd.describe());
    }

    @Override
    public ComputeBackend open() {
        return new CpuBackend();
    }
}
