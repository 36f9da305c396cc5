// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.spi;

import java.util.Locale;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/** Storage and arithmetic precision of device-resident matrices. */
public enum Precision {
    /** IEEE 754 single precision, 4 bytes per element. */
    FLOAT32(4),
    /** IEEE 754 double precision, 8 bytes per element. */
    FLOAT64(8);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Parses "float32"/"f32"/"single" or "float64"/"f64"/"double". */
    public static Precision parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "float32": case "f32": case "single": case "float": return FLOAT32;
            case "float64": case "f64": case "double": return FLOAT64;
            default:
                throw new RfmException(ErrorCode.INVALID_ARGUMENT,
                        "unknown precision '" + s + "': use float32 or float64");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
