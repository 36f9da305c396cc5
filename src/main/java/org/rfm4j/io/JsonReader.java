package org.rfm4j.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rfm4j.ErrorCode;
import org.rfm4j.RfmException;

/**
 * The JSON reader beside the writer ({@link Json}), for the benchmark peers' one-line reports,
 * bench.json and tests: objects become {@code LinkedHashMap<String, Object>}, arrays
 * {@code List<Object>}, numbers {@code Double}, plus String, Boolean and null. NaN/Infinity (which
 * Python's json emits) are accepted.
 */
public final class JsonReader {
    private final String s;
    private int i;

    private JsonReader(String s) {
        this.s = s;
    }

    public static Object parse(String text) {
        JsonReader r = new JsonReader(text);
        r.ws();
        Object v = r.value();
        r.ws();
        if (r.i != r.s.length()) {
            throw r.error("trailing characters");
        }
        return v;
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

    private Object value() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        char ch = s.charAt(i);
        switch (ch) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': expect("true"); return Boolean.TRUE;
            case 'f': expect("false"); return Boolean.FALSE;
            case 'n': expect("null"); return null;
            case 'N': expect("NaN"); return Double.NaN;
            case 'I': expect("Infinity"); return Double.POSITIVE_INFINITY;
            default: return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        ws();
        if (peek() == '}') {
            i++;
            return m;
        }
        while (true) {
            ws();
            String k = string();
            ws();
            if (peek() != ':') {
                throw error("expected ':'");
            }
            i++;
            ws();
            m.put(k, value());
            ws();
            char ch = peek();
            i++;
            if (ch == '}') {
                return m;
            }
            if (ch != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        i++;
        ws();
        if (peek() == ']') {
            i++;
            return l;
        }
        while (true) {
            ws();
            l.add(value());
            ws();
            char ch = peek();
            i++;
            if (ch == ']') {
                return l;
            }
            if (ch != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        if (peek() != '"') {
            throw error("expected a string");
        }
        i++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char ch = s.charAt(i++);
            if (ch == '"') {
                return sb.toString();
            }
            if (ch == '\\') {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'u': sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: sb.append(e);
                }
            } else {
                sb.append(ch);
            }
        }
    }

    private Double number() {
        int start = i;
        if (peek() == '-') {
            i++;
            if (s.startsWith("Infinity", i)) {
                i += 8;
                return Double.NEGATIVE_INFINITY;
            }
        }
        while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        try {
            return Double.parseDouble(s.substring(start, i));
        } catch (NumberFormatException e) {
            throw error("bad number");
        }
    }

    private void expect(String word) {
        if (!s.startsWith(word, i)) {
            throw error("expected " + word);
        }
        i += word.length();
    }

    private char peek() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(i);
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private RfmException error(String what) {
        return new RfmException(ErrorCode.INVALID_DATA, "malformed JSON (" + what + " at character " + i + "): "
                + abbreviate(s));
    }

    /** The first characters of a text, for messages. */
    public static String abbreviate(String t) {
        String one = t.strip().replace('\n', ' ');
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
