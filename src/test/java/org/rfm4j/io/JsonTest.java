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
    }
}
