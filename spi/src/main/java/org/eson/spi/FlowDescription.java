package org.eson.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The native connection parameters of a flow, in the order DESCRIBE shows them. Keys are
 * lower-case {@code [a-z][a-z0-9.-]*}; values are single-line text. The gateway adds
 * {@code flow} and {@code type} itself: an adapter's {@code create}/{@code describe} never
 * return them, while a description received from another gateway's DESCRIBE (what
 * {@link BrokerAdapterProvider#attach} takes) has them.
 */
public record FlowDescription(Map<String, String> parameters) {

    /** The flow's name, as the describing gateway knows it; added by the gateway. */
    public static final String FLOW = "flow";
    /** The broker type ({@link BrokerAdapterProvider#name()}); added by the gateway. */
    public static final String TYPE = "type";
    /** The broker's topic holding the flow (topic-based brokers). */
    public static final String TOPIC = "topic";
    /** The broker's queue holding the flow (queue-based brokers). */
    public static final String QUEUE = "queue";
    /** Where the broker is; the format is the adapter's ({@code host:port,...}, a URI...). */
    public static final String SERVER = "server";
    /** {@code true} or {@code false}: whether clients connect with TLS. */
    public static final String TLS = "tls";
    /** The flow receiving the flow's dead-lettered events ({@link FlowOptions#DEAD_LETTER_FLOW}). */
    public static final String DEAD_LETTER = "dead-letter";

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

    /** The value of {@code key}, or null when the description has none. */
    public String get(String key) {
        return parameters.get(key);
    }

    /** The value of {@code key}, if present. */
    public Optional<String> find(String key) {
        return Optional.ofNullable(parameters.get(key));
    }

    /**
     * The value of {@code key}, which must be present and not blank (stripped).
     *
     * @throws BrokerException.Fatal naming the key when it is missing or blank
     */
    public String required(String key) throws BrokerException.Fatal {
        String value = parameters.get(key);
        if (value == null || value.isBlank()) {
            throw new BrokerException.Fatal("The flow description has no '" + key + "' parameter: " + parameters);
        }
        return value.strip();
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
