// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The report writer: escapes, non-finite numbers as null, arrays and lists inline. */
class JsonTest {
    @Test
    void escapesAndWritesNonFiniteAsNull() {
        var m = new LinkedHashMap<String, Object>();
        m.put("s", "a\"b\\c\n");
        m.put("x", Double.NaN);
        m.put("y", 0.1234567);
        m.put("a", new int[] {1, 2});
        m.put("l", List.of(3, 4));
        String s = Json.write(m);
        assertTrue(s.contains("\"a\\\"b\\\\c\\n\""), s);
        assertTrue(s.contains("\"x\": null"), s);
        assertTrue(s.contains("\"y\": 0.1234567"), s);
        assertTrue(s.contains("[1, 2]"), s);
        assertTrue(s.contains("[3, 4]"), s);
        var back = JsonReader.parseObject(s);
        assertTrue(back.get("s").equals("a\"b\\c\n") && back.get("x") == null, back.toString());
        assertTrue(back.get("a").equals(List.of(1.0, 2.0)) && back.get("y").equals(0.1234567), back.toString());
    }

    @Test
    void readerAcceptsPythonsNonFiniteAndRejectsDamage() {
        var m = JsonReader.parseObject("{\"a\": NaN, \"b\": -Infinity, \"c\": [1, {\"d\": true}]}");
        assertTrue(Double.isNaN((Double) m.get("a")) && m.get("b").equals(Double.NEGATIVE_INFINITY), m.toString());
        for (String bad : new String[] {"", "{", "{\"a\": 1} x", "[1, 2", "{\"a\" 1}", "[".repeat(5000), "nul"}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.rfm4j.RfmException.class,
                    () -> JsonReader.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("malformed JSON ("), e.getMessage());
        }
    }
}
