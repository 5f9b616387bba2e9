package org.eson.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The native connection parameters of a flow, in the order DESCRIBE shows them. Keys are
 * lower-case {@code [a-z][a-z0-9.-]*}; values are single-line text. The gateway adds
 * {@code flow} and {@code type} itself.
 */
public record FlowDescription(Map<String, String> parameters) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9.-]*");

    public FlowDescription {
        var copy = new LinkedHashMap<String, String>();
        parameters.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("Invalid description key: " + key);
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("Description value of " + key + " spans lines");
            }
            copy.put(key, value);
        });
        parameters = Collections.unmodifiableMap(copy);
    }

    /** Starts an ordered description. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects parameters in insertion order. */
    public static final class Builder {
        private final Map<String, String> parameters = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(String key, String value) {
            parameters.put(key, value);
            return this;
        }

        public FlowDescription build() {
            return new FlowDescription(parameters);
        }
    }
}
