// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/** Checks made before opening an input file, so that each failure has a clear message. */
final class FileChecks {
    private FileChecks() {
    }

    /** The file exists, is a regular file and can be read; returns its size in bytes. */
    static long requireReadableFile(Path file, String what) {
        if (file == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT, "no " + what + " given: pass a file path");
        }
        if (!Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            String hint = parent != null && !Files.isDirectory(parent)
                    ? " (folder " + parent + " does not exist either)" : "";
            throw new RfmException(ErrorCode.IO, what + " " + file + " does not exist" + hint
                    + ": check the path");
        }
        if (Files.isDirectory(file)) {
            throw new RfmException(ErrorCode.IO, what + " " + file + " is a folder, not a file: pass the file inside it");
        }
        if (!Files.isReadable(file)) {
            throw new RfmException(ErrorCode.IO, what + " " + file
                    + " cannot be read (permission denied): fix its permissions or copy it somewhere readable");
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new RfmException(ErrorCode.IO, "cannot read " + what + " " + file + ": "
                    + AtomicFiles.describe(e) + ": check the path and permissions", e);
        }
    }
}
