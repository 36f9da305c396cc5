// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in a Java runtime without java.desktop (a small jlink runtime, as on a server or the GPU
 * machine): info, fit, predict and bench --no-plots must run; only figures need AWT. A child JVM with
 * --limit-modules stands in for such a runtime.
 */
class HeadlessCliTest {
    private static final String MODULES = "java.base,java.logging,java.management,java.xml,jdk.unsupported";

    private static String run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--limit-modules", MODULES, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                RfmCli.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "rfm " + String.join(" ", args) + " did not finish");
        assertFalse(out.contains("NoClassDefFoundError") || out.contains("java/awt"),
                "rfm " + String.join(" ", args) + " needs AWT:\n" + out);
        assertEquals(0, p.exitValue(), "rfm " + String.join(" ", args) + ":\n" + out);
        return out;
    }

    @Test
    void infoFitPredictAndBenchRunWithoutJavaDesktop(@TempDir Path dir) throws Exception {
        assertTrue(run(dir, "info").contains("auto selects"));
        run(dir, "fit", "--data", "builtin:lowrank:n=300,d=8,val=100,test=100", "--iterations", "1", "--backend", "cpu",
                "--save", "m.rfm");
        Files.writeString(dir.resolve("q.csv"), "a,b,c,d,e,f,g,h\n0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8\n");
        run(dir, "predict", "--model", "m.rfm", "--input", "q.csv", "--output", "p.csv", "--backend", "cpu");
        assertEquals(2, Files.readAllLines(dir.resolve("p.csv")).size());
        run(dir, "bench", "--n", "200", "--d", "10", "--c", "1", "--kernels", "laplace", "--precisions", "float32",
                "--backends", "cpu", "--repeats", "1", "--n-test", "50", "--peers", "none", "--no-plots", "--out", "b");
        assertTrue(Files.exists(dir.resolve("b/bench.json")));
    }
}
