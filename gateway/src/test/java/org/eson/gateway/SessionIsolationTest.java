package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.fnap.command.Command;
import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;

/**
 * Each connection has its own state: the thesis prototype kept one "authenticated" flag for
 * every connection and never checked it.
 */
class SessionIsolationTest {

    /** One example line per command; the test fails when a new command has no example. */
    private static final Map<Class<?>, String> EXAMPLES = Map.ofEntries(
            Map.entry(Command.Authenticate.class, "AUTHENTICATE PLAIN"),
            Map.entry(Command.CreateFlow.class, "CREATE FLOW time.flows.unix.ar"),
            Map.entry(Command.DescribeFlow.class, "DESCRIBE FLOW time.flows.unix.ar"),
            Map.entry(Command.DeleteFlow.class, "DELETE FLOW time.flows.unix.ar"),
            Map.entry(Command.GetFlows.class, "GET FLOWS"),
            Map.entry(Command.GetNamespaces.class, "GET NAMESPACES"),
            Map.entry(Command.Subscribe.class, "SUBSCRIBE time.flows.unix.ar LOCAL copy.flows.unix.ar"),
            Map.entry(Command.Unsubscribe.class, "UNSUBSCRIBE copy.flows.unix.ar"),
            Map.entry(Command.GetSubscriptions.class, "GET SUBSCRIPTIONS"),
            Map.entry(Command.GetSubscribers.class, "GET SUBSCRIBERS"),
            Map.entry(Command.Revoke.class, "REVOKE abcdefgh.time.flows.unix.ar"),
            Map.entry(Command.Capabilities.class, "CAPABILITIES"),
            Map.entry(Command.Noop.class, "NOOP"),
            Map.entry(Command.Help.class, "HELP"),
            Map.entry(Command.Quit.class, "QUIT"));

    private static final Set<Class<?>> OPEN_BEFORE_AUTHENTICATION = Set.of(Command.Authenticate.class,
            Command.Capabilities.class, Command.Noop.class, Command.Help.class, Command.Quit.class);

    @TempDir
    Path dataDir;
    Gateway gateway;

    @BeforeEach
    void start() {
        gateway = TestGateways.start(dataDir);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void everyCommandHasAnExample() {
        assertThat(EXAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(Arrays.asList(Command.class.getPermittedSubclasses()));
    }

    @Test
    void everyCommandButTheOpenOnesNeedsAuthentication() throws Exception {
        var guarded = EXAMPLES.entrySet().stream()
                .filter(e -> !OPEN_BEFORE_AUTHENTICATION.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .collect(Collectors.toList());
        assertThat(guarded).hasSize(EXAMPLES.size() - OPEN_BEFORE_AUTHENTICATION.size());
        try (var session = RawSession.connect(gateway.fnapPort())) {
            session.readLine();
            for (String line : guarded) {
                assertThat(session.exchange(line)).as(line).containsExactly("530 Authentication required");
                assertThat(session.exchange(line.toLowerCase())).as(line).containsExactly("530 Authentication required");
            }
            assertThat(session.exchange("NOOP")).containsExactly("220 OK");
            assertThat(session.exchange("HELP").get(0)).isEqualTo("220 DATA");
            assertThat(session.exchange("CAPABILITIES")).contains("auth=PLAIN", "brokers=memory");
            assertThat(session.exchange("AUTHENTICATE PLAIN")).containsExactly("220 OK");
            assertThat(session.exchange("*")).containsExactly("501 Authentication cancelled");
            assertThat(session.exchange("QUIT")).containsExactly("220 Bye");
        }
    }

    @Test
    void authenticationInOneSessionDoesNotLeakIntoAnother() throws Exception {
        try (var first = RawSession.connect(gateway.fnapPort());
             var second = RawSession.connect(gateway.fnapPort())) {
            first.greetAndAuthenticate("test", "test");
            second.readLine();
            assertThat(first.exchange("CREATE FLOW time.flows.unix.ar")).containsExactly("220 OK time.flows.unix.ar");
            assertThat(second.exchange("DESCRIBE FLOW time.flows.unix.ar")).containsExactly("530 Authentication required");
            assertThat(second.exchange("GET FLOWS")).containsExactly("530 Authentication required");
            assertThat(first.exchange("GET FLOWS")).containsExactly("220 DATA", "time.flows.unix.ar", "220 OK");
        }
    }

    @Test
    void usersSeeOnlyTheirOwnNamespacesAndTheRefusalRevealsNothing() throws Exception {
        try (var test = RawSession.connect(gateway.fnapPort());
             var alice = RawSession.connect(gateway.fnapPort())) {
            test.greetAndAuthenticate("test", "test");
            alice.greetAndAuthenticate("alice", TestGateways.ALICE_PASSWORD);
            assertThat(test.exchange("CREATE FLOW secret.flows.unix.ar")).containsExactly("220 OK secret.flows.unix.ar");

            // An existing flow of another user and a flow that does not exist answer identically.
            assertThat(alice.exchange("DESCRIBE FLOW secret.flows.unix.ar")).containsExactly("550 No such flow");
            assertThat(alice.exchange("DESCRIBE FLOW missing.flows.unix.ar")).containsExactly("550 No such flow");
            assertThat(alice.exchange("DELETE FLOW secret.flows.unix.ar")).containsExactly("550 No such flow");
            assertThat(alice.exchange("CREATE FLOW other.flows.unix.ar")).containsExactly("550 No such flow namespace");
            assertThat(alice.exchange("CREATE FLOW x.nowhere.example")).containsExactly("550 No such flow namespace");
            assertThat(alice.exchange("GET FLOWS flows.unix.ar")).containsExactly("550 No such flow namespace");
            assertThat(alice.exchange("GET FLOWS")).containsExactly("220 DATA", "220 OK");
            assertThat(alice.exchange("GET NAMESPACES")).containsExactly("220 DATA", "flows.alice.example", "220 OK");

            assertThat(test.exchange("DESCRIBE FLOW secret.flows.unix.ar").get(1)).isEqualTo("flow=secret.flows.unix.ar");
        }
    }
}
