package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import org.eson.fixtures.bind9.Bind9Extension;
import org.eson.fixtures.bind9.Bind9Zone;
import org.eson.fixtures.kafka.KafkaBrokerExtension;
import org.eson.fnap.fns.Nameserver;
import org.eson.gateway.config.BrokerEntry;
import org.eson.gateway.config.FnsAdvertise;
import org.eson.gateway.config.FnsSettings;
import org.eson.gateway.config.FnsZone;
import org.eson.gateway.config.GatewayConfig;
import org.eson.gateway.config.ListenerSettings;
import org.eson.gateway.config.NamespaceEntry;
import org.eson.gateway.config.PeerEntry;
import org.eson.gateway.config.SubscriptionSettings;
import org.eson.gateway.config.UserEntry;
import org.eson.gateway.fns.BindKeyFile;
import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;

/**
 * Subscriptions between two gateways in one JVM, both publishing in one real BIND 9: A
 * ({@code fnaa.unix.ar}, {@code flows.unix.ar}) and B ({@code fnaa.emiliano.ar},
 * {@code flows.emiliano.ar}); B logs in at A as {@code emiliano}, a reader of A's namespace.
 */
class SubscriptionTest {

    @RegisterExtension
    static final Bind9Extension BIND = Bind9Extension.withZones(
            Bind9Zone.updatable("unix.ar", "fnaa.unix.ar. 300 IN A 127.0.0.1"),
            Bind9Zone.updatable("emiliano.ar", "fnaa.emiliano.ar. 300 IN A 127.0.0.1"));

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    private static final String EMILIANO_PASSWORD = "emiliano-secret";
    /** A's account at B, used only when {@link #bidirectional} is set. */
    private static final String UNIX_PASSWORD = "unix-secret";

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;
    Gateway a;
    Gateway b;
    int bMaxFlows = 100;
    /** Whether A also subscribes at B: A gets peer credentials for B, B a reader account {@code unix} for A. */
    boolean bidirectional = false;
    final List<RawSession> sessions = new ArrayList<>();

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

    private static FnsSettings fns(String fqdn, String zone) throws Exception {
        return new FnsSettings(Duration.ofSeconds(300), Duration.ofSeconds(2), new FnsAdvertise(fqdn, 0, false, 10, 20),
                List.of(new FnsZone(zone, "127.0.0.1", BIND.server().port(),
                        Optional.of(BindKeyFile.read(BIND.server().keyFile())), false)),
                new ListenerSettings("127.0.0.1", 0));
    }

    private Gateway startA(boolean kafka) throws Exception {
        GatewayConfig c = TestGateways.thesisParticipant(dataA);
        c = TestGateways.withUsers(c, List.of(new UserEntry("test", Optional.empty(), Optional.of("test")),
                new UserEntry("emiliano", Optional.empty(), Optional.of(EMILIANO_PASSWORD))));
        c = TestGateways.withBrokers(c, List.of(kafka
                ? new BrokerEntry("unix", "kafka", Map.of("bootstrap.servers", KAFKA.broker().bootstrapServers()))
                : new BrokerEntry("unix", "memory", Map.of())));
        c = TestGateways.withNamespaces(c, List.of(new NamespaceEntry("flows.unix.ar", "test", "unix", 100,
                List.of("emiliano"), false), new NamespaceEntry("private.unix.ar", "test", "unix", 100)));
        c = TestGateways.withFns(c, fns("fnaa.unix.ar", "unix.ar"));
        c = TestGateways.withSubscriptions(c, new SubscriptionSettings(
                List.of(new Nameserver("127.0.0.1", BIND.server().port())), Duration.ofSeconds(2),
                bidirectional ? List.of(new PeerEntry("fnaa.emiliano.ar", "unix", UNIX_PASSWORD)) : List.of(),
                Duration.ofMillis(200)));
        a = Gateway.start(c);
        return a;
    }

