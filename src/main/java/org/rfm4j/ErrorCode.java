// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j;

/** Classes of failure. The native library names the same constants (native/include/rfm4j_status.h); the JNI bridge looks them up by name. */
public enum ErrorCode {
    /** A parameter is out of its range (negative ridge, unknown kernel, ...). */
    INVALID_ARGUMENT,
    /** Data is unusable: NaN/inf, empty, mismatched shapes, one class only. */
    INVALID_DATA,
    /** A file cannot be read or written, or its content is corrupt, truncated or of a future version. */
    IO,
    /** The work does not fit in memory (heap or device); the message names the limit and the way out. */
    OUT_OF_MEMORY,
    /** A numerical failure that retries could not fix (Cholesky failed even with jitter, NaN in M). */
    NUMERICAL,
    /** A backend cannot be used here (no native library, no driver, no device). */
    BACKEND_UNAVAILABLE,
    /** The CUDA runtime or a CUDA library returned an error. */
    DEVICE_ERROR,
    /** An internal invariant failed: a bug in rfm4j. */
    INTERNAL,
    /** A code this version does not know (from a newer native library). */
    UNKNOWN
}
