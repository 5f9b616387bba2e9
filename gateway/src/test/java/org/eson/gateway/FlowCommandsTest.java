package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;

/** CREATE, DESCRIBE, DELETE and the listing commands, with their error replies. */
class FlowCommandsTest {

    @TempDir
    Path dataDir;
    Gateway gateway;
    RawSession session;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateways.start(dataDir);
        session = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test");
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
        gateway.close();
    }

    @Test
    void createIsIdempotentAndCaseInsensitive() throws Exception {
        assertThat(session.exchange("CREATE FLOW flow://Time.Flows.Unix.AR")).containsExactly("220 OK time.flows.unix.ar");
        assertThat(session.exchange("create   flow   time.flows.unix.ar  ")).containsExactly("220 OK time.flows.unix.ar");
        assertThat(session.exchange("GET FLOWS")).containsExactly("220 DATA", "time.flows.unix.ar", "220 OK");
    }

    @Test
    void multiLabelFlowNamesOfAnnexC() throws Exception {
        assertThat(session.exchange("CREATE FLOW notifications.calendar.flows.unix.ar"))
                .containsExactly("220 OK notifications.calendar.flows.unix.ar");
        assertThat(session.exchange("DESC FLOW notifications.calendar.flows.unix.ar").get(1))
                .isEqualTo("flow=notifications.calendar.flows.unix.ar");
    }

    @Test
    void suffixTrapIsNotInTheNamespace() throws Exception {
        assertThat(session.exchange("CREATE FLOW x.flows.unix.ar.evil.com")).containsExactly("550 No such flow namespace");
        assertThat(session.exchange("CREATE FLOW xflows.unix.ar")).containsExactly("550 No such flow namespace");
    }

    @Test
    void theNamespaceItselfIsNotAFlow() throws Exception {
        assertThat(session.exchange("CREATE FLOW flows.unix.ar").get(0)).startsWith("55");
    }

    @Test
    void invalidFlowNamesAre553() throws Exception {
        assertThat(session.exchange("CREATE FLOW bad_name.flows.unix.ar").get(0)).startsWith("553 Invalid flow name");
        assertThat(session.exchange("CREATE FLOW " + "a".repeat(64) + ".flows.unix.ar").get(0)).startsWith("553 ");
        assertThat(session.exchange("CREATE FLOW -a.flows.unix.ar").get(0)).startsWith("553 ");
        assertThat(session.exchange("CREATE FLOW a..flows.unix.ar").get(0)).startsWith("553 ");
    }

    @Test
    void syntaxErrors() throws Exception {
        assertThat(session.exchange("CREATE")).containsExactly("501 Syntax: CREATE FLOW <flow>");
        assertThat(session.exchange("CREATE TOPIC time.flows.unix.ar")).containsExactly("501 Syntax: CREATE FLOW <flow>");
        assertThat(session.exchange("CREATE FLOW a.flows.unix.ar b.flows.unix.ar")).containsExactly("501 Syntax: CREATE FLOW <flow>");
        assertThat(session.exchange("FROBNICATE")).containsExactly("500 Unknown command");
        assertThat(session.exchange("")).containsExactly("500 Syntax error: empty command");
    }

    @Test
    void describeAndDeleteOfAMissingFlowAre550() throws Exception {
        assertThat(session.exchange("DESCRIBE FLOW missing.flows.unix.ar")).containsExactly("550 No such flow");
        assertThat(session.exchange("DELETE FLOW missing.flows.unix.ar")).containsExactly("550 No such flow");
    }

    @Test
    void deleteRemovesTheFlow() throws Exception {
        session.exchange("CREATE FLOW time.flows.unix.ar");
        assertThat(session.exchange("DELETE FLOW time.flows.unix.ar")).containsExactly("220 OK time.flows.unix.ar");
        assertThat(session.exchange("DESCRIBE FLOW time.flows.unix.ar")).containsExactly("550 No such flow");
        assertThat(session.exchange("GET FLOWS")).containsExactly("220 DATA", "220 OK");
    }

    @Test
    void quotaIs552AndCreatesNothing() throws Exception {
        try (var alice = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("alice", TestGateways.ALICE_PASSWORD)) {
            for (int i = 0; i < 3; i++) {
                assertThat(alice.exchange("CREATE FLOW f" + i + ".flows.alice.example")).containsExactly("220 OK f" + i + ".flows.alice.example");
            }
            assertThat(alice.exchange("CREATE FLOW f3.flows.alice.example")).containsExactly("552 Quota exceeded");
            // An existing flow is still accepted: creation is idempotent, not a new flow.
            assertThat(alice.exchange("CREATE FLOW f0.flows.alice.example")).containsExactly("220 OK f0.flows.alice.example");
            assertThat(alice.exchange("GET FLOWS flows.alice.example")).containsExactly("220 DATA",
                    "f0.flows.alice.example", "f1.flows.alice.example", "f2.flows.alice.example", "220 OK");
        }
    }

    @Test
    void listingsAreSortedAndScoped() throws Exception {
        session.exchange("CREATE FLOW b.flows.unix.ar");
        session.exchange("CREATE FLOW a.flows.unix.ar");
        assertThat(session.exchange("GET FLOWS flows.unix.ar")).containsExactly("220 DATA", "a.flows.unix.ar", "b.flows.unix.ar", "220 OK");
        assertThat(session.exchange("GET FLOWS nowhere.example")).containsExactly("550 No such flow namespace");
        assertThat(session.exchange("GET NAMESPACES")).containsExactly("220 DATA", "flows.unix.ar", "220 OK");
    }

    @Test
    void capabilitiesAndHelp() throws Exception {
        assertThat(session.exchange("CAPABILITIES")).containsExactly("220 DATA", "fnap=1", "auth=PLAIN",
                "brokers=memory", "processors=", "tls=none", "220 OK");
        var help = session.exchange("HELP");
        assertThat(help).contains("CREATE FLOW <flow>", "QUIT");
        assertThat(session.exchange("HELP create")).contains("CREATE FLOW <flow>");
        assertThat(session.exchange("HELP nothing")).containsExactly("501 No help for that command");
    }

    @Test
    void aBrokerOutageIs451AndLeavesNothingBehind() throws Exception {
        gateway.brokers().adapter("local").close();
        assertThat(session.exchange("CREATE FLOW down.flows.unix.ar")).containsExactly("451 Broker unavailable");
        assertThat(session.exchange("GET FLOWS")).containsExactly("220 DATA", "220 OK");
    }
}
