package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.eson.fixtures.bind9.Bind9Extension;
import org.eson.fixtures.bind9.Bind9Zone;
import org.eson.fnap.fns.Nameserver;
import org.eson.gateway.config.BrokerEntry;
import org.eson.gateway.config.ConfigurationException;
import org.eson.gateway.config.GatewayConfigLoader;
import org.eson.gateway.config.FnsAdvertise;
import org.eson.gateway.config.FnsSettings;
import org.eson.gateway.config.FnsZone;
import org.eson.gateway.config.GatewayConfig;
import org.eson.gateway.config.ListenerSettings;
import org.eson.gateway.config.NamespaceEntry;
import org.eson.gateway.config.PeerEntry;
import org.eson.gateway.config.SessionSettings;
import org.eson.gateway.config.SubscriptionSettings;
import org.eson.gateway.config.UserEntry;
import org.eson.gateway.fns.BindKeyFile;
import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;
import org.eson.gateway.users.PasswordHasher;

/**
 * SASL ANONYMOUS (RFC 4505) over real sockets: an anonymous session reads flows of
 * {@code public: true} namespaces and otherwise owns nothing; B subscribes to A's public flow with
 * a peer entry {@code anonymous: true}.
 */
class AnonymousTest {

    @RegisterExtension
    static final Bind9Extension BIND = Bind9Extension.withZones(
            Bind9Zone.updatable("unix.ar", "fnaa.unix.ar. 300 IN A 127.0.0.1"),
            Bind9Zone.updatable("emiliano.ar", "fnaa.emiliano.ar. 300 IN A 127.0.0.1"));

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;
    Gateway a;
    Gateway b;
    final List<RawSession> sessions = new ArrayList<>();

    final String publicFlow = unique("time") + ".public.unix.ar";
    final String privateFlow = unique("time") + ".flows.unix.ar";

    @AfterEach
    void stop() throws Exception {
        for (RawSession s : sessions) {
            s.close();
        }
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    }

    /** A single gateway: {@code public.unix.ar} is public, {@code flows.unix.ar} is not. */
    private Gateway startSingle(boolean anonymous) {
        GatewayConfig c = TestGateways.thesisParticipant(dataA);
        c = TestGateways.withSessions(c, new SessionSettings(1000, Duration.ofMinutes(5), 5, anonymous));
        c = TestGateways.withNamespaces(c, List.of(
                new NamespaceEntry("flows.unix.ar", "test", "local", 100),
                new NamespaceEntry("public.unix.ar", "test", "local", 100, List.of(), true)));
        a = Gateway.start(c);
        return a;
    }

    private RawSession connect(Gateway gateway) throws Exception {
        RawSession s = RawSession.connect(gateway.fnapPort());
        sessions.add(s);
        s.readLine();
        return s;
    }

    private RawSession owner(Gateway gateway) throws Exception {
        RawSession s = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test");
        sessions.add(s);
        return s;
    }

    private RawSession anonymous(Gateway gateway) throws Exception {
        RawSession s = connect(gateway);
        assertThat(s.exchange("AUTHENTICATE ANONYMOUS someone@example.org")).containsExactly("220 Authenticated");
        return s;
    }

    @Test
    void oneLineFormAuthenticates() throws Exception {
        startSingle(true);
        RawSession s = connect(a);
        assertThat(s.exchange("AUTHENTICATE ANONYMOUS someone@example.org")).containsExactly("220 Authenticated");
        assertThat(s.exchange("AUTHENTICATE PLAIN")).containsExactly("503 Already authenticated");
    }

    @Test
    void twoStepFormAuthenticatesWithOrWithoutTrace() throws Exception {
        startSingle(true);
        RawSession s = connect(a);
        assertThat(s.exchange("authenticate anonymous")).containsExactly("220 OK");
        assertThat(s.exchange("token-1234")).containsExactly("220 Authenticated");

        RawSession empty = connect(a);
        assertThat(empty.exchange("AUTHENTICATE ANONYMOUS")).containsExactly("220 OK");
        assertThat(empty.exchange("")).containsExactly("220 Authenticated");
    }

    @Test
    void overlongTraceAndCancelAreRefused() throws Exception {
        startSingle(true);
        RawSession s = connect(a);
        assertThat(s.exchange("AUTHENTICATE ANONYMOUS " + "x".repeat(256))).containsExactly("501 Invalid trace");
        assertThat(s.exchange("AUTHENTICATE ANONYMOUS")).containsExactly("220 OK");
        assertThat(s.exchange("*")).containsExactly("501 Authentication cancelled");
        assertThat(s.exchange("GET NAMESPACES")).containsExactly("530 Authentication required");
        assertThat(s.exchange("AUTHENTICATE ANONYMOUS " + "x".repeat(255))).containsExactly("220 Authenticated");
    }

