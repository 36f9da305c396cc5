// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.data;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * A train / validation / test split. {@code validation} and {@code test} may be null when the
 * corresponding part is not used; {@code train} never is.
 *
 * @param train      the training set, never null
 * @param validation the validation set, or null
 * @param test       the test set, or null
 */
public record Splits(Dataset train, Dataset validation, Dataset test) {
    /** Refuses a null {@code train} with {@link ErrorCode#INVALID_ARGUMENT}. */
    public Splits {
        if (train == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT,
                    "a split needs a training set: pass a non-null train dataset");
        }
    }
}
