// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j;

/**
 * The one exception type rfm4j throws for user errors and failures it can explain.
 * Its message says what was wrong and what to do; {@link #code()} classifies it.
 */
public class RfmException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The class of failure. */
    private final ErrorCode code;

    /** An exception of class {@code code} with the given message. */
    public RfmException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** An exception of class {@code code} with the given message and underlying cause. */
    public RfmException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The class of failure, as given at construction. */
    public ErrorCode code() {
        return code;
    }
}
