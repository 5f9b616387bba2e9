package org.eson.fnua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.eson.fnua.FnuaRunner.Result;
import org.eson.fixtures.dns.ScriptedDnsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fnua resolve} against a small authoritative server holding the records a gateway
 * publishes ({@code docs/fns.md}): the thesis's Kafka flow and an in-process memory flow.
 */
class FnuaResolveTest {

    /** The records of docs/fns.md for two flows, relative to unix.ar. */
    static final String[] ZONE = {
        "time.flows PTR _flow._tcp.time.flows",
        "_flow._tcp.time.flows SRV 0 0 61000 fnaa",
        "_queue._flow._tcp.time.flows SRV 0 0 9092 kf1",
        "_queue._flow._tcp.time.flows TXT \"broker-type=kafka\" \"topic=time.flows.unix.ar\"",
        "memory.flows PTR _flow._tcp.memory.flows",
        "_flow._tcp.memory.flows SRV 0 0 61443 fnaa",
        "_flow._tcp.memory.flows TXT \"tls\"",
        "_queue._flow._tcp.memory.flows SRV 0 0 0 .",
        "_queue._flow._tcp.memory.flows TXT \"broker-type=memory\" \"server=memory://local\" "
                + "\"topic=memory.flows.unix.ar\" \"delivery=at-least-once\"",
        "broken.flows PTR _flow._tcp.broken.flows",
        "fnaa A 127.0.0.1",
        "kf1 A 127.0.0.1",
    };

    @TempDir
    Path home;

    private ScriptedDnsServer dns;
    private String server;

    @BeforeEach
    void setUp() throws IOException {
        dns = ScriptedDnsServer.withRecords("unix.ar", ZONE);
        server = dns.address();
    }

    @AfterEach
    void tearDown() throws IOException {
        dns.close();
    }

    private Result fnua(String... args) {
        return new FnuaRunner(home).run(args);
    }

    private List<String> query(String name, int type, String... answer) {
        String using = " using server " + server;
        return List.of("Resolving " + org.xbill.DNS.Type.string(type) + " for " + name + using,
                "Executing query " + name + " IN " + type + using,
                "Executing successful: [" + String.join(", ", answer) + "]");
    }

    @Test
    void printsEveryStepInTheThesisFormatThenWhereTheFnaaAndBrokerAre() {
        Result r = fnua("resolve", "time.flows.unix.ar", "--nameserver", server);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        String using = " using server " + server;
        List<String> expected = new java.util.ArrayList<>();
        expected.addAll(query("time.flows.unix.ar.", 12,
                "time.flows.unix.ar.\t300\tIN\tPTR\t_flow._tcp.time.flows.unix.ar."));
        expected.add("Resolved PTR to _flow._tcp.time.flows.unix.ar. for time.flows.unix.ar."
                + using);
        expected.addAll(query("_flow._tcp.time.flows.unix.ar.", 33,
                "_flow._tcp.time.flows.unix.ar.\t300\tIN\tSRV\t0 0 61000 fnaa.unix.ar."));
        expected.add("Resolved SRV to fnaa.unix.ar. port 61000 for _flow._tcp.time.flows.unix.ar."
                + using);
        expected.addAll(query("_flow._tcp.time.flows.unix.ar.", 16));
        expected.addAll(query("_queue._flow._tcp.time.flows.unix.ar.", 33,
                "_queue._flow._tcp.time.flows.unix.ar.\t300\tIN\tSRV\t0 0 9092 kf1.unix.ar."));
        expected.add("Resolved SRV to kf1.unix.ar. port 9092 for "
                + "_queue._flow._tcp.time.flows.unix.ar." + using);
        expected.addAll(query("_queue._flow._tcp.time.flows.unix.ar.", 16,
                "_queue._flow._tcp.time.flows.unix.ar.\t300\tIN\tTXT\t\"broker-type=kafka\" "
                        + "\"topic=time.flows.unix.ar\""));
        expected.add("Resolved TXT to \"broker-type=kafka\" \"topic=time.flows.unix.ar\" for "
                + "_queue._flow._tcp.time.flows.unix.ar." + using);
        expected.addAll(query("fnaa.unix.ar.", 1, "fnaa.unix.ar.\t\t300\tIN\tA\t127.0.0.1"));
        expected.add("Resolved A to 127.0.0.1 for fnaa.unix.ar." + using);
        expected.addAll(query("fnaa.unix.ar.", 28));
        expected.add("Flow time.flows.unix.ar is managed by FNAA fnaa.unix.ar:61000 (tls=false) "
                + "at 127.0.0.1");
        expected.add("Events are on broker-type=kafka at kf1.unix.ar:9092 (tls=false), "
                + "topic=time.flows.unix.ar");
        assertThat(r.out().lines()).containsExactlyElementsOf(expected);
    }

