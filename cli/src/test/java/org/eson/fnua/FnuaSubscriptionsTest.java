package org.eson.fnua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eson.fnap.sasl.PlainMessage;
import org.eson.fnua.FnuaRunner.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subscription commands ({@code subscribe}, {@code unsubscribe}, {@code get subscriptions},
 * {@code get subscribers}, {@code revoke}) against a {@link ScriptedFnapServer} speaking the
 * replies of {@code docs/fnap.md} section 4.5.
 */
class FnuaSubscriptionsTest {

    private static final String USER = "test";
    private static final String PASSWORD = "Sub-Pw.77q";
    private static final String AUTH_LINE = PlainMessage.of(USER, PASSWORD).encode();
    private static final String REMOTE = "time.flows.unix.ar";
    private static final String LOCAL = "emiliano.ar-time.flows.unix.ar";
    private static final String COPY = "ksdj898.time.flows.unix.ar";
    private static final String SUBSCRIBE = "SUBSCRIBE " + REMOTE + " LOCAL " + LOCAL;

    @TempDir
    Path home;

    private ScriptedFnapServer server;
    private FnuaRunner fnua;

    @BeforeEach
    void setUp() throws IOException {
        server = ScriptedFnapServer.start().credentials(USER, PASSWORD);
        fnua = new FnuaRunner(home);
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
    }

    /**
     * The thesis's PoC: fnaa-emiliano (prefix emiliano.ar-) answers for the namespace that holds
     * emiliano.ar-time.flows.unix.ar (its greeting even says fnaa.unix.ar).
     */
    private Path thesisPocConfig() throws IOException {
        return FnuaRunner.writePrivate(home.resolve("flow.yml"), """
                agents:
                - name: fnaa-emiliano
                  fqdn: fnaa.emiliano.ar
                  username: test
                  password: %s
                  prefix: emiliano.ar-
                  host: 127.0.0.1
                  port: %d
                namespaces:
                - name: flows.unix.ar
                  agent: fnaa-emiliano
                """.formatted(PASSWORD, server.port()));
    }

    /** The thesis's section 7.3 file: two agents, each with its own namespace. */
    private Path twoAgentConfig() throws IOException {
        return FnuaRunner.writePrivate(home.resolve("two.yml"), """
                agents:
                - name: fnaa-unix
                  fqdn: fnaa.unix.ar
                  username: test
                  password: %1$s
                  prefix: unix.ar-
                  host: 127.0.0.1
                  port: %2$d
                - name: fnaa-emiliano
                  fqdn: fnaa.emiliano.ar
                  username: test
                  password: %1$s
                  prefix: emiliano.ar-
                  host: 127.0.0.1
                  port: %2$d
                namespaces:
                - name: flows.unix.ar
                  agent: fnaa-unix
                - name: flows.emiliano.ar
                  agent: fnaa-emiliano
                """.formatted(PASSWORD, server.port()));
    }

    private Result run(String... args) {
        Result r = fnua.run(args);
        assertThat(r.all()).doesNotContain(PASSWORD).doesNotContain(AUTH_LINE);
        return r;
    }

    private List<String> received() throws InterruptedException {
        assertThat(server.awaitIdle(Duration.ofSeconds(5))).isTrue();
        return server.received();
    }

    // ---- subscribe ---------------------------------------------------------------------------