    private Gateway startB(boolean kafka, String peerPassword) throws Exception {
        GatewayConfig c = TestGateways.withFqdn(TestGateways.thesisParticipant(dataB), "fnaa.emiliano.ar");
        c = TestGateways.withUsers(c, bidirectional
                ? List.of(new UserEntry("test", Optional.empty(), Optional.of("test")),
                        new UserEntry("unix", Optional.empty(), Optional.of(UNIX_PASSWORD)))
                : List.of(new UserEntry("test", Optional.empty(), Optional.of("test"))));
        c = TestGateways.withBrokers(c, List.of(kafka
                ? new BrokerEntry("emiliano", "kafka", Map.of("bootstrap.servers", KAFKA.broker().bootstrapServers()))
                : new BrokerEntry("emiliano", "memory", Map.of())));
        c = TestGateways.withNamespaces(c, List.of(bidirectional
                ? new NamespaceEntry("flows.emiliano.ar", "test", "emiliano", bMaxFlows, List.of("unix"), false)
                : new NamespaceEntry("flows.emiliano.ar", "test", "emiliano", bMaxFlows)));
        c = TestGateways.withFns(c, fns("fnaa.emiliano.ar", "emiliano.ar"));
        c = TestGateways.withSubscriptions(c, new SubscriptionSettings(
                List.of(new Nameserver("127.0.0.1", BIND.server().port())), Duration.ofSeconds(2),
                peerPassword == null ? List.of() : List.of(new PeerEntry("fnaa.unix.ar", "emiliano", peerPassword)),
                Duration.ofMillis(200)));
        b = Gateway.start(c);
        return b;
    }

    private RawSession session(Gateway gateway) throws Exception {
        RawSession s = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test");
        sessions.add(s);
        return s;
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    }

