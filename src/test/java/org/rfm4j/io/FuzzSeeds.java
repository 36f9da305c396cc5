// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.rfm4j.api.ModelExport;
import org.rfm4j.api.RfmClassifier;
import org.rfm4j.api.RfmModel;
import org.rfm4j.api.RfmModels;
import org.rfm4j.api.RfmParams;
import org.rfm4j.api.RfmRegressor;
import org.rfm4j.tree.TreeSettings;

/**
 * Writes the seed corpus of {@link ReadersFuzzTest}: one or more valid files per reader, the starting
 * points the fuzzer mutates. Run once when a format changes (scripts/fuzz.sh --seeds does):
 * {@code java -cp ... org.rfm4j.io.FuzzSeeds src/test/resources/org/rfm4j/io/ReadersFuzzTestInputs}.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Random r = new Random(7);
        double[][] x = new double[40][3];
        double[][] y = new double[40][1];
        String[] labels = new String[40];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i][0] = x[i][0] * x[i][1];
            labels[i] = x[i][2] > 0 ? "up" : "down";
        }
        RfmParams p = RfmParams.builder().iterations(1).precision(org.rfm4j.spi.Precision.FLOAT64).build();
        RfmModel reg = new RfmRegressor(p).fit(x, y);
        RfmModel clf = new RfmClassifier(p).fit(x, labels).withFeatureNames("a", "b", "c");
        RfmModel tree = new RfmRegressor(RfmParams.builder().iterations(1).solver("tree")
                .tree(TreeSettings.defaults().withLeafSize(20)).build()).fit(x, y);
        int k = 0;
        for (RfmModel m : new RfmModel[] {reg, clf, tree}) {
            byte[] b = RfmModels.toBytes(m);
            write(root, "modelFile", "seed-" + k, b);
            write(root, "modelFileSealed", "seed-" + k, Arrays.copyOf(b, b.length - ModelFile.TRAILER_BYTES));
            k++;
        }

        Path tmp = Files.createTempDirectory("fuzz-seeds");
        Path npy = tmp.resolve("a.npy");
        Npy.write(npy, new double[] {1, 2, 3, 4, 5, 6}, new int[] {3, 2}, false);
        write(root, "npy", "seed-f64", Files.readAllBytes(npy));
        Npy.write(npy, new double[] {1, 2, 3, 4}, new int[] {4}, true);
        write(root, "npy", "seed-f32", Files.readAllBytes(npy));

        write(root, "csv", "seed-header", "a,b,y\n1,2,3\n4.5,-6e-1,7\n".getBytes(StandardCharsets.UTF_8));
        write(root, "csv", "seed-quoted", "\"a,1\";\"b \"\"q\"\"\";label\n1;2;\"x; y\"\n3;4;\"multi\nline\"\n"
                .getBytes(StandardCharsets.UTF_8));
        write(root, "csv", "seed-plain", "1\t2\n3\t4\n".getBytes(StandardCharsets.UTF_8));

        ByteArrayOutputStream idx = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(idx)) {
            out.writeInt(0x00000803);
            out.writeInt(2);
            out.writeInt(2);
            out.writeInt(2);
            out.write(new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
        }
        write(root, "idx", "seed-images", idx.toByteArray());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(idx.toByteArray());
        }
        write(root, "idx", "seed-images-gz", gz.toByteArray());

        StringBuilder digit = new StringBuilder("{\"data\":[");
        for (int i = 0; i < 784; i++) {
            digit.append(i > 0 ? "," : "").append(i % 7 == 0 ? "0.5" : "0");
        }
        write(root, "npmMnistDigits", "seed", digit.append("]}").toString().getBytes(StandardCharsets.US_ASCII));

        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            row.append(i % 17).append(',');
        }
        write(root, "sklearnDigits", "seed", (row + "3\n" + row + "4\n").getBytes(StandardCharsets.US_ASCII));

        Path st = tmp.resolve("m.safetensors");
        ModelExport.toSafetensors(clf, st);
        write(root, "safetensors", "seed-classifier", Files.readAllBytes(st));
        ModelExport.toSafetensors(reg, st);
        write(root, "safetensors", "seed-regressor", Files.readAllBytes(st));

        write(root, "json", "seed-object", "{\"a\": [1, 2.5e-3, NaN], \"b\": {\"c\": null, \"d\": true}, \"e\": \"\\u00e9\"}"
                .getBytes(StandardCharsets.UTF_8));
        System.out.println("seeds written under " + root);
    }

    private static void write(Path root, String target, String name, byte[] bytes) throws IOException {
        Path dir = root.resolve(target);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
