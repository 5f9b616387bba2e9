package org.eson.fnua.json;

import java.util.Map;
import java.util.Optional;

/**
 * Writes JSON (RFC 8259) from plain Java values: {@link Map} (keys as strings, in iteration order,
 * so pass a {@link java.util.LinkedHashMap} for a stable order), {@link Iterable}, {@link
 * CharSequence}, {@link Number}, {@link Boolean}, {@link Optional} (empty as null) and null.
 */
public final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /**
     * @param value the value
     * @return compact JSON text, one line
     * @throws IllegalArgumentException for values of other types, or non-finite numbers
     */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    /**
     * @param s a string
     * @return the JSON string literal, quotes included
     */
    public static String quote(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(sb, s);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value) {
        switch (value) {
            case null -> sb.append("null");
            case CharSequence s -> quote(sb, s);
            case Boolean b -> sb.append(b.booleanValue());
            case Double d when d.isNaN() || d.isInfinite() -> throw notFinite(d);
            case Float f when f.isNaN() || f.isInfinite() -> throw notFinite(f);
            case Number n -> sb.append(n);
            case Optional<?> o -> write(sb, o.orElse(null));
            case Map<?, ?> map -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    quote(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            }
            case Iterable<?> items -> {
                sb.append('[');
                boolean first = true;
                for (Object item : items) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    write(sb, item);
                }
                sb.append(']');
            }
            default -> throw new IllegalArgumentException(
                    "Cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static IllegalArgumentException notFinite(Number n) {
        return new IllegalArgumentException("JSON has no representation for " + n);
    }

    private static void quote(StringBuilder sb, CharSequence s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f
                            // JavaScript treats these as line terminators inside string literals.
                            || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(sb, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // A lone surrogate cannot be encoded as UTF-8; escaped it stays valid JSON.
                        unicodeEscape(sb, c);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void unicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
