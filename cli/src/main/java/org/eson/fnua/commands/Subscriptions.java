package org.eson.fnua.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared output of the subscription commands. */
final class Subscriptions {

    private Subscriptions() {
    }

    /** {@code Flow X unsubscribed successfully} or the JSON object. */
    /**
     * Parses one listing line: {@code fields.size()} leading words, where the odd ones
     * (1, 3...) must equal the given keywords, then {@code key=value} words.
     *
     * <p>For {@code <local> SUBSCRIBED TO <copy> state=active remote=<flow>}: names
     * {@code [local, copy]}, keywords {@code [SUBSCRIBED TO]}.
     *
     * @return the fields by name, then the {@code key=value} pairs; or {@code {"line": raw}} when
     *         the line has another shape (a newer gateway), so that nothing is lost
     */
    static Map<String, Object> parseLine(String line, List<String> names, List<String> keywords) {
        String[] words = line.strip().split(" +");
        Map<String, Object> result = new LinkedHashMap<>();
        int i = 0;
        for (int n = 0; n < names.size(); n++) {
            if (i >= words.length) {
                return Map.of("line", line);
            }
            result.put(names.get(n), words[i++]);
            if (n < keywords.size()) {
                for (String keyword : keywords.get(n).split(" ")) {
                    if (i >= words.length || !words[i].equalsIgnoreCase(keyword)) {
                        return Map.of("line", line);
                    }
                    i++;
                }
            }
        }
        for (; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                return Map.of("line", line);
            }
            result.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        return result;
    }
}
