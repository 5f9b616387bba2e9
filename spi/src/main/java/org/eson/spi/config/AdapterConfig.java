package org.eson.spi.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of one configured broker, flattened to dotted keys ({@code security.protocol}).
 * Typed getters fail with {@link AdapterConfigException} naming the broker and the key, so a
 * bad value stops the gateway at start-up with a clear message.
 */
public interface AdapterConfig {

    /** The configured broker's name ({@code brokers[].name}). */
    String brokerName();

    /** All keys present. */
    Set<String> keys();

    Optional<String> string(String key);

    default String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    /** A value that must be present. */
    default String required(String key) {
        return string(key).orElseThrow(() -> new AdapterConfigException(brokerName(), key, "is required"));
    }

    default int integer(String key, int defaultValue) {
        return string(key).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new AdapterConfigException(brokerName(), key, "must be an integer, got '" + v + "'");
            }
        }).orElse(defaultValue);
    }

    default boolean bool(String key, boolean defaultValue) {
        return string(key).map(v -> switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new AdapterConfigException(brokerName(), key, "must be true or false, got '" + v + "'");
        }).orElse(defaultValue);
    }

    /** An ISO-8601 duration ({@code PT30S}) or a number with a unit suffix ({@code 30s}, {@code 500ms}, {@code 5m}). */
    default Duration duration(String key, Duration defaultValue) {
        return string(key).map(v -> Durations.parse(brokerName(), key, v)).orElse(defaultValue);
    }

    /** The keys under {@code prefix.}, with the prefix removed (for pass-through client properties). */
    default Map<String, String> subtree(String prefix) {
        var result = new java.util.TreeMap<String, String>();
        String dotted = prefix + ".";
        for (String key : keys()) {
            if (key.startsWith(dotted)) {
                string(key).ifPresent(v -> result.put(key.substring(dotted.length()), v));
            }
        }
        return Map.copyOf(result);
    }

    /** A view over fixed values. */
    static AdapterConfig of(String brokerName, Map<String, String> values) {
        return new MapAdapterConfig(brokerName, values);
    }
}
