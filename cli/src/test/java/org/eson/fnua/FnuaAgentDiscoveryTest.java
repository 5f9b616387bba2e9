package org.eson.fnua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eson.fnap.sasl.PlainMessage;
import org.eson.fnua.FnuaRunner.Result;
import org.eson.fixtures.dns.ScriptedDnsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents configured without {@code host} and {@code port} are found through DNS (thesis 7.4):
 * {@code _flow._tcp.<namespace>} SRV, else SRV at the agent's FQDN, then A/AAAA of the target;
 * end to end against a {@link ScriptedDnsServer} and a {@link ScriptedFnapServer}.
 */
class FnuaAgentDiscoveryTest {

    private static final String FLOW = "time.flows.unix.ar";
    private static final String AUTH_LINE = PlainMessage.of("test", "test").encode();

    @TempDir
    Path home;

    private ScriptedFnapServer fnaa;
    private ScriptedDnsServer dns;

    @BeforeEach
    void setUp() throws IOException {
        fnaa = ScriptedFnapServer.start().on("CREATE FLOW " + FLOW, "220 OK " + FLOW);
    }

    @AfterEach
    void tearDown() throws IOException {
        fnaa.close();
        if (dns != null) {
            dns.close();
        }
    }

    /** The thesis's .flow.yml: no host, no port. */
    private Path config(String extra) throws IOException {
        return FnuaRunner.writePrivate(home.resolve("flow.yml"), extra + """
                agents:
                - name: fnaa-unix
                  fqdn: fnaa.unix.ar
                  username: test
                  password: test
                  prefix: unix.ar-
                namespaces:
                - name: flows.unix.ar
                  agent: fnaa-unix
                """);
    }

    private Result fnua(String... args) {
        return new FnuaRunner(home).run(args);
    }

    private List<String> received() throws InterruptedException {
        assertThat(fnaa.awaitIdle(Duration.ofSeconds(5))).isTrue();
        return fnaa.received();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void findsTheAgentThroughTheNamespaceSrvAndPrintsTheDnsTraceBeforeTheFnapLines()
            throws Exception {
        dns = ScriptedDnsServer.withRecords("unix.ar",
                "_flow._tcp.flows SRV 0 0 " + fnaa.port() + " fnaa",
                "fnaa A 127.0.0.1");
        Path config = config("");

        Result r = fnua("create", "flow", FLOW, "--config", config.toString(),
                "--nameserver", dns.address(), "-d");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Flow time.flows.unix.ar created successfully\n");
        assertThat(received()).containsExactly("AUTHENTICATE PLAIN", AUTH_LINE,
                "CREATE FLOW " + FLOW, "QUIT");
        String using = " using server " + dns.address();
        List<String> err = r.err().lines().toList();
        int srv = err.indexOf("Resolving SRV for _flow._tcp.flows.unix.ar." + using);
        int resolvedA = err.indexOf("Resolved A to 127.0.0.1 for fnaa.unix.ar." + using);
        int connect = err.indexOf("C: Connecting to 127.0.0.1:" + fnaa.port());
        assertThat(srv).as(r.err()).isNotNegative();
        assertThat(err).contains("Executing query _flow._tcp.flows.unix.ar. IN 33" + using,
                "FNAA FQDN Resolved to fnaa.unix.ar. port " + fnaa.port());
        assertThat(resolvedA).isGreaterThan(srv);
        assertThat(connect).isGreaterThan(resolvedA);
        assertThat(dns.questions()).doesNotContain("fnaa.unix.ar. SRV");
    }

    @Test
    void fallsBackToSrvAtTheAgentFqdnWithNameServersFromTheConfigFile() throws Exception {
        // The thesis's own records: fnaa.unix.ar. SRV 0 0 61000 fnaa.unix.ar.
        dns = ScriptedDnsServer.withRecords("unix.ar",
                "fnaa SRV 0 0 " + fnaa.port() + " fnaa",
                "fnaa A 127.0.0.1");
        Path config = config("nameservers: [\"" + dns.address() + "\"]\n");

        Result r = fnua("--config", config.toString(), "create", "flow", FLOW, "-d");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(received()).contains("CREATE FLOW " + FLOW);
        assertThat(dns.questions()).startsWith("_flow._tcp.flows.unix.ar. SRV",
                "fnaa.unix.ar. SRV", "fnaa.unix.ar. A");
        assertThat(r.err()).contains("Resolving SRV for fnaa.unix.ar. using server "
                + dns.address() + "\n", "C: Connecting to 127.0.0.1:" + fnaa.port());
    }

    @Test
    void getNamespacesUsesSrvAtTheFqdn() throws Exception {
        fnaa.on("GET NAMESPACES", "220 DATA", "flows.unix.ar", "220 OK");
        dns = ScriptedDnsServer.withRecords("unix.ar",
                "fnaa SRV 0 0 " + fnaa.port() + " fnaa",
                "fnaa A 127.0.0.1");
        Path config = config("");

        Result r = fnua("get", "namespaces", "--config", config.toString(),
                "--nameserver", dns.address());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("flows.unix.ar\n");
        assertThat(r.err()).as("no trace without -d").isEmpty();
        assertThat(dns.questions()).startsWith("fnaa.unix.ar. SRV");
    }

    @Test
    void fallsOverToTheNextSrvTargetWhenTheFirstDoesNotAcceptConnections() throws Exception {
        int down = closedPort();
        dns = ScriptedDnsServer.withRecords("unix.ar",
                "_flow._tcp.flows SRV 0 0 " + down + " fnaa-a",
                "_flow._tcp.flows SRV 10 0 " + fnaa.port() + " fnaa-b",
                "fnaa-a A 127.0.0.1",
                "fnaa-b A 127.0.0.1");
        Path config = config("");

        Result r = fnua("create", "flow", FLOW, "--config", config.toString(),
                "--nameserver", dns.address(), "-d");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(received()).contains("CREATE FLOW " + FLOW);
        List<String> err = r.err().lines().toList();
        int first = err.indexOf("C: Connecting to 127.0.0.1:" + down);
        int second = err.indexOf("C: Connecting to 127.0.0.1:" + fnaa.port());
        assertThat(first).as(r.err()).isNotNegative();
        assertThat(second).isGreaterThan(first);
        assertThat(fnaa.connections()).isEqualTo(1);
    }

    @Test
    void whenNoTargetAcceptsConnectionsEveryEndpointIsNamed() throws Exception {
        int downA = closedPort();
        int downB = closedPort();
        dns = ScriptedDnsServer.withRecords("unix.ar",
                "_flow._tcp.flows SRV 0 0 " + downA + " fnaa-a",
                "_flow._tcp.flows SRV 10 0 " + downB + " fnaa-b",
                "fnaa-a A 127.0.0.1",
                "fnaa-b A 127.0.0.1");
        Path config = config("");

        Result r = fnua("create", "flow", FLOW, "--config", config.toString(),
                "--nameserver", dns.address());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).startsWith("fnua: cannot connect to agent fnaa-unix at any of its 2 "
                + "endpoints (127.0.0.1:" + downA + ", 127.0.0.1:" + downB + "); last: ");
    }