    @Test
    void subscribeWithTheThesisDefaultLocalFlowPrintsTheThesisLines() throws Exception {
        Path config = thesisPocConfig();
        server.on(SUBSCRIBE, "220 DATA", LOCAL + " SUBSCRIBED TO " + COPY, "220 OK");

        Result r = run("--config=" + config, "subscribe", REMOTE, "--agent", "fnaa-emiliano");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Flow " + LOCAL + " subscription created successfully\n"
                + "Server responded: " + LOCAL + " SUBSCRIBED TO " + COPY + "\n");
        assertThat(r.err()).isEmpty();
        assertThat(received()).containsExactly("AUTHENTICATE PLAIN", AUTH_LINE, SUBSCRIBE, "QUIT");
    }

    @Test
    void subscribeChoosesTheOnlyAgentWhosePrefixFitsWithoutAgentOption() throws Exception {
        Path config = thesisPocConfig();
        server.on(SUBSCRIBE, "220 DATA", LOCAL + " SUBSCRIBED TO " + COPY, "220 OK");

        Result r = run("subscribe", REMOTE, "--config", config.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(received()).contains(SUBSCRIBE);
    }

    @Test
    void subscribeDebugPrintsTheThesisTrace() throws Exception {
        Path config = thesisPocConfig();
        server.on(SUBSCRIBE, "220 DATA", LOCAL + " SUBSCRIBED TO " + COPY, "220 OK");

        Result r = run("--config=" + config, "subscribe", REMOTE, "-d", "--agent",
                "fnaa-emiliano");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Flow " + LOCAL + " subscription created successfully\n"
                + "Server responded: " + LOCAL + " SUBSCRIBED TO " + COPY + "\n");
        assertThat(r.err().lines().toList()).containsSubsequence(
                "Using config file: " + config,
                "Subscribe to flow",
                "Agent selected: fnaa-emiliano (--agent fnaa-emiliano)",
                "C: Connecting to 127.0.0.1:" + server.port(),
                "C: Got a response: 220 fnaa.unix.ar FNAA",
                "Authenticating with PLAIN mechanism",
                "C: Sending command AUTHENTICATE PLAIN",
                "C: Wrote (20 bytes written)",
                "Authenticated",
                "Executing command " + SUBSCRIBE,
                "C: Sending command " + SUBSCRIBE,
                "C: Wrote (67 bytes written)",
                "C: Server sent OK for command " + SUBSCRIBE,
                "Quitting",
                "C: Sending command QUIT",
                "C: Wrote (6 bytes written)",
                "Connection closed");
    }

    @Test
    void subscribeWithLocalSelectsTheAgentOfTheLocalFlow() throws Exception {
        Path config = twoAgentConfig();
        String local = "time.flows.emiliano.ar";
        String command = "SUBSCRIBE " + REMOTE + " LOCAL " + local;
        server.on(command, "220 DATA", local + " SUBSCRIBED TO " + COPY, "220 OK");

        Result r = run("subscribe", "flow://" + REMOTE, "--local", local, "--config",
                config.toString(), "-d");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Flow " + local + " subscription created successfully\n"
                + "Server responded: " + local + " SUBSCRIBED TO " + COPY + "\n");
        assertThat(r.err()).contains("Agent selected: fnaa-emiliano (namespace flows.emiliano.ar)");
        assertThat(received()).contains(command);
    }

    @Test
    void subscribeAcceptsTheBareCopyFormOfTheThesisTelnetTranscript() throws Exception {
        Path config = thesisPocConfig();
        server.on(SUBSCRIBE, "220 DATA", COPY, "220 OK");

        Result r = run("subscribe", REMOTE, "--config", config.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).endsWith("Server responded: " + LOCAL + " SUBSCRIBED TO " + COPY + "\n");
    }

    @Test
    void subscribeWithoutAFittingPrefixAsksForLocal() throws Exception {
        Path config = twoAgentConfig();

        Result r = run("subscribe", REMOTE, "--agent", "fnaa-emiliano", "--config",
                config.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("fnua: cannot choose the local flow for " + REMOTE + ": '"
                + LOCAL + "' is not a flow inside the namespaces of agent fnaa-emiliano "
                + "(flows.emiliano.ar); give it with --local FLOW\n");
        assertThat(server.connections()).isZero();

        // Without --agent, the agent whose prefix does fit is chosen: fnaa-unix.
        String own = "unix.ar-" + REMOTE;
        server.on("SUBSCRIBE " + REMOTE + " LOCAL " + own, "220 DATA",
                own + " SUBSCRIBED TO " + COPY, "220 OK");
        Result chosen = run("subscribe", REMOTE, "--config", config.toString());
        assertThat(chosen.exitCode()).as(chosen.toString()).isZero();
        assertThat(chosen.out()).startsWith("Flow " + own + " subscription created successfully");
    }

    @Test
    void subscribeWithoutAnyFittingAgentAsksForLocalOrAgent() throws Exception {
        Path config = twoAgentConfig();

        Result r = run("subscribe", "a.flows.example.com", "--config", config.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("fnua: no agent's prefix gives a local flow for "
                + "a.flows.example.com inside its namespaces; use --local FLOW (several agents");
        assertThat(server.connections()).isZero();
    }

    @Test
    void subscribePrintsJson() throws Exception {
        Path config = thesisPocConfig();
        server.on(SUBSCRIBE, "220 DATA", LOCAL + " SUBSCRIBED TO " + COPY, "220 OK");

        Result r = run("subscribe", REMOTE, "--json", "--config", config.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("{\"flow\":\"" + REMOTE + "\",\"local\":\"" + LOCAL
                + "\",\"copy\":\"" + COPY + "\",\"result\":\"subscribed\",\"agent\":"
                + "\"fnaa-emiliano\"}\n");
    }

    @Test
    void subscribeErrorsMapToExitCodes() throws Exception {
        Path config = thesisPocConfig();
        List<String[]> cases = List.of(
                new String[] {"550 No such flow", "1"},
                new String[] {"550 No such flow (not in the flow name service)", "1"},
                new String[] {"550 No such flow namespace", "1"},
                new String[] {"553 Flow already subscribed", "1"},
                new String[] {"535 Remote FNAA refused authentication", "1"},
                new String[] {"451 Remote FNAA unavailable: connection refused", "3"},
                new String[] {"451 Name service unavailable", "3"});
        for (String[] c : cases) {
            server.on(SUBSCRIBE, c[0]);
            Result r = run("subscribe", REMOTE, "--config", config.toString());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(Integer.parseInt(c[1]));
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("fnua: fnaa-emiliano refused " + SUBSCRIBE + ": "
                    + c[0] + "\n");
        }
        assertThat(received()).endsWith("QUIT");
    }

    @Test
    void subscribeRejectsAMalformedReply() throws Exception {
        Path config = thesisPocConfig();
        server.on(SUBSCRIBE, "220 OK");

        Result r = run("subscribe", REMOTE, "--config", config.toString());

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("fnua: fnaa-emiliano: The agent sent no subscription in "
                + "its reply to " + SUBSCRIBE);
    }

    // ---- unsubscribe, revoke -----------------------------------------------------------------

    @Test
    void unsubscribeSendsUnsubscribe() throws Exception {
        Path config = thesisPocConfig();
        server.on("UNSUBSCRIBE " + LOCAL, "220 OK " + LOCAL);

        Result r = run("unsubscribe", LOCAL, "--config", config.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Flow " + LOCAL + " unsubscribed successfully\n");

        Result json = run("unsubscribe", LOCAL, "--json", "--config", config.toString());
        assertThat(json.out()).isEqualTo("{\"flow\":\"" + LOCAL
                + "\",\"result\":\"unsubscribed\",\"agent\":\"fnaa-emiliano\"}\n");
        assertThat(received()).contains("UNSUBSCRIBE " + LOCAL);

        server.on("UNSUBSCRIBE " + LOCAL, "550 No such subscription");
        Result refused = run("unsubscribe", LOCAL, "--config", config.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("fnua: fnaa-emiliano refused UNSUBSCRIBE " + LOCAL
                + ": 550 No such subscription\n");
    }

    @Test
    void revokeSendsRevoke() throws Exception {
        Path config = twoAgentConfig();
        server.on("REVOKE " + COPY, "220 OK " + COPY);

        Result r = run("revoke", COPY, "--config", config.toString(), "-d");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Flow " + COPY + " revoked successfully\n");
        assertThat(r.err()).contains("Agent selected: fnaa-unix (namespace flows.unix.ar)");

        Result json = run("revoke", COPY, "--json", "--config", config.toString());
        assertThat(json.out()).isEqualTo("{\"flow\":\"" + COPY
                + "\",\"result\":\"revoked\",\"agent\":\"fnaa-unix\"}\n");

        server.on("REVOKE " + COPY, "550 No such flow");
        Result refused = run("revoke", COPY, "--config", config.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("fnua: fnaa-unix refused REVOKE " + COPY
                + ": 550 No such flow\n");
        assertThat(received()).contains("REVOKE " + COPY);
    }

    // ---- get subscriptions, get subscribers --------------------------------------------------

    @Test
    void getSubscriptionsListsTheLinesAndParsesThemAsJson() throws Exception {
        Path config = twoAgentConfig();
        String line1 = LOCAL + " SUBSCRIBED TO " + COPY + " state=active remote=" + REMOTE;
        String line2 = "b.flows.emiliano.ar SUBSCRIBED TO x1.b.flows.unix.ar state=revoked "
                + "remote=b.flows.unix.ar";
        server.on("GET SUBSCRIPTIONS", "220 DATA", line1, line2, "220 OK");

        Result r = run("get", "subscriptions", "--agent", "fnaa-emiliano", "--config",
                config.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(line1 + "\n" + line2 + "\n");

        Result json = run("get", "subscriptions", "--agent", "fnaa-emiliano", "--json",
                "--config", config.toString());
        assertThat(json.out()).isEqualTo("{\"agent\":\"fnaa-emiliano\",\"subscriptions\":["
                + "{\"local\":\"" + LOCAL + "\",\"copy\":\"" + COPY + "\",\"state\":\"active\","
                + "\"remote\":\"" + REMOTE + "\"},"
                + "{\"local\":\"b.flows.emiliano.ar\",\"copy\":\"x1.b.flows.unix.ar\","
                + "\"state\":\"revoked\",\"remote\":\"b.flows.unix.ar\"}]}\n");

        Result noAgent = run("get", "subscriptions", "--config", config.toString());
        assertThat(noAgent.exitCode()).isEqualTo(2);
        assertThat(noAgent.err()).contains("use --agent NAME");
    }

    @Test
    void getSubscribersListsTheCopiesOfAFlow() throws Exception {
        Path config = twoAgentConfig();
        String line = COPY + " COPY OF " + REMOTE + " FOR emiliano state=active";
        server.on("GET SUBSCRIBERS " + REMOTE, "220 DATA", line, "220 OK");
        server.on("GET SUBSCRIBERS", "220 DATA", "220 OK");

        Result r = run("get", "subscribers", REMOTE, "--config", config.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(line + "\n");

        Result json = run("get", "subscribers", REMOTE, "--json", "--config", config.toString());
        assertThat(json.out()).isEqualTo("{\"agent\":\"fnaa-unix\",\"flow\":\"" + REMOTE
                + "\",\"subscribers\":[{\"copy\":\"" + COPY + "\",\"flow\":\"" + REMOTE
                + "\",\"account\":\"emiliano\",\"state\":\"active\"}]}\n");

        Result all = run("get", "subscribers", "--agent", "fnaa-unix", "--json", "--config",
                config.toString());
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out()).isEqualTo(
                "{\"agent\":\"fnaa-unix\",\"flow\":null,\"subscribers\":[]}\n");

        server.on("GET SUBSCRIBERS " + REMOTE, "550 No such flow");
        Result refused = run("get", "subscribers", REMOTE, "--config", config.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(received()).contains("GET SUBSCRIBERS " + REMOTE, "GET SUBSCRIBERS");
    }

    @Test
    void anUnknownListingLineIsKeptRawInJson() throws Exception {
        Path config = thesisPocConfig();
        server.on("GET SUBSCRIPTIONS", "220 DATA", "something new", "220 OK");

        Result json = run("get", "subscriptions", "--json", "--config", config.toString());

        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out()).isEqualTo("{\"agent\":\"fnaa-emiliano\",\"subscriptions\":["
                + "{\"line\":\"something new\"}]}\n");
    }
}
