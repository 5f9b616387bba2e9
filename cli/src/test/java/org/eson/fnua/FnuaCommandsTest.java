package org.eson.fnua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eson.fnap.sasl.PlainMessage;
import org.eson.fnua.FnuaRunner.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command end to end: {@link Main#run} against a {@link ScriptedFnapServer}, checking
 * stdout, stderr, the exit code and the lines the server received.
 */
class FnuaCommandsTest {

    private static final String USER = "test";
    private static final String PASSWORD = "S3cret-Pw.9x";
    private static final String AUTH_LINE = PlainMessage.of(USER, PASSWORD).encode();
    private static final String FLOW = "time.flows.unix.ar";

    @TempDir
    Path home;

    private ScriptedFnapServer server;
    private FnuaRunner fnua;
    private Path config;
    private final List<Result> results = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        server = ScriptedFnapServer.start().credentials(USER, PASSWORD);
        fnua = new FnuaRunner(home);
        config = FnuaRunner.writePrivate(home.resolve("flow.yml"), singleAgentConfig(server.port()));
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        // Whatever a test ran, the password must not have appeared in any output.
        for (Result r : results) {
            assertThat(r.all()).as("output of a run").doesNotContain(PASSWORD)
                    .doesNotContain(AUTH_LINE);
        }
    }

    private static String singleAgentConfig(int port) {
        return """
                agents:
                - name: fnaa-unix
                  fqdn: fnaa.unix.ar
                  username: test
                  password: %s
                  prefix: unix.ar-
                  host: 127.0.0.1
                  port: %d
                namespaces:
                - name: flows.unix.ar
                  agent: fnaa-unix
                """.formatted(PASSWORD, port);
    }

    private Result run(String... args) {
        Result r = fnua.run(args);
        results.add(r);
        return r;
    }

    private Result runWithConfig(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return run(all);
    }

    private List<String> received() throws InterruptedException {
        assertThat(server.awaitIdle(Duration.ofSeconds(5))).as("server sessions ended").isTrue();
        return server.received();
    }

    // ---- create flow ------------------------------------------------------------------------

    @Test
    void createFlowAuthenticatesRunsOneCommandAndQuits() throws Exception {
        server.on("CREATE FLOW " + FLOW, "220 OK " + FLOW);

        Result r = runWithConfig("create", "flow", FLOW);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Flow time.flows.unix.ar created successfully\n");
        assertThat(r.err()).isEmpty();
        assertThat(received()).containsExactly("AUTHENTICATE PLAIN", AUTH_LINE,
                "CREATE FLOW " + FLOW, "QUIT");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void createFlowAcceptsTheUriFormAndPrintsJson() throws Exception {
        server.on("CREATE FLOW " + FLOW, "220 OK " + FLOW);

        Result r = runWithConfig("create", "flow", "flow://Time.Flows.Unix.AR", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(
                "{\"flow\":\"time.flows.unix.ar\",\"result\":\"created\",\"agent\":\"fnaa-unix\"}\n");
        assertThat(received()).contains("CREATE FLOW " + FLOW);
    }

    @Test
    void aPermanentRefusalExitsWithOne() throws Exception {
        server.on("CREATE FLOW x.flows.unix.ar", "550 No such flow namespace");

        Result r = runWithConfig("create", "flow", "x.flows.unix.ar");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(
                "fnua: fnaa-unix refused CREATE FLOW x.flows.unix.ar: 550 No such flow namespace\n");
        // The session is still ended politely.
        assertThat(received()).endsWith("QUIT");
    }

    @Test
    void aTransientRefusalExitsWithThree() throws Exception {
        server.on("CREATE FLOW " + FLOW, "451 Broker unavailable, try again later");

        Result r = runWithConfig("create", "flow", FLOW);

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("fnua: fnaa-unix refused CREATE FLOW " + FLOW
                + ": 451 Broker unavailable, try again later\n");
    }

    @Test
    void anInvalidFlowNameIsAUsageErrorAndNeverConnects() {
        Result r = runWithConfig("create", "flow", "a_b");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("fnua: invalid flow name 'a_b': ")
                .contains("label 'a_b' contains a character other than letters, digits and hyphens")
                .hasLineCount(1);
        assertThat(server.connections()).isZero();
    }

    // ---- describe flow ----------------------------------------------------------------------

    private void scriptDescribe() {
        server.on("DESCRIBE FLOW " + FLOW, "220 DATA", "flow=" + FLOW, "type=memory",
                "topic=" + FLOW, "server=kf1.unix.ar:9092", "220 OK");
    }

    @Test
    void describeFlowPrintsTheDescriptionLikeTheThesis() throws Exception {
        scriptDescribe();

        Result r = runWithConfig("describe", "flow", FLOW);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("""
                Flow time.flows.unix.ar description:
                flow=time.flows.unix.ar
                type=memory
                topic=time.flows.unix.ar
                server=kf1.unix.ar:9092
                Flow time.flows.unix.ar described successfully
                """);
        assertThat(r.err()).isEmpty();
        assertThat(received()).containsExactly("AUTHENTICATE PLAIN", AUTH_LINE,
                "DESCRIBE FLOW " + FLOW, "QUIT");
    }

    @Test
    void descIsAnAliasAndJsonKeepsTheServerOrder() {
        scriptDescribe();

        Result r = runWithConfig("desc", "flow", FLOW, "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("{\"flow\":\"time.flows.unix.ar\",\"description\":{"
                + "\"flow\":\"time.flows.unix.ar\",\"type\":\"memory\",\"topic\":"
                + "\"time.flows.unix.ar\",\"server\":\"kf1.unix.ar:9092\"},\"agent\":\"fnaa-unix\"}\n");
    }

    @Test
    void jsonOutputEscapesWhatTheServerSends() {
        server.on("DESCRIBE FLOW " + FLOW, "220 DATA", "note=say \"hi\" \\ bye", "220 OK");

        Result r = runWithConfig("describe", "flow", FLOW, "--json");

        assertThat(r.out()).contains("\"description\":{\"note\":\"say \\\"hi\\\" \\\\ bye\"}");
    }

    @Test
    void anUnknownFlowIsRefused() {
        server.on("DESCRIBE FLOW nope.flows.unix.ar", "550 No such flow");

        Result r = runWithConfig("describe", "flow", "nope.flows.unix.ar");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(
                "fnua: fnaa-unix refused DESCRIBE FLOW nope.flows.unix.ar: 550 No such flow\n");
    }

    @Test
    void aReplyThatIsNotADataBlockIsAProtocolViolation() {
        server.on("DESCRIBE FLOW " + FLOW, "220 OK");

        Result r = runWithConfig("describe", "flow", FLOW);

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("fnua: fnaa-unix: ").containsIgnoringCase("protocol")
                .hasLineCount(1);
    }

    // ---- delete flow ------------------------------------------------------------------------

    @Test
    void deleteFlow() throws Exception {
        server.on("DELETE FLOW " + FLOW, "220 OK");

        Result r = runWithConfig("delete", "flow", FLOW);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Flow time.flows.unix.ar deleted successfully\n");
        assertThat(received()).containsExactly("AUTHENTICATE PLAIN", AUTH_LINE,
                "DELETE FLOW " + FLOW, "QUIT");

        Result json = runWithConfig("delete", "flow", FLOW, "--json");
        assertThat(json.out()).isEqualTo(
                "{\"flow\":\"time.flows.unix.ar\",\"result\":\"deleted\",\"agent\":\"fnaa-unix\"}\n");
    }

    // ---- get flows / namespaces -------------------------------------------------------------

    @Test
    void getFlowsListsOnePerLine() throws Exception {
        server.on("GET FLOWS", "220 DATA", "a.flows.unix.ar", "time.flows.unix.ar", "220 OK");
        server.on("GET FLOWS flows.unix.ar", "220 DATA", "time.flows.unix.ar", "220 OK");

        Result all = runWithConfig("get", "flows");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out()).isEqualTo("a.flows.unix.ar\ntime.flows.unix.ar\n");

        Result one = runWithConfig("get", "flows", "Flows.Unix.AR");
        assertThat(one.exitCode()).as(one.toString()).isZero();
        assertThat(one.out()).isEqualTo("time.flows.unix.ar\n");

        Result json = runWithConfig("get", "flows", "flows.unix.ar", "--json");
        assertThat(json.out()).isEqualTo("{\"agent\":\"fnaa-unix\",\"namespace\":\"flows.unix.ar\","
                + "\"flows\":[\"time.flows.unix.ar\"]}\n");
        Result jsonAll = runWithConfig("get", "flows", "--json");
        assertThat(jsonAll.out()).isEqualTo("{\"agent\":\"fnaa-unix\",\"namespace\":null,"
                + "\"flows\":[\"a.flows.unix.ar\",\"time.flows.unix.ar\"]}\n");

        assertThat(received()).containsSubsequence("GET FLOWS", "QUIT", "GET FLOWS flows.unix.ar",
                "QUIT");
    }

    @Test
    void getFlowsOfAnEmptyNamespacePrintsNothing() {
        server.on("GET FLOWS", "220 DATA", "220 OK");

        Result r = runWithConfig("get", "flows");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void getFlowsRejectsAnInvalidNamespace() {
        Result r = runWithConfig("get", "flows", "bad..name");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("fnua: invalid namespace 'bad..name': ");
        assertThat(server.connections()).isZero();
    }

    @Test
    void getNamespaces() throws Exception {
        server.on("GET NAMESPACES", "220 DATA", "flows.unix.ar", "team.unix.ar", "220 OK");

        Result r = runWithConfig("get", "namespaces");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("flows.unix.ar\nteam.unix.ar\n");
        assertThat(received()).containsExactly("AUTHENTICATE PLAIN", AUTH_LINE, "GET NAMESPACES",
                "QUIT");

        Result json = runWithConfig("get", "namespaces", "--json");
        assertThat(json.out()).isEqualTo(
                "{\"agent\":\"fnaa-unix\",\"namespaces\":[\"flows.unix.ar\",\"team.unix.ar\"]}\n");
    }

    // ---- get agents -------------------------------------------------------------------------

    @Test
    void getAgentsPrintsATableFromTheConfigWithoutNetworkOrPasswords() throws IOException {
        FnuaRunner.writePrivate(config, """
                agents:
                - name: fnaa-unix
                  fqdn: fnaa.unix.ar
                  username: test
                  password: %s
                  prefix: unix.ar-
                  host: 127.0.0.1
                  port: 61000
                - name: fnaa-emiliano
                  fqdn: fnaa.emiliano.ar
                  username: emiliano
                  password-env: EMILIANO_PW
                  tls: true
                namespaces:
                - name: flows.unix.ar
                  agent: fnaa-unix
                """.formatted(PASSWORD));

        Result r = runWithConfig("get", "agents");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("""
                NAME           FQDN              ENDPOINT         USERNAME
                fnaa-unix      fnaa.unix.ar      127.0.0.1:61000  test
                fnaa-emiliano  fnaa.emiliano.ar  (DNS SRV, tls)   emiliano
                """);
        assertThat(r.err()).isEmpty();

        Result json = runWithConfig("get", "agents", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).isEqualTo("{\"agents\":[{\"name\":\"fnaa-unix\",\"fqdn\":"
                + "\"fnaa.unix.ar\",\"host\":\"127.0.0.1\",\"port\":61000,\"discovery\":\"config\","
                + "\"tls\":false,"
                + "\"username\":\"test\",\"prefix\":\"unix.ar-\",\"namespaces\":[\"flows.unix.ar\"]},"
                + "{\"name\":\"fnaa-emiliano\",\"fqdn\":\"fnaa.emiliano.ar\",\"host\":"
                + "null,\"port\":null,\"discovery\":\"dns\",\"tls\":true,\"username\":\"emiliano\","
                + "\"prefix\":null,\"namespaces\":[]}]}\n");
        assertThat(json.out()).doesNotContain("EMILIANO_PW");
        assertThat(server.connections()).isZero();
    }

    // ---- connection failures ----------------------------------------------------------------

    @Test
    void aRefusedConnectionExitsWithThree() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        FnuaRunner.writePrivate(config, singleAgentConfig(port));

        Result r = runWithConfig("create", "flow", FLOW);

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("fnua: cannot connect to fnaa-unix at 127.0.0.1:" + port
                + ": Connection refused\n");
    }

    @Test
    void aServerThatRefusesTheSessionExitsWithThree() {
        server.greeting("421 fnaa.unix.ar Too many connections");

        Result r = runWithConfig("get", "namespaces");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("fnua: fnaa-unix at 127.0.0.1:" + server.port()
                + " refused the session: 421 fnaa.unix.ar Too many connections\n");
    }

    @Test
    void aSilentServerTimesOutWithThree() {
        server.silentOn("DESCRIBE FLOW " + FLOW);

        long start = System.nanoTime();
        Result r = runWithConfig("describe", "flow", FLOW, "--timeout", "0.5");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(3);
        // The wording after the agent's name is the protocol client's; only its gist is checked.
        assertThat(r.err()).startsWith("fnua: fnaa-unix: ").contains("500 ms", "DESCRIBE FLOW")
                .hasLineCount(1);
    }

    @Test
    void aServerThatHangsUpExitsWithThree() {
        server.hangUpOn("DELETE FLOW " + FLOW);

        Result r = runWithConfig("delete", "flow", FLOW);

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("fnua: fnaa-unix: ").containsIgnoringCase("closed")
                .hasLineCount(1);
    }

    // ---- authentication ---------------------------------------------------------------------

    @Test
    void rejectedCredentialsExitWithOne() throws Exception {
        server.credentials(USER, "another-password");

        Result r = runWithConfig("get", "namespaces");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(
                "fnua: fnaa-unix refused AUTHENTICATE PLAIN: 535 Authentication failed\n");
        assertThat(received()).doesNotContain("GET NAMESPACES");
    }

    @Test
    void thePasswordCanComeFromTheEnvironment() throws IOException {
        server.on("GET NAMESPACES", "220 DATA", "flows.unix.ar", "220 OK");
        FnuaRunner.writePrivate(config, singleAgentConfig(server.port())
                .replace("password: " + PASSWORD, "password-env: FNUA_TEST_PW"));

        Result missing = runWithConfig("get", "namespaces");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("fnua: config file " + config
                + ": agents[0] 'fnaa-unix': key 'password-env': environment variable FNUA_TEST_PW "
                + "is not set\n");
        assertThat(server.connections()).isZero();

        fnua.env("FNUA_TEST_PW", PASSWORD);
        Result ok = runWithConfig("get", "namespaces");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).isEqualTo("flows.unix.ar\n");
    }

    @Test
    void aServerEchoingTheCredentialsDoesNotPutThemOnScreen() {
        server.on("CREATE FLOW " + FLOW, "550 Unexpected " + AUTH_LINE);

        Result r = runWithConfig("-d", "create", "flow", FLOW);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("fnua: fnaa-unix refused CREATE FLOW " + FLOW
                + ": 550 Unexpected ****");
    }

    // ---- debug trace ------------------------------------------------------------------------

    @Test
    void debugPrintsTheThesisTraceOnStderrOnly() {
        server.on("CREATE FLOW " + FLOW, "220 OK " + FLOW);

        Result r = runWithConfig("create", "flow", FLOW, "-d");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Flow time.flows.unix.ar created successfully\n");
        String address = "127.0.0.1:" + server.port();
        assertThat(r.err().lines().toList()).containsSubsequence(
                "Using config file: " + config,
                "Agent selected: fnaa-unix (namespace flows.unix.ar)",
                "C: Connecting to " + address,
                "C: Got a response: 220 fnaa.unix.ar FNAA",
                "C: Sending command AUTHENTICATE PLAIN",
                "C: Wrote (20 bytes written)",
                "C: Got a response: 220 OK",
                "C: Authentication string sent: ****",
                "C: Got a response: 220 Authenticated",
                "C: Sending command CREATE FLOW " + FLOW,
                "C: Wrote (" + (("CREATE FLOW " + FLOW).length() + 2) + " bytes written)",
                "C: Server sent OK for command CREATE FLOW " + FLOW,
                "Quitting",
                "C: Sending command QUIT",
                "C: Wrote (6 bytes written)");
    }

    @Test
    void debugWorksAtEveryLevelAndWithoutItStderrStaysQuiet() {
        server.on("GET NAMESPACES", "220 DATA", "flows.unix.ar", "220 OK");

        Result quiet = runWithConfig("get", "namespaces");
        assertThat(quiet.err()).isEmpty();

        for (String[] args : List.of(
                new String[] {"-d", "get", "namespaces", "--config", config.toString()},
                new String[] {"get", "--debug", "namespaces", "--config", config.toString()},
                new String[] {"get", "namespaces", "-d", "--config=" + config})) {
            Result r = run(args);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("flows.unix.ar\n");
            assertThat(r.err()).contains("C: Sending command GET NAMESPACES");
        }
    }

    // ---- configuration through the CLI ------------------------------------------------------

    @Test
    void usesTheDefaultConfigFileInTheHomeDirectory() throws IOException {
        server.on("GET NAMESPACES", "220 DATA", "flows.unix.ar", "220 OK");

        Result missing = run("get", "namespaces");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).isEqualTo(
                "fnua: config file ~/.flow.yml not found (use --config)\n");

        FnuaRunner.writePrivate(home.resolve(".flow.yml"), singleAgentConfig(server.port()));
        Result found = run("get", "namespaces");
        assertThat(found.exitCode()).as(found.toString()).isZero();
        assertThat(found.out()).isEqualTo("flows.unix.ar\n");
    }

    @Test
    void configOptionWorksBeforeTheSubcommandInBothSpellings() {
        server.on("GET NAMESPACES", "220 DATA", "flows.unix.ar", "220 OK");

        Result equals = run("--config=" + config, "get", "namespaces");
        Result separate = run("--config", config.toString(), "--json", "get", "namespaces");

        assertThat(equals.exitCode()).as(equals.toString()).isZero();
        assertThat(equals.out()).isEqualTo("flows.unix.ar\n");
        assertThat(separate.exitCode()).as(separate.toString()).isZero();
        assertThat(separate.out()).startsWith("{\"agent\":\"fnaa-unix\"");
    }

    @Test
    void anInvalidConfigIsAUsageErrorNamingTheKey() throws IOException {
        FnuaRunner.writePrivate(config, singleAgentConfig(server.port())
                .replace("port: " + server.port(), "port: many"));

        Result r = runWithConfig("get", "namespaces");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("fnua: config file " + config + " line 8: agents[0] "
                + "'fnaa-unix': key 'port': must be a number from 1 to 65535, got 'many'\n");
    }

    @Test
    void warnsAboutAReadableConfigFileButStillRuns() throws IOException {
        assumeTrue(Files.getFileAttributeView(config, PosixFileAttributeView.class) != null,
                "POSIX permissions only");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        server.on("GET NAMESPACES", "220 DATA", "flows.unix.ar", "220 OK");

        Result r = runWithConfig("get", "namespaces");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("flows.unix.ar\n");
        assertThat(r.err()).isEqualTo("fnua: warning: config file " + config
                + " (it holds a password) is readable by group and others; restrict it with "
                + "chmod 600\n");
    }

    // ---- agent selection through the CLI ----------------------------------------------------

    @Test
    void choosesBetweenAgentsByNamespaceOrOption() throws Exception {
        try (ScriptedFnapServer emiliano = ScriptedFnapServer.start()
                .greeting("220 fnaa.emiliano.ar FNAA").credentials(USER, PASSWORD)) {
            emiliano.on("GET NAMESPACES", "220 DATA", "flows.emiliano.ar", "220 OK");
            emiliano.on("DELETE FLOW time.flows.emiliano.ar", "220 OK");
            server.on("DELETE FLOW " + FLOW, "220 OK");
            FnuaRunner.writePrivate(config, """
                    agents:
                    - {name: fnaa-unix, fqdn: fnaa.unix.ar, username: test, password: %1$s,
                       host: 127.0.0.1, port: %2$d}
                    - {name: fnaa-emiliano, fqdn: fnaa.emiliano.ar, username: test,
                       password: %1$s, host: 127.0.0.1, port: %3$d}
                    namespaces:
                    - {name: flows.unix.ar, agent: fnaa-unix}
                    - {name: flows.emiliano.ar, agent: fnaa-emiliano}
                    """.formatted(PASSWORD, server.port(), emiliano.port()));

            Result ambiguous = runWithConfig("get", "namespaces");
            assertThat(ambiguous.exitCode()).isEqualTo(2);
            assertThat(ambiguous.err()).isEqualTo("fnua: several agents are configured "
                    + "(fnaa-unix, fnaa-emiliano); use --agent NAME\n");

            Result named = runWithConfig("get", "namespaces", "--agent", "fnaa-emiliano");
            assertThat(named.exitCode()).as(named.toString()).isZero();
            assertThat(named.out()).isEqualTo("flows.emiliano.ar\n");

            assertThat(runWithConfig("delete", "flow", "time.flows.emiliano.ar").exitCode())
                    .isZero();
            assertThat(runWithConfig("delete", "flow", FLOW).exitCode()).isZero();
            assertThat(emiliano.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(emiliano.received()).contains("DELETE FLOW time.flows.emiliano.ar")
                    .doesNotContain("DELETE FLOW " + FLOW);
            assertThat(received()).contains("DELETE FLOW " + FLOW)
                    .doesNotContain("DELETE FLOW time.flows.emiliano.ar");

            Result unknown = runWithConfig("describe", "flow", "x.elsewhere.example");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).isEqualTo("fnua: no configured namespace contains flow "
                    + "x.elsewhere.example; configured namespaces: flows.unix.ar (fnaa-unix), "
                    + "flows.emiliano.ar (fnaa-emiliano); use --agent NAME\n");

            Result wrongName = runWithConfig("get", "namespaces", "--agent", "fnaa-x");
            assertThat(wrongName.exitCode()).isEqualTo(2);
            assertThat(wrongName.err()).startsWith("fnua: no agent named 'fnaa-x' in config file ");
        }
    }

    // ---- usage ------------------------------------------------------------------------------

    @Test
    void usageErrorsExitWithTwo() {
        Result unknownOption = runWithConfig("get", "flows", "--bogus");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).startsWith("fnua: Unknown option: '--bogus'")
                .contains("Try 'fnua get flows --help' for more information.");

        Result noSubcommand = run("get");
        assertThat(noSubcommand.exitCode()).isEqualTo(2);
        assertThat(noSubcommand.err()).startsWith(
                "fnua: Missing required subcommand (one of: flows, namespaces, agents, "
                        + "subscriptions, subscribers)");

        Result nothing = run();
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).startsWith(
                "fnua: Missing required subcommand (one of: create, describe, delete, get, resolve, "
                        + "subscribe, unsubscribe, revoke, publish, tail)");

        Result noFlow = runWithConfig("create", "flow");
        assertThat(noFlow.exitCode()).isEqualTo(2);
        assertThat(noFlow.err()).startsWith("fnua: Missing required parameter: 'FLOW'");

        Result badTimeout = runWithConfig("get", "agents", "--timeout", "0");
        assertThat(badTimeout.exitCode()).isEqualTo(2);
        assertThat(badTimeout.err()).contains("'0' must be more than 0");

        Result typo = run("craete", "flow", FLOW);
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).startsWith("fnua: Unmatched arguments from index 0: 'craete'")
                .contains("Did you mean: ").endsWith("Try 'fnua --help' for more information.\n");

        assertThat(server.connections()).isZero();
    }

    @Test
    void helpDocumentsTheExitCodesAndVersionWorks() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"create", "flow", "-h"},
                new String[] {"get", "flows", "--help"})) {
            Result help = run(args);
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Exit codes:", "  1   the agent refused the command",
                    "  2   usage or configuration error", "  3   connection failure");
        }
        Result version = run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("fnua (ESON) ");
    }
}
