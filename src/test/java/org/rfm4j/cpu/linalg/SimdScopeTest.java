// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * A unit of work's kernel path ({@link Simd#scope}) holds on the calling thread and on every pool worker
 * its kernels start, nested scopes keep the outer path, and closing restores the process-wide setting.
 */
class SimdScopeTest {
    @Test
    void scopeReachesTheWorkersAndEnds() {
        boolean global = Simd.enabled();
        for (boolean vector : new boolean[] {false, true}) {
            boolean want = vector && global;
            try (Simd.Scope s = Simd.scope(vector)) {
                assertEquals(want, Simd.enabled(), "calling thread");
                assertEquals(Set.of(want), pathsSeenByWorkers(), "every worker of a range split");
                try (Simd.Scope inner = Simd.scope(!vector)) {
                    assertEquals(want, Simd.enabled(), "a nested scope keeps the outer path");
                }
                Set<Boolean> jobs = ConcurrentHashMap.newKeySet();
                Parallel.withThreads(2, () -> Parallel.forEachJob(4, 2, j -> jobs.add(Simd.enabled())));
                assertEquals(Set.of(want), jobs, "every job of forEachJob");
            }
            assertEquals(global, Simd.enabled(), "closing restores the process-wide path");
            assertEquals(Set.of(global), pathsSeenByWorkers(), "workers outside any scope");
        }
    }

    @Test
    void scalarScopeDoesNotLeakToOtherThreads() throws Exception {
        boolean global = Simd.enabled();
        try (Simd.Scope s = Simd.scope(false)) {
            assertFalse(Simd.enabled());
            boolean[] other = new boolean[1];
            Thread t = new Thread(() -> other[0] = Simd.enabled());
            t.start();
            t.join();
            assertEquals(global, other[0], "an unrelated thread keeps the process-wide path");
        }
    }

    private static Set<Boolean> pathsSeenByWorkers() {
        Set<Boolean> seen = ConcurrentHashMap.newKeySet();
        Parallel.withThreads(2, () -> Parallel.forRange(64, 1, (w, from, to) -> seen.add(Simd.enabled())));
        return seen;
    }
}
