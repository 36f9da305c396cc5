// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

package org.rfm4j.io;

import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * JSON for reports, written by Jackson: maps (insertion order kept), collections, arrays of int, long
 * and double, numbers, booleans, strings and null; anything else is written as its {@code toString}.
 * Non-finite doubles become null (JSON has no NaN). {@link JsonReader} reads it back.
 */
public final class Json {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    /** Objects one entry per line, indented two spaces; arrays on one line ({@code [1, 2]}). */
    private static final ObjectWriter WRITER = MAPPER.writer(prettyPrinter());

    private Json() {
    }

    /** The value as indented JSON text, ending with a newline. */
    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(node(value)) + "\n";
        } catch (JsonProcessingException e) {
            throw new RfmException(ErrorCode.INTERNAL, "cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators seps = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER);
        DefaultPrettyPrinter p = new DefaultPrettyPrinter(seps);
        p.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        p.indentArraysWith(new DefaultPrettyPrinter.NopIndenter());
        return p;
    }

    /** Our value model as Jackson's tree (so Jackson never reflects on an object of ours). */
    static JsonNode node(Object v) {
        if (v == null) {
            return NODES.nullNode();
        } else if (v instanceof String) {
            return NODES.textNode((String) v);
        } else if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        } else if (v instanceof Long) {
            return NODES.numberNode((Long) v);
        } else if (v instanceof Number) {
            return NODES.numberNode(((Number) v).intValue());
        } else if (v instanceof Boolean) {
            return NODES.booleanNode((Boolean) v);
        } else if (v instanceof Map) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                o.set(String.valueOf(e.getKey()), node(e.getValue()));
            }
            return o;
        } else if (v instanceof Collection) {
            ArrayNode a = NODES.arrayNode();
            for (Object x : (Collection<?>) v) {
                a.add(node(x));
            }
            return a;
        } else if (v instanceof int[]) {
            ArrayNode a = NODES.arrayNode();
            for (int x : (int[]) v) {
                a.add(x);
            }
            return a;
        } else if (v instanceof long[]) {
            ArrayNode a = NODES.arrayNode();
            for (long x : (long[]) v) {
                a.add(x);
            }
            return a;
        } else if (v instanceof double[]) {
            ArrayNode a = NODES.arrayNode();
            for (double x : (double[]) v) {
                a.add(number(x));
            }
            return a;
        }
        return NODES.textNode(v.toString());
    }

    private static JsonNode number(double d) {
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.nullNode();
    }
}
