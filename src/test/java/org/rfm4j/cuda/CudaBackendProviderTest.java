// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.spi.BackendProvider;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ConvNtkShape;
import org.rfm4j.spi.MemoryInfo;

/** CPU-runnable checks of the CUDA backend's plumbing: probe, loader handshake, library linkage, planner. */
class CudaBackendProviderTest {
    private static final Path LIBRARY = Paths.get("target/classes/native/linux-x86_64/librfm4j_cuda.so");

    private static boolean gpuPresent() {
        return GpuMachine.gpuPresent();
    }

    @Test
    void probeNeverThrowsAndExplainsItself() {
        BackendProvider p = Backends.provider("cuda");
        assertEquals("cuda", p.name());
        BackendProvider.Availability a = assertDoesNotThrow(p::probe);
        assertNotNull(a.detail());
        assertFalse(a.detail().isBlank(), "the probe must say why (or what it found)");
        System.out.println("cuda probe: " + a);
        if (EmulatedDevice.active()) {
            assertTrue(a.available() && !a.automatic() && a.detail().startsWith("EMULATED"), a.detail());
        } else if (!gpuPresent()) {
            assertFalse(a.available(), "no GPU here, yet the CUDA backend claims to be available: " + a.detail());
            RfmException e = assertThrows(RfmException.class, p::open);
            assertEquals(ErrorCode.BACKEND_UNAVAILABLE, e.code());
        } else {
            assertTrue(a.available(), "this machine has a GPU, yet the CUDA backend is unavailable: " + a.detail());
        }
    }

    @Test
    void autoPicksTheCpuWithoutAGpu() {
        Assumptions.assumeFalse(gpuPresent(), "a GPU is present");
        try (var backend = Backends.open("auto")) {
            assertEquals("cpu", backend.name(), "auto must never pick an emulated device or a missing GPU");
        }
    }