    @Test
    void capabilitiesListAnonymous() throws Exception {
        startSingle(true);
        assertThat(connect(a).exchange("CAPABILITIES")).contains("auth=PLAIN ANONYMOUS");
    }

    @Test
    void anonymousIsOffByDefault() {
        assertThat(SessionSettings.defaults().anonymous()).isFalse();
    }

    // ---------------------------------------------------------------- configuration

    private static final String CONFIG = """
            fnaa:
              fqdn: fnaa.example.org
              users:
                - name: alice
                  password-hash: "%s"
              brokers:
                - name: local
                  type: memory
              namespaces:
                - name: flows.example.org
                  owner: alice
                  broker: local
            """.formatted(PasswordHasher.hash("secret".toCharArray(), 1000));

    private static GatewayConfig load(String yaml) {
        return GatewayConfigLoader.load(Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(yaml, MediaTypes.APPLICATION_X_YAML))
                .build());
    }

    private static List<String> problems(String yaml) {
        ConfigurationException[] caught = new ConfigurationException[1];
        assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(ConfigurationException.class, e -> caught[0] = e);
        return caught[0].problems();
    }

    @Test
    void configuration() {
        assertThat(load(CONFIG).sessions().anonymous()).isFalse();
        GatewayConfig on = load(CONFIG + """
                  sessions:
                    anonymous: true
                  peers:
                    - fqdn: FNAA.unix.ar.
                      anonymous: true
                """);
        assertThat(on.sessions().anonymous()).isTrue();
        assertThat(on.subscriptions().peers()).containsExactly(PeerEntry.anonymous("fnaa.unix.ar"));
        assertThat(problems(CONFIG + """
                  peers:
                    - fqdn: fnaa.unix.ar
                      anonymous: true
                      username: emiliano
                """)).anyMatch(p -> p.contains("fnaa.peers[0]") && p.contains("no username or password"));
        assertThat(problems(CONFIG.replace("- name: alice", "- name: anonymous").replace("owner: alice", "owner: anonymous")))
                .anyMatch(p -> p.contains("'anonymous' is reserved"));
    }

    @Test
    void disabledAnonymousIsAnUnknownMechanism() throws Exception {
        startSingle(false);
        RawSession s = connect(a);
        assertThat(s.exchange("CAPABILITIES")).contains("auth=PLAIN");
        assertThat(s.exchange("AUTHENTICATE ANONYMOUS someone@example.org"))
                .containsExactly("504 Unrecognized authentication mechanism");
        assertThat(s.exchange("AUTHENTICATE ANONYMOUS")).containsExactly("504 Unrecognized authentication mechanism");
    }

    @Test
    void anonymousSubscribesToPublicFlowsOnly() throws Exception {
        startSingle(true);
        RawSession test = owner(a);
        assertThat(test.exchange("CREATE FLOW " + publicFlow)).containsExactly("220 OK " + publicFlow);
        assertThat(test.exchange("CREATE FLOW " + privateFlow)).containsExactly("220 OK " + privateFlow);

        RawSession anon = anonymous(a);
        List<String> made = anon.exchange("SUBSCRIBE " + publicFlow);
        assertThat(made).hasSize(3);
        assertThat(made.get(1)).matches("[a-z0-9]{8}\\." + publicFlow.replace(".", "\\."));
        String copy = made.get(1);
        assertThat(anon.exchange("DESCRIBE FLOW " + copy)).contains("flow=" + copy);
        assertThat(anon.exchange("DESCRIBE FLOW " + publicFlow)).containsExactly("550 No such flow");
        assertThat(test.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA",
                copy + " COPY OF " + publicFlow + " FOR anonymous state=active", "220 OK");

        assertThat(anon.exchange("SUBSCRIBE " + privateFlow)).containsExactly("550 No such flow");
        assertThat(anon.exchange("DESCRIBE FLOW " + privateFlow)).containsExactly("550 No such flow");
        assertThat(anon.exchange("UNSUBSCRIBE " + copy)).containsExactly("220 OK " + copy);
    }

    @Test
    void anonymousOwnsNothing() throws Exception {
        startSingle(true);
        RawSession test = owner(a);
        assertThat(test.exchange("CREATE FLOW " + publicFlow)).containsExactly("220 OK " + publicFlow);

        RawSession anon = anonymous(a);
        assertThat(anon.exchange("GET NAMESPACES")).containsExactly("220 DATA", "220 OK");
        assertThat(anon.exchange("GET FLOWS")).containsExactly("220 DATA", "220 OK");
        assertThat(anon.exchange("CREATE FLOW " + unique("x") + ".public.unix.ar"))
                .containsExactly("550 No such flow namespace");
        assertThat(anon.exchange("DELETE FLOW " + publicFlow)).containsExactly("550 No such flow");
        assertThat(anon.exchange("SUBSCRIBE " + publicFlow + " LOCAL mine.public.unix.ar"))
                .containsExactly("550 No such flow namespace");
        assertThat(test.exchange("GET FLOWS")).contains(publicFlow);
    }

    // ---------------------------------------------------------------- two gateways

    private static FnsSettings fns(String fqdn, String zone) throws Exception {
        return new FnsSettings(Duration.ofSeconds(300), Duration.ofSeconds(2), new FnsAdvertise(fqdn, 0, false, 10, 20),
                List.of(new FnsZone(zone, "127.0.0.1", BIND.server().port(),
                        Optional.of(BindKeyFile.read(BIND.server().keyFile())), false)),
                new ListenerSettings("127.0.0.1", 0));
    }

    private SubscriptionSettings subscriptions(List<PeerEntry> peers) {
        return new SubscriptionSettings(List.of(new Nameserver("127.0.0.1", BIND.server().port())),
                Duration.ofSeconds(2), peers, Duration.ofMillis(200));
    }

    @Test
    void peerSubscribesAnonymouslyToAPublicFlow() throws Exception {
        GatewayConfig ca = TestGateways.thesisParticipant(dataA);
        ca = TestGateways.withUsers(ca, List.of(new UserEntry("test", Optional.empty(), Optional.of("test"))));
        ca = TestGateways.withBrokers(ca, List.of(new BrokerEntry("unix", "memory", Map.of())));
        ca = TestGateways.withNamespaces(ca, List.of(new NamespaceEntry("flows.unix.ar", "test", "unix", 100),
                new NamespaceEntry("public.unix.ar", "test", "unix", 100, List.of(), true)));
        ca = TestGateways.withFns(ca, fns("fnaa.unix.ar", "unix.ar"));
        ca = TestGateways.withSubscriptions(ca, subscriptions(List.of()));
        ca = TestGateways.withSessions(ca, new SessionSettings(1000, Duration.ofMinutes(5), 5, true));
        a = Gateway.start(ca);

        GatewayConfig cb = TestGateways.withFqdn(TestGateways.thesisParticipant(dataB), "fnaa.emiliano.ar");
        cb = TestGateways.withUsers(cb, List.of(new UserEntry("test", Optional.empty(), Optional.of("test"))));
        cb = TestGateways.withBrokers(cb, List.of(new BrokerEntry("emiliano", "memory", Map.of())));
        cb = TestGateways.withNamespaces(cb, List.of(new NamespaceEntry("flows.emiliano.ar", "test", "emiliano", 100)));
        cb = TestGateways.withFns(cb, fns("fnaa.emiliano.ar", "emiliano.ar"));
        cb = TestGateways.withSubscriptions(cb, subscriptions(List.of(PeerEntry.anonymous("fnaa.unix.ar"))));
        b = Gateway.start(cb);

        RawSession atA = owner(a);
        RawSession atB = owner(b);
        assertThat(atA.exchange("CREATE FLOW " + publicFlow)).containsExactly("220 OK " + publicFlow);
        assertThat(atA.exchange("CREATE FLOW " + privateFlow)).containsExactly("220 OK " + privateFlow);

        String local = unique("time") + ".flows.emiliano.ar";
        List<String> reply = atB.exchange("SUBSCRIBE " + publicFlow + " LOCAL " + local);
        assertThat(reply).hasSize(3);
        assertThat(reply.get(1)).matches(local.replace(".", "\\.") + " SUBSCRIBED TO [a-z0-9]{8}\\."
                + publicFlow.replace(".", "\\."));
        String copy = reply.get(1).substring(reply.get(1).lastIndexOf(' ') + 1);
        assertThat(atA.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA",
                copy + " COPY OF " + publicFlow + " FOR anonymous state=active", "220 OK");

        String other = unique("time") + ".flows.emiliano.ar";
        assertThat(atB.exchange("SUBSCRIBE " + privateFlow + " LOCAL " + other)).containsExactly("550 No such flow");

        assertThat(atB.exchange("UNSUBSCRIBE " + local)).containsExactly("220 OK " + local);
        assertThat(atA.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA", "220 OK");
    }
}
