package org.eson.fnua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.eson.adapters.memory.MemoryBrokerAdapter;
import org.eson.fnua.FnuaRunner.Result;
import org.eson.spi.FlowDescription;
import org.eson.spi.FlowSpec;
import org.eson.spi.config.AdapterConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fnua publish} and {@code fnua tail}: the scripted agent describes a flow of a memory
 * broker of this JVM, and fnua reaches that broker through the memory adapter's
 * {@code attach}, as it would reach Kafka through the Kafka adapter.
 */
class FnuaPublishTailTest {

    private static final String PASSWORD = "Pub-Pw.31z";
    private static final String FLOW = "time.flows.unix.ar";

    @TempDir
    Path home;

    private ScriptedFnapServer server;
    private MemoryBrokerAdapter broker;
    private FnuaRunner fnua;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        server = ScriptedFnapServer.start().credentials("test", PASSWORD);
        broker = new MemoryBrokerAdapter(AdapterConfig.of("cli-test", Map.of()), Clock.systemUTC());
        FlowDescription created = broker.create(FlowSpec.of(FLOW));
        describeAs(FLOW, "memory", created.get(FlowDescription.TOPIC), broker.server());
        fnua = new FnuaRunner(home);
        config = FnuaRunner.writePrivate(home.resolve("flow.yml"), """
                agents:
                - name: fnaa-unix
                  fqdn: fnaa.unix.ar
                  username: test
                  password: %s
                  host: 127.0.0.1
                  port: %d
                namespaces:
                - name: flows.unix.ar
                  agent: fnaa-unix
                """.formatted(PASSWORD, server.port()));
    }

    @AfterEach
    void tearDown() throws IOException {
        broker.close();
        server.close();
    }

    private void describeAs(String flow, String type, String topic, String brokerServer) {
        server.on("DESCRIBE FLOW " + flow, "220 DATA", "flow=" + flow, "type=" + type,
                "topic=" + topic, "server=" + brokerServer, "tls=false",
                "delivery=at-least-once", "220 OK");
    }

    private Result run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        Result r = fnua.run(all);
        assertThat(r.all()).doesNotContain(PASSWORD);
        return r;
    }

    @Test
    void publishedEventsArriveAtTail() {
        Result published = run("publish", FLOW, "--id", "e-1", "--type", "ar.unix.time.tick",
                "--source", "/clock", "--data", "12:00 UTC", "--key", "clock-1");
        assertThat(published.exitCode()).as(published.toString()).isZero();
        assertThat(published.out()).isEqualTo("Event e-1 published to flow " + FLOW + "\n");

        Result tail = run("tail", FLOW, "--count", "1", "--timeout", "10");

        assertThat(tail.exitCode()).as(tail.toString()).isZero();
        assertThat(tail.out()).matches("e-1 ar\\.unix\\.time\\.tick /clock \\S+Z "
                + "text/plain;%20charset=utf-8 12:00 UTC\n");
        assertThat(server.received()).contains("DESCRIBE FLOW " + FLOW);
    }

    @Test
    void tailPrintsJsonAndAcksSoTheGroupDoesNotSeeEventsTwice() throws IOException {
        Path file = Files.write(home.resolve("data.bin"), new byte[] {0, (byte) 0xff, 1});
        assertThat(run("publish", FLOW, "--id", "b-1", "--data-file", file.toString(),
                "--key", "k", "--json").out())
                .isEqualTo("{\"flow\":\"" + FLOW + "\",\"id\":\"b-1\",\"result\":\"published\","
                        + "\"agent\":\"fnaa-unix\"}\n");
        assertThat(run("publish", FLOW, "--id", "t-2", "--data", "{\"n\":2}",
                "--content-type", "application/json").exitCode()).isZero();

        Result first = run("tail", FLOW, "--group", "g", "--count", "1", "--json", "--timeout", "5");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).startsWith("{\"specversion\":\"1.0\",\"id\":\"b-1\","
                + "\"type\":\"org.eson.fnua.event\",\"source\":\"/fnua\",\"time\":")
                .contains("\"datacontenttype\":\"application/octet-stream\"",
                        "\"partitionkey\":\"k\"", "\"data_base64\":\"AP8B\"")
                .endsWith("}\n");
        assertThat(first.out().lines()).hasSize(1);

        Result second = run("tail", FLOW, "--group", "g", "--count", "1", "--timeout", "5");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).startsWith("t-2 ").endsWith(" application/json {\"n\":2}\n");

        // The memory broker keeps events only until every group settled them; binary data in a
        // text line is base64.
        assertThat(run("publish", FLOW, "--id", "b-3", "--data-file", file.toString())
                .exitCode()).isZero();
        Result base64 = run("tail", FLOW, "--group", "g", "--count", "1", "--timeout", "5");
        assertThat(base64.exitCode()).as(base64.toString()).isZero();
        assertThat(base64.out()).startsWith("b-3 org.eson.fnua.event /fnua ")
                .endsWith(" application/octet-stream base64:AP8B\n");
    }

    @Test
    void tailTimesOutWithFewerEventsThanCounted() {
        Result r = run("tail", FLOW, "--count", "1", "--timeout", "0.5");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("fnua: timed out after 0.5 s with 0 of 1 events from flow "
                + FLOW + "\n");
    }

    @Test
    void aMemoryFlowOfAnotherProcessCannotBeReached() {
        describeAs(FLOW, "memory", FLOW, "memory://elsewhere-42");

        for (String[] args : List.of(new String[] {"publish", FLOW, "--data", "x"},
                new String[] {"tail", FLOW, "--count", "1", "--timeout", "5"})) {
            Result r = run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("fnua: cannot attach to the memory broker of flow "
                    + FLOW + ": memory broker memory://elsewhere-42 is in another process; "
                    + "memory flows cannot be shared across processes\n");
        }
    }

    @Test
    void anUnknownBrokerTypeIsRefused() {
        describeAs(FLOW, "carrier-pigeon", FLOW, "coop:1");

        Result r = run("publish", FLOW, "--data", "x");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("fnua: no adapter for broker type 'carrier-pigeon' is "
                + "installed (installed: ").contains("memory").contains("kafka");
    }

    @Test
    void aRefusedDescribeIsReportedLikeDescribeFlow() {
        server.on("DESCRIBE FLOW " + FLOW, "550 No such flow");

        Result r = run("tail", FLOW, "--timeout", "5");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("fnua: fnaa-unix refused DESCRIBE FLOW " + FLOW
                + ": 550 No such flow\n");
    }

    @Test
    void dataAndDataFileExcludeEachOther() {
        Result r = run("publish", FLOW, "--data", "x", "--data-file", "y");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("fnua: give --data or --data-file, not both\n");
        assertThat(server.connections()).isZero();
    }
}
