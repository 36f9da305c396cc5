package org.rfm4j.data;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * A train / validation / test split. {@code validation} and {@code test} may be null when the
 * corresponding part is not used; {@code train} never is.
 */
public record Splits(Dataset train, Dataset validation, Dataset test) {
    public Splits {
        if (train == null) {
            throw new RfmException(ErrorCode.INVALID_ARGUMENT,
                    "a split needs a training set: pass a non-null train dataset");
        }
    }
}
