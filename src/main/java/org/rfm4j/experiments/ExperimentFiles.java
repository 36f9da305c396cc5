// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.io.AtomicFiles;
import org.rfm4j.io.Json;

/** What every experiment does with its output folder: create it, and write its report as JSON. */
public final class ExperimentFiles {
    private ExperimentFiles() {
    }

    /** Creates the output folder (and parents); a user error (IO) when that is impossible. */
    public static void prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RfmException(ErrorCode.IO, "--out " + dir + " is a file, not a folder: choose a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot create the output folder " + dir + ": " + e.getMessage()
                    + ": choose a writable path");
        }
    }

    /** Writes the report as JSON to {@code file}, atomically; returns the file. */
    public static Path writeJson(Path file, Map<String, Object> report) {
        AtomicFiles.write(file, Json.write(report).getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
