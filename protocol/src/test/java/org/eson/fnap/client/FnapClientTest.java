package org.eson.fnap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eson.fnap.name.FlowName;
import org.eson.fnap.wire.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FnapClientTest {

    private static final String GREETING = "220 fnaa.unix.ar FNAA";
    private static final String SECRET = "AHRlc3QAdGVzdA==";

    private final List<String> trace = new CopyOnWriteArrayList<>();
    private final FnapClientOptions options = FnapClientOptions.defaults()
            .withReadTimeout(Duration.ofSeconds(5))
            .withTrace(trace::add);

    private static void thesisLogin(ScriptedServer.Session s) throws Exception {
        s.send(GREETING);
        s.expect("AUTHENTICATE PLAIN");
        s.send("220 OK");
        s.expect(SECRET);
        s.send("220 Authenticated");
    }

    private static void bye(ScriptedServer.Session s) throws Exception {
        s.expect("QUIT");
        s.send("220 Bye");
    }

    @Test
    void greeting() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            s.send(GREETING);
            bye(s);
        })) {
            FnapClient client = FnapClient.connect(server.endpoint(), options);
            assertThat(client.greeting()).isEqualTo("fnaa.unix.ar FNAA");
            assertThat(client.serverFqdn()).isEqualTo("fnaa.unix.ar");
            assertThat(client.isOpen()).isTrue();
            client.quit();
            assertThat(client.isOpen()).isFalse();
            assertThat(server.receivedBySingleSession()).isEqualTo("QUIT\r\n");
        }
    }

    @Test
    void thesisCreateFlowSessionExactBytesAndTrace() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            thesisLogin(s);
            s.expect("CREATE FLOW time.flow.unix.ar");
            s.send("220 OK time.flow.unix.ar");
            bye(s);
        })) {
            try (FnapClient client = FnapClient.connect(server.endpoint(), options)) {
                client.authenticatePlain("test", "test");
                assertThat(client.createFlow(new FlowName("time.flow.unix.ar")))
                        .isEqualTo(new FlowName("time.flow.unix.ar"));
                client.quit();
            }
            assertThat(server.receivedBySingleSession()).isEqualTo(
                    "AUTHENTICATE PLAIN\r\n" + SECRET + "\r\nCREATE FLOW time.flow.unix.ar\r\nQUIT\r\n");
            assertThat(trace).containsExactly(
                    "C: Connecting to 127.0.0.1:" + server.port(),
                    "C: Got a response: 220 fnaa.unix.ar FNAA",
                    "C: Sending command AUTHENTICATE PLAIN",
                    "C: Wrote (20 bytes written)",
                    "C: Got a response: 220 OK",
                    "C: Authentication string sent: ****",
                    "C: Wrote (18 bytes written)",
                    "C: Got a response: 220 Authenticated",
                    "C: Sending command CREATE FLOW time.flow.unix.ar",
                    "C: Wrote (31 bytes written)",
                    "C: Server sent OK for command CREATE FLOW time.flow.unix.ar",
                    "C: Sending command QUIT",
                    "C: Wrote (6 bytes written)");
        }
    }

    @Test
    void describeParsesKeyValuesInOrder() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            thesisLogin(s);
            s.expect("DESCRIBE FLOW time.flows.unix.ar");
            s.send("220 DATA", "flow=time.flows.unix.ar", "type=kafka", "topic=time.flows.unix.ar",
                    "server=kf1.unix.ar:9092", "220 OK");
            bye(s);
        })) {
            try (FnapClient client = FnapClient.connect(server.endpoint(), options)) {
                client.authenticatePlain("test", "test");
                Map<String, String> description = client.describeFlow(new FlowName("time.flows.unix.ar"));
                assertThat(description).containsExactly(
                        Map.entry("flow", "time.flows.unix.ar"),
                        Map.entry("type", "kafka"),
                        Map.entry("topic", "time.flows.unix.ar"),
                        Map.entry("server", "kf1.unix.ar:9092"));
                assertThat(trace).contains("C: Wrote (34 bytes written)",
                        "C: Server sent OK for command DESCRIBE FLOW time.flows.unix.ar");
            }
            server.finish();
        }
    }

    @Test
    void errorRepliesBecomeFnapReplyExceptionAndTheSessionContinues() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            thesisLogin(s);
            s.expect("DESCRIBE FLOW x.flows.unix.ar");
            s.send("550 No such flow");
            s.expect("CREATE FLOW y.flows.other.ar");
            s.send("550 No such flow namespace");
            s.expect("NOOP");
            s.send("220 OK");
            bye(s);
        })) {
            try (FnapClient client = FnapClient.connect(server.endpoint(), options)) {
                client.authenticatePlain("test", "test");
                assertThatThrownBy(() -> client.describeFlow(new FlowName("x.flows.unix.ar")))
                        .isInstanceOfSatisfying(FnapReplyException.class, e -> {
                            assertThat(e.reply()).isEqualTo(Reply.of(550, "No such flow"));
                            assertThat(e).hasMessage(
                                    "Server replied 550 No such flow to DESCRIBE FLOW x.flows.unix.ar");
                        });
                Reply reply = client.execute("CREATE FLOW y.flows.other.ar");
                assertThat(reply).isEqualTo(Reply.of(550, "No such flow namespace"));
                client.noop();
                assertThat(trace).contains(
                        "C: Server sent 550 No such flow for command DESCRIBE FLOW x.flows.unix.ar",
                        "C: Server sent 550 No such flow namespace for command CREATE FLOW y.flows.other.ar");
            }
            server.finish();
        }
    }

    @Test
    void failedAuthenticationIsAReplyExceptionWithoutTheSecret() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            s.send(GREETING);
            s.expect("AUTHENTICATE PLAIN");
            s.send("220 OK");
            s.expect("AHRlc3QAd3Jvbmc=");
            s.send("535 Authentication failed");
            s.expect("AUTHENTICATE PLAIN");
            s.send("504 Unrecognized authentication mechanism");
            bye(s);
        })) {
            try (FnapClient client = FnapClient.connect(server.endpoint(), options)) {
                assertThatThrownBy(() -> client.authenticatePlain("test", "wrong"))
                        .isInstanceOfSatisfying(FnapReplyException.class, e -> {
                            assertThat(e.reply().code()).isEqualTo(535);
                            assertThat(e).hasMessage(
                                    "Server replied 535 Authentication failed to AUTHENTICATE PLAIN");
                        });
                assertThatThrownBy(() -> client.authenticatePlain("test", "wrong"))
                        .isInstanceOfSatisfying(FnapReplyException.class,
                                e -> assertThat(e.reply().code()).isEqualTo(504));
                assertThat(client.isOpen()).isTrue();
            }
            server.finish();
            assertThat(trace).noneMatch(l -> l.contains("AHRlc3QAd3Jvbmc="));
        }
    }

    @Test
    void secretsSentThroughExecuteAreMaskedInTraceAndErrors() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            s.send(GREETING);
            s.expect("AUTHENTICATE PLAIN " + SECRET);
            s.send("535 Authentication failed");
            s.expect("AUTHENTICATE PLAIN");
            s.send("220 OK");
            s.expect(SECRET);
            s.send("220 Authenticated");
            bye(s);
        })) {
            try (FnapClient client = FnapClient.connect(server.endpoint(), options)) {
                assertThatThrownBy(() -> client.expectOk("AUTHENTICATE PLAIN " + SECRET))
                        .hasMessage("Server replied 535 Authentication failed to AUTHENTICATE PLAIN ****");
                assertThat(client.execute("AUTHENTICATE PLAIN").text()).isEqualTo("OK");
                assertThat(client.expectOk(SECRET).text()).isEqualTo("Authenticated");
            }
            server.finish();
            assertThat(trace).noneMatch(l -> l.contains(SECRET));
            assertThat(trace).contains("C: Sending command AUTHENTICATE PLAIN ****",
                    "C: Authentication string sent: ****");
        }
    }

    @Test
    void listingsAndCapabilities() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            thesisLogin(s);
            s.expect("GET FLOWS");
            s.send("220 DATA", "date.flows.unix.ar", "time.flows.unix.ar", "220 OK");
            s.expect("GET FLOWS flows.unix.ar");
            s.send("220 DATA", "220 OK");
            s.expect("GET NAMESPACES");
            s.send("220 DATA", "flows.unix.ar", "220 OK");
            s.expect("CAPABILITIES");
            s.send("220 DATA", "fnap=1", "auth=PLAIN", "brokers=kafka memory", "processors=",
                    "tls=none", "220 OK");
            s.expect("DELETE FLOW time.flows.unix.ar");
            s.send("220 OK time.flows.unix.ar");
            s.expect("CREATE FLOW new.flows.unix.ar");
            s.send("220 OK");
            bye(s);
        })) {
            try (FnapClient client = FnapClient.connect(server.endpoint(), options)) {
                client.authenticatePlain("test", "test");
                assertThat(client.getFlows(Optional.empty())).containsExactly(
                        new FlowName("date.flows.unix.ar"), new FlowName("time.flows.unix.ar"));
                assertThat(client.getFlows(Optional.of("flows.unix.ar"))).isEmpty();
                assertThat(client.getNamespaces()).containsExactly("flows.unix.ar");
                assertThat(client.capabilities()).containsExactly(Map.entry("fnap", "1"),
                        Map.entry("auth", "PLAIN"), Map.entry("brokers", "kafka memory"),
                        Map.entry("processors", ""), Map.entry("tls", "none"));
                client.deleteFlow(new FlowName("time.flows.unix.ar"));
                assertThat(client.createFlow(new FlowName("new.flows.unix.ar")))
                        .isEqualTo(new FlowName("new.flows.unix.ar"));
            }
            server.finish();
        }
    }

    @Test
    void abortedDataBlockIsAnError() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            thesisLogin(s);
            s.expect("GET FLOWS");
            s.send("220 DATA", "a.flows.unix.ar", "451 Local error in processing, try again later");
            bye(s);
        })) {
            try (FnapClient client = FnapClient.connect(server.endpoint(), options)) {
                client.authenticatePlain("test", "test");
                assertThatThrownBy(() -> client.getFlows(Optional.empty()))
                        .isInstanceOfSatisfying(FnapReplyException.class,
                                e -> assertThat(e.reply().isTransient()).isTrue());
            }
            server.finish();
        }
    }

    @Test
    void malformedDataIsAProtocolViolation() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            thesisLogin(s);
            s.expect("DESCRIBE FLOW a.flows.unix.ar");
            s.send("220 DATA", "no equals sign here", "220 OK");
            s.awaitEof();
        })) {
            FnapClient client = FnapClient.connect(server.endpoint(), options);
            client.authenticatePlain("test", "test");
            assertThatThrownBy(() -> client.describeFlow(new FlowName("a.flows.unix.ar")))
                    .isExactlyInstanceOf(FnapException.class)
                    .hasMessageContaining("Protocol violation by 127.0.0.1:" + server.port());
            assertThat(client.isOpen()).isFalse();
            client.close();
            server.finish();
        }
    }

    @Test
    void executeRejectsLinesThatAreNotOneLine() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            s.send(GREETING);
            s.expect("x".repeat(998));
            s.send("500 Unknown command");
            bye(s);
        })) {
            try (FnapClient client = FnapClient.connect(server.endpoint(), options)) {
                assertThatThrownBy(() -> client.execute("NOOP\r\nQUIT"))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> client.execute("NOOP\n")).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> client.execute("x".repeat(999)))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> client.execute("€".repeat(333)))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThat(client.execute("x".repeat(998)).code()).isEqualTo(500);
            }
            assertThat(server.receivedBySingleSession()).isEqualTo("x".repeat(998) + "\r\nQUIT\r\n");
        }
    }

    @Test
    void readTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedServer server = new ScriptedServer(s -> {
            s.send(GREETING);
            s.expect("NOOP");
            release.await(10, TimeUnit.SECONDS);
        })) {
            FnapClient client = FnapClient.connect(server.endpoint(),
                    options.withReadTimeout(Duration.ofMillis(300)));
            long start = System.nanoTime();
            assertThatThrownBy(client::noop)
                    .isExactlyInstanceOf(FnapException.class)
                    .hasMessage("No reply from 127.0.0.1:" + server.port() + " within 300 ms to NOOP");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(client.isOpen()).isFalse();
            assertThatThrownBy(client::noop).hasMessage("Connection to 127.0.0.1:" + server.port() + " is closed");
            release.countDown();
            server.finish();
        }
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = probe.getLocalPort();
        }
        assertThatThrownBy(() -> FnapClient.connect(FnapEndpoint.plain("127.0.0.1", port), options))
                .isExactlyInstanceOf(FnapException.class)
                .hasMessage("Cannot connect to 127.0.0.1:" + port + ": Connection refused");
        assertThat(trace).containsExactly("C: Connecting to 127.0.0.1:" + port);
    }

    @Test
    void unknownHost() {
        assertThatThrownBy(() -> FnapClient.connect(FnapEndpoint.plain("no-such-host.invalid", 61000), options))
                .isExactlyInstanceOf(FnapException.class)
                .hasMessage("Cannot connect to no-such-host.invalid:61000: unknown host no-such-host.invalid");
    }

    @Test
    void refusedGreeting() throws Exception {
        try (ScriptedServer server = new ScriptedServer(
                s -> s.send("421 fnaa.unix.ar Too many sessions, try again later"))) {
            assertThatThrownBy(() -> FnapClient.connect(server.endpoint(), options))
                    .isInstanceOfSatisfying(FnapReplyException.class, e -> {
                        assertThat(e.reply().code()).isEqualTo(421);
                        assertThat(e).hasMessage("Server at 127.0.0.1:" + server.port()
                                + " refused the session: 421 fnaa.unix.ar Too many sessions, try again later");
                    });
            assertThat(server.receivedBySingleSession()).isEmpty();
        }
    }

    @Test
    void greetingThatIsNotAnFnaa() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> s.send("220 mail.example.com ESMTP Postfix"))) {
            assertThatThrownBy(() -> FnapClient.connect(server.endpoint(), options))
                    .isInstanceOf(FnapReplyException.class)
                    .hasMessageContaining("did not greet as an FNAA");
            assertThat(server.receivedBySingleSession()).isEmpty();
        }
    }

    @Test
    void nonFnapServer() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> s.send("SSH-2.0-OpenSSH_9.6"))) {
            assertThatThrownBy(() -> FnapClient.connect(server.endpoint(), options))
                    .isExactlyInstanceOf(FnapException.class)
                    .hasMessageStartingWith("Protocol violation by 127.0.0.1:" + server.port()
                            + " in reply to the greeting: Not an FNAP reply line: SSH-2.0");
            server.finish();
        }
    }

    @Test
    void serverHangsUpMidReply() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            s.send(GREETING);
            s.expect("GET NAMESPACES");
            s.send("220 DATA", "flows.unix.ar");
        })) {
            FnapClient client = FnapClient.connect(server.endpoint(), options);
            assertThatThrownBy(client::getNamespaces)
                    .isExactlyInstanceOf(FnapException.class)
                    .hasMessageContaining("Connection closed by the server in the middle of a reply");
            assertThat(client.isOpen()).isFalse();
            server.finish();
        }
    }

    @Test
    void a421EndsTheSession() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            s.send(GREETING);
            s.expect("NOOP");
            s.send("421 fnaa.unix.ar Idle timeout");
        })) {
            FnapClient client = FnapClient.connect(server.endpoint(), options);
            assertThatThrownBy(client::noop)
                    .isInstanceOfSatisfying(FnapReplyException.class,
                            e -> assertThat(e.reply().code()).isEqualTo(421));
            assertThat(client.isOpen()).isFalse();
            client.close();
            assertThat(server.receivedBySingleSession()).isEqualTo("NOOP\r\n");
        }
    }

    @Test
    void closeSendsQuitOnceAndIsIdempotent() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            s.send(GREETING);
            bye(s);
            s.awaitEof();
        })) {
            FnapClient client = FnapClient.connect(server.endpoint(), options);
            client.close();
            client.close();
            client.quit();
            assertThat(client.isOpen()).isFalse();
            assertThat(server.receivedBySingleSession()).isEqualTo("QUIT\r\n");
            assertThat(trace).endsWith("C: Sending command QUIT", "C: Wrote (6 bytes written)");
        }
    }

    @Test
    void closeDoesNotWaitLongForAnUnansweredQuit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedServer server = new ScriptedServer(s -> {
            s.send(GREETING);
            s.expect("QUIT");
            release.await(10, TimeUnit.SECONDS);
        })) {
            FnapClient client = FnapClient.connect(server.endpoint(),
                    options.withReadTimeout(Duration.ofMillis(200)));
            long start = System.nanoTime();
            client.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            release.countDown();
            server.finish();
        }
    }

    @Test
    void quitToleratesAServerThatHangsUpWithoutBye() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            s.send(GREETING);
            s.expect("QUIT");
        })) {
            FnapClient client = FnapClient.connect(server.endpoint(), options);
            client.quit();
            assertThat(client.isOpen()).isFalse();
            server.finish();
        }
    }

    @Test
    void endpointAndOptionsValidate() {
        assertThatThrownBy(() -> FnapEndpoint.plain(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FnapEndpoint.plain("a", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FnapEndpoint.plain("a", 65536)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FnapEndpoint.tls("::1", 61000).address()).isEqualTo("[::1]:61000");
        assertThat(FnapEndpoint.plain("fnaa.unix.ar", 61000)).hasToString("fnap://fnaa.unix.ar:61000");
        FnapClientOptions d = FnapClientOptions.defaults();
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.sslContext()).isNull();
        assertThat(d.trace()).isNull();
        assertThatThrownBy(() -> d.withReadTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withConnectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(d.withConnectTimeout(Duration.ofSeconds(1)).connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    }
}
