// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cpu.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void forRangeCoversEachIndexOnce() {
        Parallel.withThreads(3, () -> {
            int[] hits = new int[1001];
            Parallel.forRange(hits.length, 1, (w, from, to) -> {
                for (int i = from; i < to; i++) {
                    hits[i]++;
                }
            });
            for (int h : hits) {
                assertEquals(1, h);
            }
            AtomicLong sum = new AtomicLong();
            Parallel.forEachTask(100, (w, t) -> sum.addAndGet(t));
            assertEquals(4950, sum.get());
        });
    }

    @Test
    void invokeAllKeepsOrderAndChunksCover() {
        Parallel.withThreads(2, () -> {
            java.util.List<java.util.concurrent.Callable<Integer>> tasks = new java.util.ArrayList<>();
            for (int i = 0; i < 9; i++) {
                int v = i;
                tasks.add(() -> v * v);
            }
            java.util.List<Integer> r = Parallel.invokeAll(tasks);
            for (int i = 0; i < 9; i++) {
                assertEquals(i * i, r.get(i));
            }
            AtomicLong covered = new AtomicLong();
            Parallel.forEachChunk(50, (first, last) -> covered.addAndGet(last - first));
            assertEquals(50, covered.get());
        });
    }

    @Test
    void exceptionsPropagate() {
        Parallel.withThreads(2, () -> assertThrows(IllegalStateException.class,
                () -> Parallel.forEachTask(10, (w, t) -> {
                    if (t == 7) {
                        throw new IllegalStateException("boom");
                    }
                })));
    }

    @Test
    void withThreadsRestoresAndWorkersAreSequential() {
        int before = Parallel.threads();
        Parallel.withThreads(5, () -> {
            assertEquals(5, Parallel.threads());
            Parallel.forRange(10, 1, (w, from, to) -> assertEquals(1, Parallel.threads()));
        });
        assertEquals(before, Parallel.threads());
        assertTrue(before >= 1);
    }

    @Test
    void aSmallUnitRunsOnTheCallingThreadAloneUntilItsCapCloses() {
        assumeTrue(Parallel.SERIAL_MAX_FLOPS > 0, "rfm4j.cpu.serialMaxFlops=0 turns the cap off");
        Parallel.withThreads(4, () -> {
            try (Simd.Scope outer = Parallel.serialBelow(Parallel.SERIAL_MAX_FLOPS * 10)) {
                assertEquals(4, Parallel.threads(), "a large unit keeps every thread");
                try (Simd.Scope inner = Parallel.serialBelow(Parallel.SERIAL_MAX_FLOPS / 10)) {
                    assertEquals(1, Parallel.threads());
                    AtomicLong workers = new AtomicLong();
                    Parallel.forEachTask(8, (w, t) -> workers.accumulateAndGet(w, Math::max));
                    assertEquals(0, workers.get(), "every task on the calling thread");
                }
                assertEquals(4, Parallel.threads(), "closing restores the caller's threads");
            }
        });
    }
}
