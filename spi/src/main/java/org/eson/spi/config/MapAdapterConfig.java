package org.eson.spi.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** An {@link AdapterConfig} over a fixed map; {@link #toString()} masks secrets. */
final class MapAdapterConfig implements AdapterConfig {

    private final String brokerName;
    private final Map<String, String> values;

    MapAdapterConfig(String brokerName, Map<String, String> values) {
        this.brokerName = Objects.requireNonNull(brokerName, "brokerName");
        this.values = Map.copyOf(values);
    }

    @Override
    public String brokerName() {
        return brokerName;
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public String toString() {
        return "AdapterConfig[" + brokerName + ": " + new TreeMap<>(values).entrySet().stream()
                .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? "****" : e.getValue()))
                .collect(Collectors.joining(", ")) + "]";
    }

    private static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token")
                || k.contains("credential") || k.contains("sasl.jaas");
    }
}
