package org.eson.fnua;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eson.fixtures.bind9.Bind9Extension;
import org.eson.fixtures.bind9.Bind9Zone;
import org.eson.fnua.FnuaRunner.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fnua resolve} against a real BIND 9 serving the docs/fns.md records of the thesis's
 * flow. Skipped (loudly) where BIND 9 is not installed.
 */
class FnuaResolveBind9Test {

    @RegisterExtension
    static final Bind9Extension BIND = Bind9Extension.withZones(Bind9Zone.updatable("unix.ar",
            "time.flows.unix.ar. 300 IN PTR _flow._tcp.time.flows.unix.ar.",
            "_flow._tcp.time.flows.unix.ar. 300 IN SRV 0 0 61000 fnaa.unix.ar.",
            "_queue._flow._tcp.time.flows.unix.ar. 300 IN SRV 0 0 9092 kf1.unix.ar.",
            "_queue._flow._tcp.time.flows.unix.ar. 300 IN TXT \"broker-type=kafka\" "
                    + "\"topic=time.flows.unix.ar\"",
            "fnaa.unix.ar. 300 IN A 127.0.0.1",
            "kf1.unix.ar. 300 IN A 127.0.0.1"));

    @TempDir
    Path home;

    @Test
    void resolvesTheThesisFlowFromBind() {
        String server = BIND.server().host() + ":" + BIND.server().port();

        Result r = new FnuaRunner(home).run("resolve", "time.flows.unix.ar",
                "--nameserver", server);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines()).startsWith(
                "Resolving PTR for time.flows.unix.ar. using server " + server,
                "Executing query time.flows.unix.ar. IN 12 using server " + server);
        assertThat(r.out().lines()).contains(
                "Resolved SRV to fnaa.unix.ar. port 61000 for _flow._tcp.time.flows.unix.ar."
                        + " using server " + server,
                "Resolved A to 127.0.0.1 for fnaa.unix.ar. using server " + server);
        assertThat(r.out().lines()).endsWith(
                "Flow time.flows.unix.ar is managed by FNAA fnaa.unix.ar:61000 (tls=false) "
                        + "at 127.0.0.1",
                "Events are on broker-type=kafka at kf1.unix.ar:9092 (tls=false), "
                        + "topic=time.flows.unix.ar");

        Result missing = new FnuaRunner(home).run("resolve", "nope.flows.unix.ar",
                "--nameserver", server);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith(
                "fnua: flow://nope.flows.unix.ar is not registered in DNS: ");
    }
}
