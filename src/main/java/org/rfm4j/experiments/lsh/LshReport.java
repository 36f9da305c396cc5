// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.experiments.lsh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;
import org.rfm4j.io.AtomicFiles;
import org.rfm4j.io.Json;

/** Writes the experiment's outputs into a folder: report.json and the PNG figures, each atomically. */
public final class LshReport {
    /** File names inside the output folder. */
    public static final String REPORT = "report.json";
    public static final String HISTOGRAM = "success_histogram.png";
    public static final String CURVE = "recall_qps.png";

    private LshReport() {
    }

    /**
     * Writes {@value #REPORT}, {@value #HISTOGRAM} and {@value #CURVE} into {@code dir} (created if needed).
     *
     * @param plots whether to render the PNGs (needs AWT; set java.awt.headless=true without a display)
     * @return the paths written
     */
    public static List<Path> write(LshExperiment.Result result, Path dir, boolean plots) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot create the output folder " + dir + ": " + e.getMessage()
                    + ": choose a writable --out", e);
        }
        Path report = dir.resolve(REPORT);
        AtomicFiles.write(report, Json.write(result.toJson()).getBytes(StandardCharsets.UTF_8));
        if (!plots) {
            return List.of(report);
        }
        Path hist = dir.resolve(HISTOGRAM);
        Path curve = dir.resolve(CURVE);
        LshPlots.successHistogram(result, hist);
        LshPlots.recallQps(result, curve);
        return List.of(report, hist, curve);
    }
}
