package org.eson.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.eson.fnap.fns.Nameserver;

/**
 * How this gateway subscribes to other gateways' flows.
 *
 * @param nameservers     {@code fnaa.fns.resolver.nameservers}: where remote flows are resolved;
 *                        empty means the embedded name server when it runs, else the system's
 * @param resolverTimeout {@code fnaa.fns.resolver.timeout}
 * @param peers           {@code fnaa.peers}: credentials per remote FNAA
 * @param checkInterval   {@code fnaa.subscriptions.check-interval}: how often a remote copy flow is checked
 */
public record SubscriptionSettings(List<Nameserver> nameservers, Duration resolverTimeout, List<PeerEntry> peers,
                                   Duration checkInterval) {

    public static final Duration DEFAULT_RESOLVER_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(30);

    public SubscriptionSettings {
        nameservers = List.copyOf(Objects.requireNonNull(nameservers, "nameservers"));
        Objects.requireNonNull(resolverTimeout, "resolverTimeout");
        peers = List.copyOf(Objects.requireNonNull(peers, "peers"));
        Objects.requireNonNull(checkInterval, "checkInterval");
        if (resolverTimeout.isNegative() || resolverTimeout.isZero()) {
            throw new IllegalArgumentException("resolver timeout must be positive");
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("check interval must be positive");
        }
    }

    public static SubscriptionSettings defaults() {
        return new SubscriptionSettings(List.of(), DEFAULT_RESOLVER_TIMEOUT, List.of(), DEFAULT_CHECK_INTERVAL);
    }
}
