// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.api.RfmModels;

/**
 * Processes stopped mid-way: a model file being saved, or a fit about to save, killed with SIGKILL at
 * many points leaves the old model file or a complete new one, never a partial one (a SIGKILL runs no
 * cleanup, so a hidden {@code .NAME.RANDOM.tmp} may stay beside it); Ctrl-C (SIGINT) during `rfm fit`
 * exits with status 130 and one message, and removes what it was writing.
 */
class InterruptionTest {
    @TempDir
    Path dir;

    private static List<String> java(Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    private long temps(Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        try (Stream<Path> s = Files.list(target.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void saveKilledAtRandomPointsLeavesAWholeModel() throws Exception {
        Path target = dir.resolve("m.rfm");
        Random r = new Random(11);
        int kills = 8, midWrite = 0, a = 0, b = 0;
        for (int k = 0; k < kills; k++) {
            Process p = new ProcessBuilder(java(SaveLoop.class, target.toString(), "1200", "120"))
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // JVM warnings; the child prints "ready" once both models are fitted
            }
            assertEquals("ready", line, "the save loop did not start");
            Thread.sleep(r.nextInt(400));
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            long left = temps(target);
            if (left > 0) {
                midWrite++;
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".tmp")).forEach(f -> f.toFile().delete());
                }
            }
            if (Files.exists(target)) {
                byte[] now = Files.readAllBytes(target);
                byte[] ma = Files.readAllBytes(Path.of(target + ".a")), mb = Files.readAllBytes(Path.of(target + ".b"));
                boolean isA = Arrays.equals(now, ma), isB = Arrays.equals(now, mb);
                assertTrue(isA || isB, "kill " + k + ": the model file is neither model (" + now.length + " bytes)");
                a += isA ? 1 : 0;
                b += isB ? 1 : 0;
                RfmModels.load(target); // and it loads, checksum and all
            }
        }
        System.out.printf("interruption: %d SIGKILLs of a save loop (1.2 MB model files), %d of them mid-write "
                + "(a temporary file left); the model file afterwards: %d x model A, %d x model B, 0 partial%n",
                kills, midWrite, a, b);
    }

    @Test
    void fitKilledAtSpreadPointsKeepsTheOldModel() throws Exception {
        Path target = dir.resolve("fit.rfm");
        String[] args = {"fit", "--data", "builtin:lowrank:n=1200,d=40,val=200,test=100", "--iterations", "2",
            "--backend", "cpu", "--save", target.toString()};
        long t0 = System.nanoTime();
        Process first = new ProcessBuilder(java(RfmCli.class, args)).redirectErrorStream(true).start();
        String log = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(first.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue(), log);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        byte[] old = Files.readAllBytes(target);
        int kills = 5, kept = 0, replaced = 0;
        for (int k = 1; k <= kills; k++) {
            Process p = new ProcessBuilder(java(RfmCli.class, args)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(millis * k / (kills + 1)); // spread over the run: start-up, fit, save
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Files.exists(target), "kill " + k + ": the old model file is gone");
            byte[] now = Files.readAllBytes(target);
            RfmModels.load(target); // whole: the checksum and every shape hold
            if (Arrays.equals(now, old)) {
                kept++;
            } else {
                replaced++;
                old = now;
            }
        }
        System.out.printf("interruption: %d SIGKILLs spread over `rfm fit --save` (%d ms a run): the old model kept "
                + "%d times, a complete new one %d times, 0 partial%n", kills, millis, kept, replaced);
    }

    @Test
    void ctrlCDuringFitExitsWithOneMessage() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/kill")), "no /bin/kill to send SIGINT");
        Path target = dir.resolve("never.rfm");
        Process p = new ProcessBuilder(java(RfmCli.class, "fit", "--data", "builtin:lowrank:n=3000,d=20,val=300,test=100",
                "--iterations", "8", "--backend", "cpu", "--save", target.toString()))
                .redirectError(dir.resolve("err.txt").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("rfm fit:")) {
            // wait for the fit to start
        }
        assertTrue(line != null, "rfm fit printed nothing");
        Thread.sleep(300);
        new ProcessBuilder("/bin/kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
        while (out.readLine() != null) {
            // drain
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(130, p.exitValue(), err);
        assertTrue(err.contains("rfm: interrupted before the command finished"), err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(Files.exists(target), "an interrupted fit saved a model");
        assertEquals(0, temps(target));
        System.out.println("interruption: SIGINT during `rfm fit`: exit 130, " + err.strip().lines().count()
                + " line(s) on stderr, no model file, no temporary file");
    }
}
