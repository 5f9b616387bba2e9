package org.eson.gateway.config;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A configured broker.
 *
 * @param type     the adapter type ({@code memory}, {@code kafka}, ...), matched by the adapter registry
 * @param settings every other key of the broker entry, flattened to dotted keys
 *                 ({@code security.protocol}); a list of values becomes one comma-joined value
 *                 ({@code bootstrap.servers=a:9092,b:9092}); kept sorted so logs and tests are stable
 */
public record BrokerEntry(String name, String type, Map<String, String> settings) {

    public BrokerEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        settings = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(settings, "settings")));
    }

    /**
     * Whether a setting is a secret that must never be printed: its key contains password,
     * secret, token, credential or jaas (a JAAS config line embeds the password).
     */
    public static boolean isSensitiveKey(String key) {
        return Secrets.isSensitiveKey(key);
    }

    /** The settings with sensitive values replaced by a mask, for logs. */
    public Map<String, String> maskedSettings() {
        return settings.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey,
                e -> isSensitiveKey(e.getKey()) ? Secrets.MASK : e.getValue(),
                (a, b) -> a,
                TreeMap::new));
    }

    @Override
    public String toString() {
        return "BrokerEntry[name=" + name + ", type=" + type + ", settings=" + maskedSettings() + "]";
    }
}
