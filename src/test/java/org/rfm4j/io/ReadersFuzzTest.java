// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.rfm4j.RfmException;
import org.rfm4j.api.ModelExport;
import org.rfm4j.api.RfmModels;

/**
 * Every reader of untrusted bytes, fuzzed: whatever the bytes, a reader returns or throws our
 * {@link RfmException}; any other exception or error (an OutOfMemoryError from a lying header, an
 * index out of bounds, a stack overflow) is a finding. The normal suite replays the committed corpus
 * under {@code src/test/resources/org/rfm4j/io/ReadersFuzzTestInputs/<target>/} (seeds of valid files
 * and every past finding); {@code scripts/fuzz.sh SECONDS} fuzzes each target with coverage guidance
 * (Jazzer, {@code JAZZER_FUZZ=1}) and files what it finds there.
 */
class ReadersFuzzTest {
    private static final Path DIR = tempDir();

    private static Path tempDir() {
        try {
            Path d = Files.createTempDirectory("rfm4j-fuzz");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes as a file the reader opens by path (the readers' public entry points take paths). */
    private static Path file(String name, byte[] data) {
        Path p = DIR.resolve(name);
        try {
            Files.write(p, data);
            p.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Runs a reader; RfmException is the one way it may fail. */
    private static void readOrRefuse(Runnable reader) {
        try {
            reader.run();
        } catch (RfmException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("an RfmException without a message", expected);
            }
        }
    }

    @FuzzTest
    void modelFile(byte[] data) {
        readOrRefuse(() -> RfmModels.fromBytes(data, "fuzz.rfm"));
    }

    /**
     * The bytes with a valid SHA-256 trailer appended, so the fuzzer gets past the checksum into the
     * container's entries and the model's shapes.
     */
    @FuzzTest
    void modelFileSealed(byte[] data) {
        byte[] sealed = Arrays.copyOf(data, data.length + ModelFile.TRAILER_BYTES);
        System.arraycopy(sha256(data), 0, sealed, data.length, ModelFile.TRAILER_BYTES);
        readOrRefuse(() -> RfmModels.fromBytes(sealed, "fuzz.rfm"));
    }

    @FuzzTest
    void npy(byte[] data) {
        Path p = file("fuzz.npy", data);
        readOrRefuse(() -> Npy.read(p));
        readOrRefuse(() -> Npy.readDataset(p, null));
    }

    @FuzzTest
    void csv(byte[] data) {
        Path p = file("fuzz.csv", data);
        readOrRefuse(() -> CsvReader.readDefault(p));
        readOrRefuse(() -> CsvReader.readFeatures(p));
    }

    @FuzzTest
    void idx(byte[] data) {
        Path p = file("fuzz.idx", data);
        readOrRefuse(() -> IdxReader.read(p, 0));
    }

    @FuzzTest
    void npmMnistDigits(byte[] data) {
        Path p = file("fuzz-digit.json", data);
        readOrRefuse(() -> NpmMnistReader.readDigitFile(p));
    }

    @FuzzTest
    void sklearnDigits(byte[] data) {
        Path p = file("fuzz-digits.csv", data);
        readOrRefuse(() -> SklearnDigitsReader.read(p));
    }

    @FuzzTest
    void safetensors(byte[] data) {
        Path p = file("fuzz.safetensors", data);
        readOrRefuse(() -> Safetensors.read(p));
        readOrRefuse(() -> ModelExport.fromSafetensors(p));
    }

    @FuzzTest
    void json(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        readOrRefuse(() -> JsonReader.parse(text));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