    @Test
    void anAgentDnsDoesNotKnowIsAnErrorSayingWhatWasLookedUpAndHowToFixIt() throws Exception {
        dns = ScriptedDnsServer.withRecords("unix.ar", "fnaa A 127.0.0.1");
        Path config = config("");

        Result r = fnua("create", "flow", FLOW, "--config", config.toString(),
                "--nameserver", dns.address());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("fnua: cannot locate agent fnaa-unix: ")
                .contains("_flow._tcp.flows.unix.ar.", "fnaa.unix.ar.")
                .endsWith("set host/port for agent fnaa-unix or publish "
                        + "_flow._tcp.flows.unix.ar SRV\n");
        assertThat(fnaa.connections()).isZero();
    }

    @Test
    void aDnsTimeoutWhileLocatingAnAgentExitsWithThree() throws Exception {
        dns = ScriptedDnsServer.withRecords("unix.ar").silent(true);
        Path config = config("");

        Result r = fnua("create", "flow", FLOW, "--config", config.toString(),
                "--nameserver", dns.address(), "--dns-timeout", "0.2");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).startsWith("fnua: cannot locate agent fnaa-unix: DNS lookup failed ("
                + dns.address() + "): ").contains("--dns-timeout");
    }

    @Test
    void anAgentWithHostAndPortNeverAsksDns() throws Exception {
        dns = ScriptedDnsServer.withRecords("unix.ar");
        Path config = FnuaRunner.writePrivate(home.resolve("flow.yml"), """
                agents:
                - name: fnaa-unix
                  fqdn: fnaa.unix.ar
                  username: test
                  password: test
                  host: 127.0.0.1
                  port: %d
                """.formatted(fnaa.port()));

        Result r = fnua("create", "flow", FLOW, "--config", config.toString(),
                "--nameserver", dns.address());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(dns.questions()).isEmpty();
    }
}
