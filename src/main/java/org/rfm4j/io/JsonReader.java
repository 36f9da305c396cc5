// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * Reads JSON with Jackson, for the benchmark peers' one-line reports, bench.json, safetensors headers
 * and tests, into plain values: objects become {@code LinkedHashMap<String, Object>}, arrays
 * {@code List<Object>}, numbers {@code Double}, plus String, Boolean and null. NaN and Infinity (which
 * Python's json emits) are accepted; trailing text, nesting deeper than 200 levels and strings over
 * 16 MiB are not (the text may come from a damaged file).
 */
public final class JsonReader {
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        READER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200).maxStringLength(16 << 20).build());
    }

    private JsonReader() {
    }

    /** The value of a JSON text, or INVALID_DATA naming what is wrong and where. */
    public static Object parse(String text) {
        if (text == null) {
            throw new RfmException(ErrorCode.INVALID_DATA, "no JSON text (null): pass the text to parse");
        }
        JsonNode root;
        try {
            root = READER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at character " + at.getCharOffset();
            throw new RfmException(ErrorCode.INVALID_DATA, "malformed JSON (" + firstLine(e.getOriginalMessage())
                    + where + "): " + abbreviate(text), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new RfmException(ErrorCode.INVALID_DATA, "malformed JSON (unexpected end at character 0): "
                    + abbreviate(text));
        }
        return value(root);
    }

    /** The object at {@code text}, or an exception naming what was found instead. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object v = parse(text);
        if (!(v instanceof Map)) {
            throw new RfmException(ErrorCode.INVALID_DATA, "expected a JSON object but got: " + abbreviate(text));
        }
        return (Map<String, Object>) v;
    }

    private static Object value(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), value(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            for (JsonNode x : n) {
                l.add(value(x));
            }
            return l;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        return null;
    }

    private static String firstLine(String s) {
        String t = String.valueOf(s);
        int nl = t.indexOf('\n');
        return nl >= 0 ? t.substring(0, nl) : t;
    }

    /** The first characters of a text, for messages. */
    public static String abbreviate(String t) {
        String one = t.strip().replace('\n', ' ');
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
