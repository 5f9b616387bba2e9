package org.eson.gateway.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.eson.gateway.Gateway;
import org.eson.gateway.config.BrokerEntry;
import org.eson.gateway.config.FnsSettings;
import org.eson.gateway.config.GatewayConfig;
import org.eson.gateway.config.ListenerSettings;
import org.eson.gateway.config.NamespaceEntry;
import org.eson.gateway.config.SessionSettings;
import org.eson.gateway.config.UserEntry;
import org.eson.gateway.users.PasswordHasher;

/**
 * Gateway configurations for tests: the thesis participant on free loopback ports, plus a
 * second user with a hashed password and a namespace of their own, to prove isolation.
 */
public final class TestGateways {

    /** The second user's password; hashed with few iterations to keep tests fast. */
    public static final String ALICE_PASSWORD = "correct horse battery staple";
    private static final String ALICE_HASH = PasswordHasher.hash(ALICE_PASSWORD.toCharArray(), 1_000);

    private TestGateways() {
    }

    /** The thesis participant ({@code fnaa.unix.ar}, user test/test, {@code flows.unix.ar}) plus alice's {@code flows.alice.example}. */
    public static GatewayConfig thesisParticipant(Path dataDir) {
        return new GatewayConfig(
                "fnaa.unix.ar",
                dataDir,
                true,
                new ListenerSettings("127.0.0.1", 0),
                Optional.empty(),
                new ListenerSettings("127.0.0.1", 0),
                new SessionSettings(1000, Duration.ofMinutes(5), 5),
                List.of(new UserEntry("test", Optional.empty(), Optional.of("test")),
                        new UserEntry("alice", Optional.of(ALICE_HASH), Optional.empty())),
                List.of(new BrokerEntry("local", "memory", Map.of())),
                List.of(new NamespaceEntry("flows.unix.ar", "test", "local", 10_000),
                        new NamespaceEntry("flows.alice.example", "alice", "local", 3)),
                // The embedded development name server on a free port: flows really go into DNS.
                FnsSettings.embedded("fnaa.unix.ar", "127.0.0.1", 0));
    }

    /** The thesis participant with one change applied. */
    public static GatewayConfig thesisParticipant(Path dataDir, UnaryOperator<GatewayConfig> change) {
        return change.apply(thesisParticipant(dataDir));
    }

    public static GatewayConfig withSessions(GatewayConfig c, SessionSettings sessions) {
        return new GatewayConfig(c.fqdn(), c.dataDir(), c.development(), c.fnap(), c.fnaps(), c.http(), sessions,
                c.users(), c.brokers(), c.namespaces(), c.fns(), c.subscriptions());
    }

    public static GatewayConfig withFnaps(GatewayConfig c, org.eson.gateway.config.TlsListenerSettings tls) {
        return new GatewayConfig(c.fqdn(), c.dataDir(), c.development(), c.fnap(), Optional.of(tls), c.http(),
                c.sessions(), c.users(), c.brokers(), c.namespaces(), c.fns(), c.subscriptions());
    }

    public static GatewayConfig withBrokers(GatewayConfig c, List<BrokerEntry> brokers) {
        return new GatewayConfig(c.fqdn(), c.dataDir(), c.development(), c.fnap(), c.fnaps(), c.http(),
                c.sessions(), c.users(), brokers, c.namespaces(), c.fns(), c.subscriptions());
    }

    public static GatewayConfig withFns(GatewayConfig c, FnsSettings fns) {
        return new GatewayConfig(c.fqdn(), c.dataDir(), c.development(), c.fnap(), c.fnaps(), c.http(),
                c.sessions(), c.users(), c.brokers(), c.namespaces(), fns, c.subscriptions());
    }

    public static GatewayConfig withNamespaces(GatewayConfig c, List<NamespaceEntry> namespaces) {
        return new GatewayConfig(c.fqdn(), c.dataDir(), c.development(), c.fnap(), c.fnaps(), c.http(),
                c.sessions(), c.users(), c.brokers(), namespaces, c.fns(), c.subscriptions());
    }

    public static GatewayConfig withSubscriptions(GatewayConfig c, org.eson.gateway.config.SubscriptionSettings subscriptions) {
        return new GatewayConfig(c.fqdn(), c.dataDir(), c.development(), c.fnap(), c.fnaps(), c.http(),
                c.sessions(), c.users(), c.brokers(), c.namespaces(), c.fns(), subscriptions);
    }

    public static GatewayConfig withUsers(GatewayConfig c, List<UserEntry> users) {
        return new GatewayConfig(c.fqdn(), c.dataDir(), c.development(), c.fnap(), c.fnaps(), c.http(),
                c.sessions(), users, c.brokers(), c.namespaces(), c.fns(), c.subscriptions());
    }

    public static GatewayConfig withFqdn(GatewayConfig c, String fqdn) {
        return new GatewayConfig(fqdn, c.dataDir(), c.development(), c.fnap(), c.fnaps(), c.http(),
                c.sessions(), c.users(), c.brokers(), c.namespaces(), c.fns(), c.subscriptions());
    }

    public static Gateway start(Path dataDir) {
        return Gateway.start(thesisParticipant(dataDir));
    }
}
