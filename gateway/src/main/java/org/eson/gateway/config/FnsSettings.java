package org.eson.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The Flow Name Service ({@code fnaa.fns}): how flows are published in DNS.
 *
 * @param ttl       TTL of every record the gateway writes
 * @param timeout   how long one DNS exchange may take before it counts as "name service unavailable"
 * @param advertise the FNAA endpoint the SRV records point at
 * @param zones     the zones updated over RFC 2136; empty selects the embedded development server
 * @param embedded  where the embedded development server listens (used only when {@code zones} is empty)
 */
public record FnsSettings(Duration ttl, Duration timeout, FnsAdvertise advertise, List<FnsZone> zones,
                          ListenerSettings embedded) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(300);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_EMBEDDED_PORT = 61053;

    public FnsSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(advertise, "advertise");
        Objects.requireNonNull(embedded, "embedded");
        zones = List.copyOf(zones);
    }

    /** Whether the gateway runs its own in-process name server instead of updating real ones. */
    public boolean embeddedMode() {
        return zones.isEmpty();
    }

    /**
     * The embedded development server on {@code host:port} (0 picks a free port), advertising
     * {@code fqdn} on the plaintext FNAP listener's bound port.
     */
    public static FnsSettings embedded(String fqdn, String host, int port) {
        return new FnsSettings(DEFAULT_TTL, DEFAULT_TIMEOUT, new FnsAdvertise(fqdn, 0, false, 0, 0), List.of(),
                new ListenerSettings(host, port));
    }
}