    /** The number a native source file defines for a name (#define NAME N, or NAME = N;). */
    private static int nativeNumber(String file, String pattern) throws IOException {
        Path source = Paths.get(file);
        Assumptions.assumeTrue(Files.exists(source), "native sources not present");
        Matcher m = Pattern.compile(pattern).matcher(Files.readString(source, StandardCharsets.UTF_8));
        assertTrue(m.find(), pattern + " not found in " + file);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void abiVersionMatchesNativeHeader() throws IOException {
        assertEquals(NativeLoader.ABI_VERSION,
                nativeNumber("native/include/rfm4j_version.h", "#define RFM4J_NATIVE_ABI_VERSION (\\d+)"));
    }

    @Test
    void plannerKnowsTheKernelsScratchShape() throws IOException {
        assertEquals(MemoryPlanner.COLUMN_SUM_CHUNKS,
                nativeNumber("native/src/kernels/kernels.h", "kMaxColumnSumChunks = (\\d+);"));
    }

    @Test
    void libraryNeedsNoCudaLibrariesDynamically() throws Exception {
        Assumptions.assumeTrue(Files.exists(LIBRARY), "librfm4j_cuda.so was not built (no nvcc): nothing to inspect");
        Process proc;
        try {
            proc = new ProcessBuilder("readelf", "-d", LIBRARY.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("readelf is not installed: " + e.getMessage());
            return;
        }
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, proc.exitValue(), out);
        assertTrue(out.contains("(NEEDED)"), out);
        for (String line : out.split("\n")) {
            if (line.contains("(NEEDED)")) {
                assertFalse(line.matches(".*\\[lib(cublas|cublasLt|cusolver|cusparse|cudart|cuda|nvJitLink)[.].*"),
                        "librfm4j_cuda.so must load CUDA libraries at run time, not link them: " + line);
            }
        }
    }

    @Test
    void loaderFindsTheBuiltLibraryAndReportsNoDriver() {
        Assumptions.assumeTrue(Files.exists(LIBRARY), "librfm4j_cuda.so was not built (no nvcc)");
        NativeLoader.Result r = NativeLoader.load();
        assertEquals(NativeLoader.Outcome.LOADED, r.outcome(), r.detail());
        if (!gpuPresent() && !EmulatedDevice.active()) {
            String reason = Backends.provider("cuda").probe().detail();
            assertTrue(reason.contains("driver") || reason.contains("device"), reason);
        }
    }

    @Test
    void plannerRefusesWhatCannotFitAndSaysTheWayOut() {
        MemoryInfo mem = new MemoryInfo(8L << 30, 80L << 30);
        long nxn = 60000L * 60000L * 8;
        RfmException e = assertThrows(RfmException.class,
                () -> MemoryPlanner.checkAllocation(nxn, "the 60000 x 60000 float64 kernel matrix", mem));
        assertEquals(ErrorCode.OUT_OF_MEMORY, e.code());
        String msg = e.getMessage();
        assertTrue(msg.contains(Long.toString(nxn)), msg);
        assertTrue(msg.contains(Long.toString(mem.freeBytes())), msg);
        assertTrue(msg.contains("float32") && msg.contains("smaller n") && msg.contains("--backend cpu"), msg);
        assertDoesNotThrow(() -> MemoryPlanner.checkAllocation(20000L * 20000 * 4, "20000^2 float32", mem));
    }

    @Test
    void plannerBatchesFitTheBudget() {
        MemoryInfo mem = new MemoryInfo(10L << 30, 80L << 30);
        int n = 20000, d = 100, c = 3, bytes = 4;
        int b = MemoryPlanner.agopBatch(n, d, c, 20000, bytes, true, true, mem);
        assertTrue(b >= 1 && b <= MemoryPlanner.MAX_AGOP_BATCH, "batch " + b);
        long scratch = (long) bytes * ((long) b * (n + (long) c * d + (long) n * c + c + 1) + n + (long) d * d
                + (c + 1L) * MemoryPlanner.COLUMN_SUM_CHUNKS * d);
        assertTrue(scratch <= MemoryPlanner.usable(mem.freeBytes()), "scratch " + scratch);
        assertEquals(7, MemoryPlanner.agopBatch(n, d, c, 7, bytes, true, true, mem), "never more rows than points");
        int lp = MemoryPlanner.agopBatch(n, d, c, 20000, bytes, false, true, mem);
        long lpScratch = (long) bytes * ((long) lp * (n + (long) c * d + (long) n * d) + (long) d * d
                + (c + 1L) * MemoryPlanner.COLUMN_SUM_CHUNKS * d);
        assertTrue(lp >= 1 && lpScratch <= MemoryPlanner.usable(mem.freeBytes()), "Lp batch " + lp);
        int pb = MemoryPlanner.predictBatch(n, c, 100000, bytes, true, mem);
        assertTrue(pb >= 1 && (long) pb * n * bytes <= MemoryPlanner.usable(mem.freeBytes()));
        MemoryInfo tiny = new MemoryInfo(300L << 20, 80L << 30);
        RfmException e = assertThrows(RfmException.class,
                () -> MemoryPlanner.agopBatch(2_000_000, 1000, 100, 10, 8, true, true, tiny));
        assertEquals(ErrorCode.OUT_OF_MEMORY, e.code());
    }

    @Test
    void convolutionalKernelTilesFitTheBudget() {
        MemoryInfo mem = new MemoryInfo(10L << 30, 80L << 30);
        ConvNtkShape noisy = new ConvNtkShape(3, 3, 40, 40, 1); // 1600, 1444 and 1296 positions
        int na = 500, nb = 500;
        int tile = MemoryPlanner.convTileRows(noisy, na, nb, mem);
        long scratch = 8L * tile * nb * 2 * (1600 + 1444) + 8L * (1600 + 1444 + 1296) * (na + nb);
        assertTrue(tile >= 1 && tile <= na && scratch <= MemoryPlanner.usable(mem.freeBytes()), "tile " + tile);
        assertEquals(3, MemoryPlanner.convTileRows(noisy, 3, nb, mem), "never more rows than images");
        RfmException e = assertThrows(RfmException.class, () -> MemoryPlanner.convTileRows(noisy, 10, 2_000_000,
                new MemoryInfo(300L << 20, 80L << 30)));
        assertEquals(ErrorCode.OUT_OF_MEMORY, e.code());
        assertTrue(e.getMessage().contains("one row of the convolutional kernel"), e.getMessage());
    }
}