    private static CloudEvent event(int i) {
        return CloudEventBuilder.v1()
                .withId("event-" + i + "-" + UUID.randomUUID())
                .withSource(URI.create("urn:eson:test:unix"))
                .withType("ar.unix.time.tick")
                .withSubject("tick-" + i)
                .withTime(OffsetDateTime.of(2026, 12, 3, 12, 0, i, 0, ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(URI.create("https://unix.ar/schemas/tick"))
                .withExtension("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .withData(("{\"tick\":" + i + "}").getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static void publish(Gateway gateway, String broker, String flow, List<CloudEvent> events) throws Exception {
        try (var sink = gateway.brokers().adapter(broker).openSink(FlowSpec.of(flow))) {
            for (CloudEvent e : events) {
                sink.publish(e).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<CloudEvent> read(Gateway gateway, String broker, String flow, int count) throws Exception {
        var received = new ArrayList<CloudEvent>();
        try (EventSource source = gateway.brokers().adapter(broker).openSource(FlowSpec.of(flow),
                new SourceSettings("reader-" + UUID.randomUUID()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                for (Delivery d : source.poll(100, Duration.ofMillis(200))) {
                    received.add(d.event());
                    d.ack();
                }
            }
        }
        return received;
    }

    private static void assertSameEvents(List<CloudEvent> actual, List<CloudEvent> expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            CloudEvent x = expected.get(i);
            CloudEvent y = actual.get(i);
            assertThat(y.getId()).isEqualTo(x.getId());
            assertThat(y.getSource()).isEqualTo(x.getSource());
            assertThat(y.getType()).isEqualTo(x.getType());
            assertThat(y.getSubject()).isEqualTo(x.getSubject());
            assertThat(y.getTime()).isEqualTo(x.getTime());
            assertThat(y.getDataContentType()).isEqualTo(x.getDataContentType());
            assertThat(y.getDataSchema()).isEqualTo(x.getDataSchema());
            assertThat(y.getSpecVersion()).isEqualTo(x.getSpecVersion());
            assertThat(y.getExtension("traceparent")).isEqualTo(x.getExtension("traceparent"));
            assertThat(y.getData().toBytes()).isEqualTo(x.getData().toBytes());
        }
    }

    /** {@code 220 DATA}, {@code <local> SUBSCRIBED TO <copy>}, {@code 220 OK} -> the copy flow. */
    private static String subscribed(List<String> reply, String local, String remote) {
        assertThat(reply).hasSize(3);
        assertThat(reply.get(0)).isEqualTo("220 DATA");
        assertThat(reply.get(1)).matches(local.replace(".", "\\.") + " SUBSCRIBED TO [a-z0-9]{8}\\."
                + remote.replace(".", "\\."));
        assertThat(reply.get(2)).isEqualTo("220 OK");
        return reply.get(1).substring(reply.get(1).lastIndexOf(' ') + 1);
    }

    private static void assertCopyGone(Gateway a, RawSession atA, String copy) throws Exception {
        assertThat(atA.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA", "220 OK");
        assertThat(atA.exchange("GET FLOWS")).doesNotContain(copy);
        assertThat(BIND.server().rcode(copy, Type.PTR)).isEqualTo(Rcode.NXDOMAIN);
        assertThat(BIND.server().rcode("_flow._tcp." + copy, Type.SRV)).isEqualTo(Rcode.NXDOMAIN);
        assertThat(a.processors().list()).isEmpty();
    }

    @Test
    void kafkaPublisherToMemorySubscriberAcrossGateways() throws Exception {
        startA(true);
        startB(false, EMILIANO_PASSWORD);
        RawSession atA = session(a);
        RawSession atB = session(b);
        String flow = unique("time") + ".flows.unix.ar";
        assertThat(atA.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);

        String local = "time.flows.emiliano.ar";
        String copy = subscribed(atB.exchange("SUBSCRIBE " + flow + " LOCAL " + local), local, flow);
        // The copy is registered in DNS exactly like any flow of A's (Annex B).
        assertThat(BIND.server().query(copy, Type.PTR)).hasSize(1);
        assertThat(BIND.server().query("_flow._tcp." + copy, Type.SRV)).hasSize(1);
        assertThat(BIND.server().query("_queue._flow._tcp." + copy, Type.TXT)).hasSize(1);

        List<CloudEvent> events = List.of(event(1), event(2), event(3));
        publish(a, "unix", flow, events);
        assertSameEvents(read(b, "emiliano", local, events.size()), events);

        assertThat(atB.exchange("GET SUBSCRIPTIONS")).containsExactly("220 DATA",
                local + " SUBSCRIBED TO " + copy + " state=active remote=" + flow, "220 OK");
        assertThat(atA.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA",
                copy + " COPY OF " + flow + " FOR emiliano state=active", "220 OK");
        assertThat(atA.exchange("GET SUBSCRIBERS " + flow)).hasSize(3);
        assertThat(atB.exchange("SUBSCRIBE " + flow + " LOCAL " + local))
                .containsExactly("553 " + local + " already subscribed to " + copy);

        assertThat(atB.exchange("UNSUBSCRIBE " + local)).containsExactly("220 OK " + local);
        assertThat(atB.exchange("GET SUBSCRIPTIONS")).containsExactly("220 DATA", "220 OK");
        assertThat(b.processors().list()).isEmpty();
        assertCopyGone(a, atA, copy);
    }

    final String flow = unique("time") + ".flows.unix.ar";
    final String localFlow = unique("time") + ".flows.emiliano.ar";
    final String mirror = unique("mirror") + ".flows.unix.ar";

    @Test
    void memoryPublisherToKafkaSubscriber() throws Exception {
        startA(false);
        startB(true, EMILIANO_PASSWORD);
        RawSession atA = session(a);
        RawSession atB = session(b);
                assertThat(atA.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);
        String local = unique("copy") + ".flows.emiliano.ar";
        String copy = subscribed(atB.exchange("SUBSCRIBE " + flow + " LOCAL " + local), local, flow);

        List<CloudEvent> events = List.of(event(1), event(2));
        publish(a, "unix", flow, events);
        assertSameEvents(read(b, "emiliano", local, events.size()), events);
        assertThat(atB.exchange("UNSUBSCRIBE " + local)).containsExactly("220 OK " + local);
        assertCopyGone(a, atA, copy);
    }

    @Test
    void revokeAtThePublisherIsNoticedByTheSubscriber() throws Exception {
        startA(false);
        startB(false, EMILIANO_PASSWORD);
        RawSession atA = session(a);
        RawSession atB = session(b);
        assertThat(atA.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);
        String local = localFlow;
        String copy = subscribed(atB.exchange("SUBSCRIBE " + flow + " LOCAL " + local), local, flow);
        // The subscriber may describe its copy at A; nobody else but the owner may.
        assertThat(b.processors().list()).hasSize(1);

        assertThat(atA.exchange("REVOKE " + copy)).containsExactly("220 OK " + copy);
        assertCopyGone(a, atA, copy);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> listed = atB.exchange("GET SUBSCRIPTIONS");
        while (!listed.contains(local + " SUBSCRIBED TO " + copy + " state=revoked remote=" + flow)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            listed = atB.exchange("GET SUBSCRIPTIONS");
        }
        assertThat(listed).containsExactly("220 DATA",
                local + " SUBSCRIBED TO " + copy + " state=revoked remote=" + flow, "220 OK");
        assertThat(b.processors().list()).isEmpty();
        // Ending a revoked subscription is local only.
        assertThat(atB.exchange("UNSUBSCRIBE " + local)).containsExactly("220 OK " + local);
        assertThat(atB.exchange("GET SUBSCRIPTIONS")).containsExactly("220 DATA", "220 OK");
    }

    @Test
    void theSubscriberMayDescribeItsCopyOthersMayNot() throws Exception {
        startA(false);
        RawSession atA = session(a);
        assertThat(atA.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);
        RawSession peer = RawSession.connect(a.fnapPort()).greetAndAuthenticate("emiliano", EMILIANO_PASSWORD);
        sessions.add(peer);
        List<String> made = peer.exchange("SUBSCRIBE " + flow);
        assertThat(made).hasSize(3);
        assertThat(made.get(0)).isEqualTo("220 DATA");
        assertThat(made.get(1)).matches("[a-z0-9]{8}\\." + flow.replace(".", "\\."));
        assertThat(made.get(2)).isEqualTo("220 OK");
        String copy = made.get(1);
        assertThat(peer.exchange("DESCRIBE FLOW " + copy)).contains("flow=" + copy, "type=memory");
        assertThat(peer.exchange("DESCRIBE FLOW " + flow)).containsExactly("550 No such flow");
        assertThat(peer.exchange("SUBSCRIBE nothing.flows.unix.ar")).containsExactly("550 No such flow");
        assertThat(peer.exchange("REVOKE " + copy)).containsExactly("550 No such flow");
        assertThat(atA.exchange("GET SUBSCRIBERS " + flow)).containsExactly("220 DATA",
                copy + " COPY OF " + flow + " FOR emiliano state=active", "220 OK");
        assertThat(peer.exchange("UNSUBSCRIBE " + copy)).containsExactly("220 OK " + copy);
        assertCopyGone(a, atA, copy);
    }

    @Test
    void aSubscriptionWithinOneGateway() throws Exception {
        startA(false);
        RawSession atA = session(a);
        assertThat(atA.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);
        String copy = subscribed(atA.exchange("SUBSCRIBE " + flow + " LOCAL " + mirror),
                mirror, flow);
        List<CloudEvent> events = List.of(event(7));
        publish(a, "unix", flow, events);
        assertSameEvents(read(a, "unix", mirror, 1), events);
        assertThat(atA.exchange("UNSUBSCRIBE " + mirror)).containsExactly("220 OK " + mirror);
        assertCopyGone(a, atA, copy);
    }

    @Test
    void aRestartedSubscriberAttachesAgainAndKeepsCopying() throws Exception {
        startA(false);
        startB(false, EMILIANO_PASSWORD);
        RawSession atA = session(a);
        assertThat(atA.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);
        RawSession atB = session(b);
        String copy = subscribed(atB.exchange("SUBSCRIBE " + flow + " LOCAL " + localFlow), localFlow, flow);
        List<CloudEvent> before = List.of(event(1));
        publish(a, "unix", flow, before);
        assertSameEvents(read(b, "emiliano", localFlow, 1), before);

        atB.close();
        sessions.remove(atB);
        b.close();
        startB(false, EMILIANO_PASSWORD);
        RawSession again = session(b);
        assertThat(again.exchange("GET SUBSCRIPTIONS")).containsExactly("220 DATA",
                localFlow + " SUBSCRIBED TO " + copy + " state=active remote=" + flow, "220 OK");
        assertThat(b.processors().list()).hasSize(1);
        List<CloudEvent> after = List.of(event(2), event(3));
        publish(a, "unix", flow, after);
        // The restarted memory broker lost the first event; the processor goes on from its position at A.
        assertSameEvents(read(b, "emiliano", localFlow, 2), after);
        assertThat(again.exchange("UNSUBSCRIBE " + localFlow)).containsExactly("220 OK " + localFlow);
        assertCopyGone(a, atA, copy);
    }

    private void assertNothingAtB(RawSession atB) throws Exception {
        assertThat(atB.exchange("GET FLOWS")).containsExactly("220 DATA", "220 OK");
        assertThat(atB.exchange("GET SUBSCRIPTIONS")).containsExactly("220 DATA", "220 OK");
        assertThat(b.processors().list()).isEmpty();
    }

    @Test
    void failuresLeaveNothingBehind() throws Exception {
        startA(false);
        startB(false, EMILIANO_PASSWORD);
        RawSession atA = session(a);
        RawSession atB = session(b);
        assertThat(atA.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);

        assertThat(atB.exchange("SUBSCRIBE ghost.flows.unix.ar LOCAL " + localFlow))
                .containsExactly("550 No such flow (not in the flow name service)");
        assertNothingAtB(atB);
        assertThat(atB.exchange("SUBSCRIBE " + flow + " LOCAL time.flows.elsewhere.ar"))
                .containsExactly("550 No such flow namespace");
        assertNothingAtB(atB);
        assertThat(atA.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA", "220 OK");
        assertThat(a.processors().list()).isEmpty();

        a.close();
        assertThat(atB.exchange("SUBSCRIBE " + flow + " LOCAL " + localFlow).get(0))
                .startsWith("451 Remote FNAA unavailable: ");
        assertNothingAtB(atB);
    }

    @Test
    void aFlowTheAccountMayNotReadIsNoSuchFlow() throws Exception {
        startA(false);
        startB(false, EMILIANO_PASSWORD);
        RawSession atA = session(a);
        RawSession atB = session(b);
        String secret = unique("secret") + ".private.unix.ar";
        assertThat(atA.exchange("CREATE FLOW " + secret)).containsExactly("220 OK " + secret);
        assertThat(atB.exchange("SUBSCRIBE " + secret + " LOCAL " + localFlow)).containsExactly("550 No such flow");
        assertNothingAtB(atB);
        assertThat(atA.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA", "220 OK");
        assertThat(atA.exchange("GET FLOWS")).containsExactly("220 DATA", secret, "220 OK");
        assertThat(a.processors().list()).isEmpty();
    }

    @Test
    void withoutCredentialsForThePeerTheSubscriptionIsRefused() throws Exception {
        startA(false);
        startB(false, null);
        RawSession atA = session(a);
        RawSession atB = session(b);
        assertThat(atA.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);
        assertThat(atB.exchange("SUBSCRIBE " + flow + " LOCAL " + localFlow))
                .containsExactly("530 No credentials configured for remote FNAA fnaa.unix.ar");
        assertNothingAtB(atB);
        assertThat(a.processors().list()).isEmpty();
    }

    @Test
    void aFailureAfterTheCopyWasMadeUndoesItAtThePublisher() throws Exception {
        bMaxFlows = 1;
        startA(false);
        startB(false, EMILIANO_PASSWORD);
        RawSession atA = session(a);
        RawSession atB = session(b);
        assertThat(atA.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);
        String other = unique("full") + ".flows.emiliano.ar";
        assertThat(atB.exchange("CREATE FLOW " + other)).containsExactly("220 OK " + other);
        assertThat(atB.exchange("SUBSCRIBE " + flow + " LOCAL " + localFlow)).containsExactly("552 Quota exceeded");
        assertThat(atB.exchange("GET FLOWS")).containsExactly("220 DATA", other, "220 OK");
        assertThat(b.processors().list()).isEmpty();
        assertThat(atA.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA", "220 OK");
        assertThat(atA.exchange("GET FLOWS")).containsExactly("220 DATA", flow, "220 OK");
        assertThat(a.processors().list()).isEmpty();
    }

    @Test
    void aNameServiceOutageIs451() throws Exception {
        startA(false);
        startB(false, EMILIANO_PASSWORD);
        RawSession atA = session(a);
        RawSession atB = session(b);
        assertThat(atA.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);
        BIND.server().stop();
        try {
            assertThat(atB.exchange("SUBSCRIBE " + flow + " LOCAL " + localFlow))
                    .containsExactly("451 Name service unavailable");
            assertNothingAtB(atB);
        } finally {
            BIND.server().start();
        }
        assertThat(a.processors().list()).isEmpty();
    }

    @Test
    void unsubscribingWhileThePublisherIsDownEndsLocally() throws Exception {
        startA(false);
        startB(false, EMILIANO_PASSWORD);
        RawSession atA = session(a);
        RawSession atB = session(b);
        assertThat(atA.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);
        String copy = subscribed(atB.exchange("SUBSCRIBE " + flow + " LOCAL " + localFlow), localFlow, flow);
        a.close();
        List<String> reply = atB.exchange("UNSUBSCRIBE " + localFlow);
        assertThat(reply).hasSize(1);
        assertThat(reply.get(0)).startsWith("220 OK " + localFlow + " (Remote FNAA unavailable: ")
                .endsWith("the copy " + copy + " may remain at fnaa.unix.ar)");
        assertThat(atB.exchange("GET SUBSCRIPTIONS")).containsExactly("220 DATA", "220 OK");
        assertThat(b.processors().list()).isEmpty();
    }

    @Test
    void aWrongPeerPasswordIs535AndLeavesNothingBehind() throws Exception {
        startA(false);
        startB(false, "wrong password");
        RawSession atA = session(a);
        RawSession atB = session(b);
        assertThat(atA.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);
        assertThat(atB.exchange("SUBSCRIBE " + flow + " LOCAL " + localFlow))
                .containsExactly("535 Remote FNAA refused authentication");
        assertNothingAtB(atB);
        assertThat(atA.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA", "220 OK");
        assertThat(atA.exchange("GET FLOWS")).containsExactly("220 DATA", flow, "220 OK");
        assertThat(a.processors().list()).isEmpty();
    }

    /** {@code count} events with ids {@code <prefix>-<i>-<uuid>}, otherwise like {@link #event(int)}. */
    private static List<CloudEvent> events(String prefix, int count) {
        var list = new ArrayList<CloudEvent>();
        for (int i = 0; i < count; i++) {
            CloudEvent e = event(i % 60);
            list.add(CloudEventBuilder.v1(e).withId(prefix + "-" + i + "-" + UUID.randomUUID()).build());
        }
        return list;
    }

    /** Publishes every event without waiting for each one, then waits for all of them. */
    private static void publishAll(Gateway gateway, String broker, String flow, List<CloudEvent> events)
            throws Exception {
        try (var sink = gateway.brokers().adapter(broker).openSink(FlowSpec.of(flow))) {
            var pending = new ArrayList<java.util.concurrent.CompletableFuture<Void>>();
            for (CloudEvent e : events) {
                pending.add(sink.publish(e));
            }
            java.util.concurrent.CompletableFuture.allOf(pending.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
        }
    }

    /** Reads until every distinct id expected arrived (or 60 s); duplicates are kept in the result. */
    private static List<CloudEvent> readDistinct(Gateway gateway, String broker, String flow, int distinct)
            throws Exception {
        var received = new ArrayList<CloudEvent>();
        var ids = new java.util.HashSet<String>();
        try (EventSource source = gateway.brokers().adapter(broker).openSource(FlowSpec.of(flow),
                new SourceSettings("reader-" + UUID.randomUUID()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ids.size() < distinct && System.nanoTime() < deadline) {
                for (Delivery d : source.poll(500, Duration.ofMillis(200))) {
                    received.add(d.event());
                    ids.add(d.event().getId());
                    d.ack();
                }
            }
        }
        return received;
    }

    /** Every expected id arrived at least once, nothing else arrived, and each copy is attribute-for-attribute the original. */
    private static void assertEveryIdDelivered(String direction, List<CloudEvent> actual, List<CloudEvent> expected) {
        var byId = new java.util.HashMap<String, CloudEvent>();
        for (CloudEvent e : expected) {
            byId.put(e.getId(), e);
        }
        var seen = new java.util.HashSet<String>();
        for (CloudEvent y : actual) {
            CloudEvent x = byId.get(y.getId());
            assertThat(x).as(direction + ": unexpected id " + y.getId()).isNotNull();
            seen.add(y.getId());
            assertSameEvents(List.of(y), List.of(x));
        }
        assertThat(seen).as(direction + ": distinct ids delivered").hasSize(expected.size());
        System.out.printf("%s: %d distinct ids, %d deliveries, %d duplicates%n", direction, seen.size(),
                actual.size(), actual.size() - seen.size());
    }

    /** Thesis 4.2.2: A1 at A copied into B1 at B and, at the same time, B2 at B copied into A2 at A. */
    @Test
    void bidirectionalSubscriptions() throws Exception {
        bidirectional = true;
        startA(true);
        startB(false, EMILIANO_PASSWORD);
        RawSession atA = session(a);
        RawSession atB = session(b);
        String a1 = unique("a1") + ".flows.unix.ar";
        String a2 = unique("a2") + ".flows.unix.ar";
        String b1 = unique("b1") + ".flows.emiliano.ar";
        String b2 = unique("b2") + ".flows.emiliano.ar";
        assertThat(atA.exchange("CREATE FLOW " + a1)).containsExactly("220 OK " + a1);
        assertThat(atB.exchange("CREATE FLOW " + b2)).containsExactly("220 OK " + b2);
        String copyOfA1 = subscribed(atB.exchange("SUBSCRIBE " + a1 + " LOCAL " + b1), b1, a1);
        String copyOfB2 = subscribed(atA.exchange("SUBSCRIBE " + b2 + " LOCAL " + a2), a2, b2);

        int n = 200;
        List<CloudEvent> fromA = events("a", n);
        List<CloudEvent> fromB = events("b", n);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var readAtB = pool.submit(() -> readDistinct(b, "emiliano", b1, n));
            var readAtA = pool.submit(() -> readDistinct(a, "unix", a2, n));
            var publishAtA = pool.submit(() -> {
                publishAll(a, "unix", a1, fromA);
                return null;
            });
            var publishAtB = pool.submit(() -> {
                publishAll(b, "emiliano", b2, fromB);
                return null;
            });
            publishAtA.get(90, TimeUnit.SECONDS);
            publishAtB.get(90, TimeUnit.SECONDS);
            assertEveryIdDelivered("A -> B", readAtB.get(90, TimeUnit.SECONDS), fromA);
            assertEveryIdDelivered("B -> A", readAtA.get(90, TimeUnit.SECONDS), fromB);
        }

        assertThat(atB.exchange("GET SUBSCRIPTIONS")).containsExactly("220 DATA",
                b1 + " SUBSCRIBED TO " + copyOfA1 + " state=active remote=" + a1, "220 OK");
        assertThat(atA.exchange("GET SUBSCRIPTIONS")).containsExactly("220 DATA",
                a2 + " SUBSCRIBED TO " + copyOfB2 + " state=active remote=" + b2, "220 OK");
        assertThat(atA.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA",
                copyOfA1 + " COPY OF " + a1 + " FOR emiliano state=active", "220 OK");
        assertThat(atB.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA",
                copyOfB2 + " COPY OF " + b2 + " FOR unix state=active", "220 OK");

        assertThat(atB.exchange("UNSUBSCRIBE " + b1)).containsExactly("220 OK " + b1);
        assertThat(atA.exchange("UNSUBSCRIBE " + a2)).containsExactly("220 OK " + a2);
        assertThat(atA.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA", "220 OK");
        assertThat(atB.exchange("GET SUBSCRIBERS")).containsExactly("220 DATA", "220 OK");
        assertThat(atA.exchange("GET SUBSCRIPTIONS")).containsExactly("220 DATA", "220 OK");
        assertThat(atB.exchange("GET SUBSCRIPTIONS")).containsExactly("220 DATA", "220 OK");
    }
}
