package org.eson.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated gateway configuration (the {@code fnaa} tree). Instances built by
 * {@link GatewayConfigLoader#load} are consistent: names are unique, every namespace's owner
 * and broker exist, and plaintext passwords appear only when {@code development} is true.
 *
 * @param fqdn        the gateway's DNS name, sent in the FNAP greeting
 * @param dataDir     where the H2 registry lives
 * @param development relaxes production rules (plaintext passwords)
 * @param fnap        the plaintext FNAP listener
 * @param fnaps       the implicit-TLS FNAP listener, when configured
 * @param http        the observability listener ({@code /observe/health}, {@code /observe/metrics})
 * @param fns         the Flow Name Service: DNS zones and what the gateway advertises in them
 * @param subscriptions how this gateway resolves, reaches and checks other gateways' flows
 */
public record GatewayConfig(String fqdn,
                            Path dataDir,
                            boolean development,
                            ListenerSettings fnap,
                            Optional<TlsListenerSettings> fnaps,
                            ListenerSettings http,
                            SessionSettings sessions,
                            List<UserEntry> users,
                            List<BrokerEntry> brokers,
                            List<NamespaceEntry> namespaces,
                            FnsSettings fns,
                            SubscriptionSettings subscriptions) {

    public GatewayConfig {
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(fnap, "fnap");
        Objects.requireNonNull(fnaps, "fnaps");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(sessions, "sessions");
        users = List.copyOf(users);
        brokers = List.copyOf(brokers);
        namespaces = List.copyOf(namespaces);
        Objects.requireNonNull(fns, "fns");
    }

    /** A configuration without peers: subscriptions use the defaults. */
    public GatewayConfig(String fqdn, Path dataDir, boolean development, ListenerSettings fnap,
                         Optional<TlsListenerSettings> fnaps, ListenerSettings http, SessionSettings sessions,
                         List<UserEntry> users, List<BrokerEntry> brokers, List<NamespaceEntry> namespaces,
                         FnsSettings fns) {
        this(fqdn, dataDir, development, fnap, fnaps, http, sessions, users, brokers, namespaces, fns,
                SubscriptionSettings.defaults());
    }

    /** The configured credentials for a peer FNAA. */
    public Optional<PeerEntry> peer(String fqdn) {
        String normalized = DnsNames.normalize(fqdn);
        return subscriptions.peers().stream().filter(p -> p.fqdn().equals(normalized)).findFirst();
    }

    /**
     * A configuration without an explicit FNS: the embedded development name server on a free
     * loopback port. Kept so programmatic callers written before the FNS (benchmarks) still start.
     */
    public GatewayConfig(String fqdn, Path dataDir, boolean development, ListenerSettings fnap,
                         Optional<TlsListenerSettings> fnaps, ListenerSettings http, SessionSettings sessions,
                         List<UserEntry> users, List<BrokerEntry> brokers, List<NamespaceEntry> namespaces) {
        this(fqdn, dataDir, development, fnap, fnaps, http, sessions, users, brokers, namespaces,
                FnsSettings.embedded(fqdn, "127.0.0.1", 0));
    }

    public Optional<UserEntry> user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    public Optional<BrokerEntry> broker(String name) {
        return brokers.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The namespace with that name, compared in normalized form. */
    public Optional<NamespaceEntry> namespace(String name) {
        String normalized = DnsNames.normalize(name);
        return namespaces.stream().filter(n -> n.name().equals(normalized)).findFirst();
    }
}
