// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end on small data: fit, report JSON, save, predict, info, and user errors (exit 2, one line). */
class CliTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = RfmCli.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void fitSavePredictOnTheLowRankBuiltin(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json"), model = dir.resolve("m.rfm");
        Run fit = run("fit", "--data", "builtin:lowrank:n=600,d=8,val=200,test=200", "--backend", "cpu",
                "--iterations", "2", "--save", model.toString(), "--report-json", report.toString());
        assertEquals(0, fit.code(), fit.out() + fit.err());
        String json = Files.readString(report);
        for (String key : new String[] {"\"backend\"", "\"precision\"", "\"n_train\": 600", "\"d\": 8", "\"c\": 1",
                "\"iterations\"", "\"validation\"", "\"seconds\"", "\"best_iteration\"", "\"test\"", "\"top_features\""}) {
            assertTrue(json.contains(key), key + " missing from " + json);
        }
        assertTrue(fit.out().contains("val_mse"), fit.out());
        Path input = dir.resolve("in.csv"), output = dir.resolve("out.csv");
        StringBuilder csv = new StringBuilder("a,b,c,d,e,f,g,h\n");
        for (int i = 0; i < 5; i++) {
            csv.append("0.1,0.2,0.3,0.4,0.5,0.6,0.7,").append(i * 0.1).append('\n');
        }
        Files.writeString(input, csv);
        Run pred = run("predict", "--model", model.toString(), "--input", input.toString(), "--output", output.toString(),
                "--backend", "cpu");
        assertEquals(0, pred.code(), pred.err());
        assertEquals(6, Files.readAllLines(output).size());

        // export to safetensors and import back: the imported model predicts the same
        Path st = dir.resolve("m.safetensors"), back = dir.resolve("back.rfm"), output2 = dir.resolve("out2.csv");
        Run export = run("export", "--model", model.toString(), "--out", st.toString());
        assertEquals(0, export.code(), export.err());
        Run imported = run("import", "--in", st.toString(), "--out", back.toString());
        assertEquals(0, imported.code(), imported.err());
        assertEquals(0, run("predict", "--model", back.toString(), "--input", input.toString(), "--output",
                output2.toString(), "--backend", "cpu").code());
        assertEquals(Files.readAllLines(output), Files.readAllLines(output2));
        Run badFormat = run("export", "--model", model.toString(), "--format", "onnx", "--out", st.toString());
        assertEquals(RfmCli.EXIT_USER_ERROR, badFormat.code());
        assertTrue(badFormat.err().contains("rfm4j exports safetensors"), badFormat.err());
    }

    @Test
    void aTreeFitPrintsItsLeavesAndItsModelPredicts(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json"), model = dir.resolve("t.rfm");
        Run fit = run("fit", "--data", "builtin:lowrank:n=1200,d=8,val=300,test=200", "--backend", "cpu",
                "--iterations", "2", "--solver", "tree", "--leaf-size", "400", "--save", model.toString(),
                "--report-json", report.toString());
        assertEquals(0, fit.code(), fit.out() + fit.err());
        for (String line : new String[] {"solver: tree (asked for)", "split node 0 (depth 0, 1200 rows) -> 600 | 600",
                "leaf 4/4", "routing: ", "tree: 4 leaves (leaf size 400, depth 2", "test: mse="}) {
            assertTrue(fit.out().contains(line), line + " missing from\n" + fit.out());
        }
        String json = Files.readString(report);
        for (String key : new String[] {"\"solver\": \"tree\"", "\"leaf_size\": 400", "\"routing_scores\"",
                "\"validation_rows\"", "\"leaves\""}) {
            assertTrue(json.contains(key), key + " missing from " + json);
        }
        Path input = dir.resolve("in.csv"), output = dir.resolve("out.csv");
        Files.writeString(input, "a,b,c,d,e,f,g,h\n0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8\n-0.1,0.2,-0.3,0.4,-0.5,0.6,-0.7,0.8\n");
        Run pred = run("predict", "--model", model.toString(), "--input", input.toString(), "--output",
                output.toString(), "--backend", "cpu");
        assertEquals(0, pred.code(), pred.err());
        assertEquals(3, Files.readAllLines(output).size());
    }

    @Test
    void classificationFromCsvWithStringLabels(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("d.csv");
        StringBuilder sb = new StringBuilder("x1,x2,species\n");
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 300; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian();
            sb.append(a).append(',').append(b).append(',').append(a > 0 ? "setosa" : "virginica").append('\n');
        }
        Files.writeString(data, sb);
        Run fit = run("fit", "--data", data.toString(), "--target", "species", "--backend", "cpu", "--iterations", "1");
        assertEquals(0, fit.code(), fit.out() + fit.err());
        assertTrue(fit.out().contains("classification"), fit.out());
        assertTrue(fit.out().contains("accuracy="), fit.out());

        // the header names the model's features: prediction input with the columns swapped is refused
        Path model = dir.resolve("m.rfm"), report = dir.resolve("r.json");
        Run saved = run("fit", "--data", data.toString(), "--target", "species", "--backend", "cpu", "--iterations", "1",
                "--save", model.toString(), "--report-json", report.toString());
        assertEquals(0, saved.code(), saved.out() + saved.err());
        assertTrue(saved.out().contains("(x1)") || saved.out().contains("(x2)"), saved.out());
        assertTrue(Files.readString(report).contains("\"feature_names\": [\"x1\", \"x2\"]"), Files.readString(report));
        Path swapped = dir.resolve("swapped.csv"), out = dir.resolve("p.csv");
        Files.writeString(swapped, "x2,x1\n0.5,1.5\n");
        Run bad = run("predict", "--model", model.toString(), "--input", swapped.toString(), "--output", out.toString(),
                "--backend", "cpu");
        assertEquals(RfmCli.EXIT_USER_ERROR, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("input column 0 is 'x2'") && bad.err().contains("another order"), bad.err());
        Files.writeString(swapped, "x1,x2\n0.5,1.5\n");
        Run good = run("predict", "--model", model.toString(), "--input", swapped.toString(), "--output", out.toString(),
                "--backend", "cpu");
        assertEquals(0, good.code(), good.err());
    }

    @Test
    void infoListsBackendsWithReasons() {
        Run info = run("info");
        assertEquals(0, info.code());
        assertTrue(info.out().contains("cpu   available"), info.out());
        assertTrue(info.out().contains("cuda"), info.out());
    }

    @Test
    void userErrorsExitWithCode2AndOneLine(@TempDir Path dir) throws Exception {
        String[][] cases = {
                {"fit", "--data", dir.resolve("nope.csv").toString()},
                {"fit", "--data", "builtin:nosuch"},
                {"fit", "--data", "builtin:lowrank:n=50,d=6,val=20,test=20", "--kernel", "sigmoid"},
                {"fit", "--data", "builtin:lowrank:n=50,d=6,val=20,test=20", "--bandwidth", "-1"},
                {"fit", "--data", "builtin:lowrank:n=50,d=6,val=20,test=20", "--reg", "-0.1"},
                {"fit", "--data", "builtin:lowrank:n=50,d=6,val=20,test=20", "--backend", "cuda"},
                {"fit", "--data", "builtin:lowrank:n=50,d=6,val=20,test=20", "--solver", "forest"},
                {"fit", "--data", "builtin:lowrank:n=50,d=6,val=20,test=20", "--solver", "tree", "--routing", "fuzzy"},
                {"fit", "--data", "builtin:lowrank:n=50,d=6,val=20,test=20", "--solver", "tree", "--leaf-size", "3"},
                {"predict", "--model", dir.resolve("none.rfm").toString(), "--input", "x.csv", "--output", "y.csv"},
        };
        for (String[] args : cases) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().startsWith("rfm: error: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, "a,b,y\n1,2,3\n4,NaN,6\n7,8,9\n1,1,1\n2,2,2\n");
        Run r = run("fit", "--data", nan.toString(), "--backend", "cpu");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("NaN") || r.err().contains("nan"), r.err());
    }
}
