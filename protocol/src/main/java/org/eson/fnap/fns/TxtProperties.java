package org.eson.fnap.fns;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.TXTRecord;

/**
 * DNS-SD TXT attributes (RFC 6763 section 6): each character-string is one {@code key=value} or a
 * bare {@code key}.
 */
final class TxtProperties {

    private TxtProperties() {
    }

    /**
     * Parses the strings of all records in order. The RFC's rules are kept so that what one
     * resolver reads another reads too: keys are case-insensitive (kept in lower case), only the
     * first occurrence of a key counts, and empty strings and strings starting with {@code =}
     * (no key) are ignored. Only the first {@code =} separates, so values may contain more.
     * Values are decoded as UTF-8; the RFC leaves them binary, but every ESON value is text.
     *
     * @param records the TXT records of one owner
     * @return keys to values in published order, bare keys mapped to {@code ""}
     */
    static Map<String, String> parse(List<TXTRecord> records) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (TXTRecord record : records) {
            for (byte[] raw : record.getStringsAsByteArrays()) {
                String s = new String(raw, StandardCharsets.UTF_8);
                int eq = s.indexOf('=');
                if (s.isEmpty() || eq == 0) {
                    continue;
                }
                String key = (eq < 0 ? s : s.substring(0, eq)).toLowerCase(Locale.ROOT);
                properties.putIfAbsent(key, eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return Collections.unmodifiableMap(properties);
    }

    /**
     * A DNS-SD boolean: a bare key means true (RFC 6763 section 6.4). An explicit negative value is
     * honoured too, because a gateway writing {@code tls=false} surely does not mean TLS.
     *
     * @param properties parsed attributes
     * @param key        lower-case key
     * @return whether the flag is set
     */
    static boolean flag(Map<String, String> properties, String key) {
        String value = properties.get(key);
        if (value == null) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "false", "no", "0", "off" -> false;
            default -> true;
        };
    }
}