    @Test
    void jsonIsTheResultOnlyAndTheTraceGoesToStderrWithDebug() {
        Result r = fnua("resolve", "flow://time.flows.unix.ar", "--nameserver", server, "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("{\"flow\":\"time.flows.unix.ar\","
                + "\"uri\":\"flow://time.flows.unix.ar\","
                + "\"fnaa\":{\"service\":\"_flow._tcp.time.flows.unix.ar\",\"tls\":false,"
                + "\"targets\":[{\"host\":\"fnaa.unix.ar\",\"port\":61000,\"priority\":0,"
                + "\"weight\":0,\"addresses\":[\"127.0.0.1\"]}]},"
                + "\"queue\":{\"service\":\"_queue._flow._tcp.time.flows.unix.ar\","
                + "\"broker-type\":\"kafka\",\"tls\":false,\"servers\":[{\"host\":\"kf1.unix.ar\","
                + "\"port\":9092,\"priority\":0,\"weight\":0}],"
                + "\"properties\":{\"broker-type\":\"kafka\",\"topic\":\"time.flows.unix.ar\"}}}\n");

        Result debug = fnua("resolve", "time.flows.unix.ar", "--nameserver", server, "--json",
                "-d");
        assertThat(debug.out()).isEqualTo(r.out());
        assertThat(debug.err()).contains("Resolving PTR for time.flows.unix.ar. using server "
                + server);
    }

    @Test
    void aBrokerWithoutHostAndPortIsDescribedByItsTxtKeys() {
        Result r = fnua("resolve", "memory.flows.unix.ar", "--nameserver", server);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).contains("Resolved TXT to \"tls\" for _flow._tcp.memory.flows.unix.ar."
                + " using server " + server);
        assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly(
                "Flow memory.flows.unix.ar is managed by FNAA fnaa.unix.ar:61443 (tls=true) "
                        + "at 127.0.0.1",
                "Events are on broker-type=memory (tls=false); broker not reachable as host:port; "
                        + "connection parameters: server=memory://local, "
                        + "topic=memory.flows.unix.ar, delivery=at-least-once");

        Result json = fnua("resolve", "memory.flows.unix.ar", "--nameserver", server, "--json");
        assertThat(json.out()).contains("\"tls\":true", "\"servers\":[]",
                "\"properties\":{\"broker-type\":\"memory\",\"server\":\"memory://local\","
                        + "\"topic\":\"memory.flows.unix.ar\",\"delivery\":\"at-least-once\"}");
    }

    @Test
    void anUnregisteredFlowExitsWithOne() {
        Result r = fnua("resolve", "nope.flows.unix.ar", "--nameserver", server);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out().lines()).endsWith("Executing failed: NXDOMAIN");
        assertThat(r.err()).isEqualTo("fnua: flow://nope.flows.unix.ar is not registered in DNS: "
                + "NXDOMAIN for nope.flows.unix.ar. PTR\n");
    }

    @Test
    void aPtrWithoutSrvIsABrokenChainNamingTheStep() {
        Result r = fnua("resolve", "broken.flows.unix.ar", "--nameserver", server);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("fnua: flow://broken.flows.unix.ar has a broken DNS "
                + "registration at _flow._tcp.broken.flows.unix.ar. SRV: PTR of "
                + "broken.flows.unix.ar. points to _flow._tcp.broken.flows.unix.ar. but it has "
                + "no SRV record");
    }

    @Test
    void aSilentNameServerTimesOutWithThree() {
        dns.silent(true);
        long start = System.nanoTime();

        Result r = fnua("resolve", "time.flows.unix.ar", "--nameserver", server,
                "--dns-timeout", "0.2");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).startsWith("fnua: DNS lookup of time.flows.unix.ar. PTR for "
                + "flow://time.flows.unix.ar timed out (name servers " + server + "): ")
                .contains("--dns-timeout");
        assertThat(System.nanoTime() - start).as("bounded by the timeout")
                .isLessThan(5_000_000_000L);
    }

    @Test
    void aServerFailureExitsWithThree() {
        dns.serverFailure(true);

        Result r = fnua("resolve", "time.flows.unix.ar", "--nameserver", server);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).startsWith("fnua: DNS lookup of time.flows.unix.ar. PTR for "
                + "flow://time.flows.unix.ar failed (name servers " + server + "): ")
                .contains("SERVFAIL");
    }

    @Test
    void nameServersComeFromTheConfigurationFileUnlessGivenOnTheCommandLine() throws IOException {
        Path config = FnuaRunner.writePrivate(home.resolve(".flow.yml"), """
                nameservers: ["%s"]
                agents:
                - name: fnaa-unix
                  fqdn: fnaa.unix.ar
                  username: test
                  password-env: UNUSED
                """.formatted(server));

        Result fromFile = fnua("resolve", "time.flows.unix.ar");
        assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
        assertThat(fromFile.out()).contains("using server " + server);

        try (ScriptedDnsServer other = ScriptedDnsServer.withRecords("unix.ar", ZONE)) {
            Result overridden = fnua("resolve", "time.flows.unix.ar", "--config",
                    config.toString(), "--nameserver", other.address());
            assertThat(overridden.exitCode()).as(overridden.toString()).isZero();
            assertThat(overridden.out()).contains("using server " + other.address())
                    .doesNotContain("using server " + server);
        }
    }

    @Test
    void needsNoConfigurationFileButRejectsABadNameServer() {
        Result bad = fnua("resolve", "time.flows.unix.ar", "--nameserver", "127.0.0.1:99999");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("fnua: invalid --nameserver '127.0.0.1:99999': ");

        Result missing = fnua("resolve", "time.flows.unix.ar", "--config",
                home.resolve("absent.yml").toString(), "--nameserver", server);
        assertThat(missing.exitCode()).as("an explicit config file must exist").isEqualTo(2);

        Result invalidName = fnua("resolve", "a_b", "--nameserver", server);
        assertThat(invalidName.exitCode()).isEqualTo(2);
        assertThat(dns.questions()).isEmpty();
    }
}
