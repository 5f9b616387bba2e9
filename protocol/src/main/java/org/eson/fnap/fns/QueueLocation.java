package org.eson.fnap.fns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the broker queue behind a flow lives, from {@code _queue._flow._tcp.<flow>}.
 *
 * @param serviceName the SRV/TXT owner, e.g. {@code _queue._flow._tcp.time.flows.unix.ar}
 *                    (lower case, no trailing dot)
 * @param brokerType  the {@code broker-type} TXT value in lower case, e.g. {@code kafka}
 * @param servers     bootstrap servers in RFC 2782 order; empty when the broker is not reachable
 *                    as host and port (SRV target {@code .}, e.g. an SQS queue URL, an in-process
 *                    broker), in which case the properties say how to reach it
 * @param tls         whether the broker connection uses TLS ({@code tls} in the TXT record)
 * @param properties  every TXT key in published order, keys in lower case (DNS-SD keys are
 *                    case-insensitive), bare keys mapped to {@code ""}; includes
 *                    {@code broker-type} and {@code tls}
 */
public record QueueLocation(String serviceName, String brokerType, List<ServiceTarget> servers,
        boolean tls, Map<String, String> properties) {

    /**
     * @throws IllegalArgumentException if the broker type is blank
     */
    public QueueLocation {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(brokerType, "brokerType");
        if (brokerType.isBlank()) {
            throw new IllegalArgumentException("broker type must not be blank");
        }
        servers = List.copyOf(Objects.requireNonNull(servers, "servers"));
        // Map.copyOf would lose the published order, which humans reading a trace rely on.
        properties = Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(properties, "properties")));
    }

    /**
     * @param key TXT key, any case
     * @return its value ({@code ""} for a bare key), empty when absent
     */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key.toLowerCase(Locale.ROOT)));
    }

    /**
     * @return the servers as {@code host:port,host:port}, the form Kafka's
     *         {@code bootstrap.servers} takes; empty string when there are none
     */
    public String bootstrapServers() {
        return servers.stream().map(ServiceTarget::address).collect(Collectors.joining(","));
    }
}
