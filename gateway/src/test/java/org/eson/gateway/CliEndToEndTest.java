package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eson.fnua.Main;
import org.eson.gateway.support.TestGateways;

/** The fnua CLI against a started gateway, over real sockets, as a user runs it. */
class CliEndToEndTest {

    @TempDir
    Path dir;
    Gateway gateway;
    Path flowYml;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateways.start(dir.resolve("data"));
        flowYml = dir.resolve("flow.yml");
        Files.writeString(flowYml, """
                agents:
                -
                  name: fnaa-unix
                  fqdn: fnaa.unix.ar
                  username: test
                  password: test
                  prefix: unix.ar-
                  host: 127.0.0.1
                  port: %d
                -
                  name: fnaa-alice
                  fqdn: fnaa.unix.ar
                  username: alice
                  password-env: ALICE_PASSWORD_NOT_SET
                  host: 127.0.0.1
                  port: %d
                namespaces:
                -
                  name: flows.unix.ar
                  agent: fnaa-unix
                """.formatted(gateway.fnapPort(), gateway.fnapPort()));
        Files.setPosixFilePermissions(flowYml, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private Run fnua(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var all = new ArrayList<String>(List.of("--config", flowYml.toString()));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void createDescribeListDelete() {
        var created = fnua("create", "flow", "time.flows.unix.ar");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Flow time.flows.unix.ar created successfully");

        var described = fnua("describe", "flow", "time.flows.unix.ar");
        assertThat(described.exitCode()).isZero();
        assertThat(described.out()).contains("Flow time.flows.unix.ar description:", "flow=time.flows.unix.ar",
                "type=memory", "topic=time.flows.unix.ar", "Flow time.flows.unix.ar described successfully");

        assertThat(fnua("get", "flows", "--agent", "fnaa-unix").out()).isEqualTo("time.flows.unix.ar\n");
        assertThat(fnua("get", "namespaces", "--agent", "fnaa-unix").out()).isEqualTo("flows.unix.ar\n");

        var deleted = fnua("delete", "flow", "time.flows.unix.ar");
        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).contains("Flow time.flows.unix.ar deleted successfully");
        assertThat(fnua("get", "flows", "flows.unix.ar").out()).isEmpty();
    }

    @Test
    void debugPrintsTheExchangeWithoutThePassword() {
        var run = fnua("-d", "create", "flow", "time.flows.unix.ar");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("C: Connecting to 127.0.0.1:" + gateway.fnapPort(),
                "C: Got a response: 220 fnaa.unix.ar FNAA",
                "C: Sending command AUTHENTICATE PLAIN",
                "C: Wrote (20 bytes written)",
                "C: Got a response: 220 Authenticated",
                "C: Sending command CREATE FLOW time.flows.unix.ar",
                "C: Server sent OK for command CREATE FLOW time.flows.unix.ar",
                "C: Sending command QUIT");
        assertThat(run.err() + run.out()).doesNotContain("AHRlc3QAdGVzdA==");
    }

    @Test
    void jsonOutput() {
        fnua("create", "flow", "time.flows.unix.ar");
        var run = fnua("--json", "describe", "flow", "time.flows.unix.ar");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("{").contains("\"flow\":\"time.flows.unix.ar\"").contains("\"type\":\"memory\"");
    }

    @Test
    void refusalsAndFailuresExitNonZeroWithOneClearMessage() {
        var missing = fnua("describe", "flow", "missing.flows.unix.ar");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("550 No such flow");

        var invalid = fnua("create", "flow", "bad_name.flows.unix.ar");
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.err()).contains("bad_name");

        var noPassword = fnua("get", "flows", "--agent", "fnaa-alice");
        assertThat(noPassword.exitCode()).isEqualTo(2);
        assertThat(noPassword.err()).contains("ALICE_PASSWORD_NOT_SET");

        gateway.close();
        var down = fnua("get", "flows", "--agent", "fnaa-unix");
        assertThat(down.exitCode()).isEqualTo(3);
        assertThat(down.err()).contains("cannot connect");
    }
}
