// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.data.Dataset;
import org.rfm4j.io.CsvReader;
import org.rfm4j.spi.Backends;
import org.rfm4j.spi.ComputeBackend;

/** Feature names from a CSV header into the model, its file, its safetensors export and its checks. */
class FeatureNamesTest {
    @TempDir
    Path dir;

    private Path csv(String header, boolean labels) throws Exception {
        StringBuilder sb = new StringBuilder(header).append('\n');
        Random r = new Random(3);
        for (int i = 0; i < 120; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian(), c = r.nextGaussian();
            sb.append(a).append(',').append(b).append(',').append(c).append(',')
                    .append(labels ? (a * b > 0 ? "yes" : "no") : Double.toString(a * b)).append('\n');
        }
        Path p = dir.resolve(header.hashCode() + (labels ? "l" : "r") + ".csv");
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void headerNamesTravelWithTheModelThroughSaveAndExport() throws Exception {
        Dataset train = CsvReader.readDefault(csv("price,rooms,age,target", false));
        assertTrue(train.hasFeatureNames());
        RfmParams params = RfmParams.builder().iterations(1).build();
        try (ComputeBackend be = Backends.open("cpu")) {
            RfmRegressionModel m = new RfmRegressor(params).fit(be, train, null, null);
            assertEquals(List.of("price", "rooms", "age"), m.featureNames());
            assertEquals("rooms", m.featureName(1));
            assertTrue(m.toString().contains("price") || m.toString().contains("rooms"), m.toString());

            Path file = dir.resolve("m.rfm");
            RfmModels.save(m, file);
            RfmModel loaded = RfmModels.load(file);
            assertEquals(m.featureNames(), loaded.featureNames());
            Path st = dir.resolve("m.safetensors");
            ModelExport.toSafetensors(m, st);
            assertEquals(m.featureNames(), ModelExport.fromSafetensors(st).featureNames());

            loaded.checkFeatureNames("price", "rooms", "age");
            loaded.checkFeatureNames((String[]) null); // unnamed input: nothing to check
            RfmException reordered = assertThrows(RfmException.class,
                    () -> loaded.checkFeatureNames("rooms", "price", "age"));
            assertEquals(ErrorCode.INVALID_DATA, reordered.code());
            assertTrue(reordered.getMessage().contains("another order")
                    && reordered.getMessage().contains("'price', 'rooms', 'age'"), reordered.getMessage());
            RfmException extra = assertThrows(RfmException.class,
                    () -> loaded.checkFeatureNames("price", "rooms", "age", "target"));
            assertTrue(extra.getMessage().contains("3 features but the input has 4 columns"), extra.getMessage());
        }
    }

    @Test
    void classifierTakesLabelsAndNamesFromADataset() throws Exception {
        Dataset train = CsvReader.readDefault(csv("a,b,c,answer", true));
        RfmClassificationModel m = new RfmClassifier(RfmParams.builder().iterations(1).build()).fit(train);
        assertEquals(List.of("a", "b", "c"), m.featureNames());
        assertArrayEquals(new String[] {"no", "yes"}, m.classes());
        RfmException text = assertThrows(RfmException.class, () -> new RfmRegressor().fit(train));
        assertTrue(text.getMessage().contains("text labels"), text.getMessage());
    }

    @Test
    void unnamedColumnsGiveAModelWithoutNames() throws Exception {
        Path p = dir.resolve("plain.csv");
        Files.writeString(p, "1,2,3\n4,5,6\n7,8,10\n2,1,0\n");
        Dataset d = new CsvReader().header(false).read(p);
        assertFalse(d.hasFeatureNames());
        RfmRegressionModel m = new RfmRegressor(RfmParams.builder().iterations(1).build()).fit(d);
        assertTrue(m.featureNames().isEmpty());
        assertEquals("x1", m.featureName(1));
        m.checkFeatureNames("anything", "goes"); // a model without names checks nothing
        RfmModel named = m.withFeatureNames("u", "v");
        assertEquals(List.of("u", "v"), named.featureNames());
        assertTrue(m.featureNames().isEmpty(), "withFeatureNames returns a new model");
        for (String[] bad : new String[][] {{"u"}, {"u", "u"}, {"u", " "}, {"u", null}}) {
            RfmException e = assertThrows(RfmException.class, () -> m.withFeatureNames(bad));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
        }
        assertThrows(RfmException.class, () -> m.withFeatureNames((String[]) null));
        assertThrows(RfmException.class, () -> m.featureName(2));
    }
}
