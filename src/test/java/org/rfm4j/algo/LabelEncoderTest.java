// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/** Label encoding, and the one-line message for labels no training row has. */
class LabelEncoderTest {
    @Test
    void encodesTwoClassesInOneColumnAndMoreOneHot() {
        LabelEncoder two = LabelEncoder.fit(new String[] {"b", "a", "b"});
        assertArrayEquals(new String[] {"a", "b"}, two.classes());
        assertArrayEquals(new double[] {1, 0}, two.encode(new String[] {"b", "a"}), 0);
        LabelEncoder three = LabelEncoder.fit(new String[] {"10", "9", "100"});
        assertArrayEquals(new String[] {"9", "10", "100"}, three.classes(), "numbers in numeric order");
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 1}, three.encode(new String[] {"10", "100"}), 0);
    }

    @Test
    void unseenLabelsOfAManyClassSetFailInOneShortLine() {
        String[] train = new String[1000];
        for (int i = 0; i < train.length; i++) {
            train[i] = "class-" + i;
        }
        LabelEncoder enc = LabelEncoder.fit(train);
        String[] validation = {"class-3", "new-1", "class-7", "new-2", "new-1", "new-3", "new-4"};
        RfmException e = assertThrows(RfmException.class, () -> enc.encode(validation, "validation labels"));
        assertEquals(ErrorCode.INVALID_DATA, e.code());
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.length() < 300, "a short message, not the list of 1000 classes: " + m.length() + " characters");
        assertTrue(m.contains("validation labels have 4 class(es)") && m.contains("'new-1', 'new-2', 'new-3', ...")
                && m.contains("5 row(s), the first at row 1") && m.contains("1000 training classes"), m);
        assertFalse(m.contains("class-999"), m);
    }
}
