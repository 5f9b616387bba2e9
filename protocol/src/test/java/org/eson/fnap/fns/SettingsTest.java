package org.eson.fnap.fns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nameserver, ResolverSettings and the result records. */
class SettingsTest {

    @Test
    void parsesNameservers() {
        assertThat(Nameserver.parse("127.0.0.1:5353")).isEqualTo(new Nameserver("127.0.0.1", 5353));
        assertThat(Nameserver.parse("127.0.0.1")).isEqualTo(new Nameserver("127.0.0.1", 53));
        assertThat(Nameserver.parse("[::1]:5353")).isEqualTo(new Nameserver("::1", 5353));
        assertThat(Nameserver.parse("[::1]")).isEqualTo(new Nameserver("::1", 53));
        assertThat(Nameserver.parse("2001:db8::53")).isEqualTo(new Nameserver("2001:db8::53", 53));
        assertThat(Nameserver.parse(" NS1.Example.org.:54 ")).isEqualTo(new Nameserver("ns1.example.org", 54));
        assertThat(Nameserver.parse("[::1]:5353").toString()).isEqualTo("[::1]:5353");
        assertThat(Nameserver.parse("172.17.0.2").toString()).isEqualTo("172.17.0.2:53");
    }

    @Test
    void rejectsBadNameservers() {
        for (String bad : List.of("", ":53", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:x",
                "[::1", "[127.0.0.1]:53", "[::1]x", "bad host:53", "1:2:3")) {
            assertThatThrownBy(() -> Nameserver.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void settings() {
        ResolverSettings d = ResolverSettings.defaults();
        assertThat(d.nameservers()).isEmpty();
        assertThat(d.usesSystemNameservers()).isTrue();
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.attempts()).isEqualTo(2);
        ResolverSettings s = d.withNameservers(Nameserver.parse("127.0.0.1:5353"))
                .withTimeout(Duration.ofMillis(300)).withAttempts(3);
        assertThat(s).isEqualTo(new ResolverSettings(List.of(new Nameserver("127.0.0.1", 5353)),
                Duration.ofMillis(300), 3));
        assertThatThrownBy(() -> d.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withAttempts(11)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void records() {
        assertThat(new ServiceTarget("FNAA.Unix.AR.", 61000, 0, 0).host()).isEqualTo("fnaa.unix.ar");
        assertThat(new ServiceTarget("fnaa.unix.ar", 61000, 0, 0).address()).isEqualTo("fnaa.unix.ar:61000");
        assertThatThrownBy(() -> new ServiceTarget("x", 70000, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FnaaLocation("_flow._tcp.x", List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        QueueLocation q = new QueueLocation("_queue._flow._tcp.x", "kafka",
                List.of(new ServiceTarget("k1", 9092, 0, 0)), false, Map.of("broker-type", "kafka"));
        assertThat(q.bootstrapServers()).isEqualTo("k1:9092");
        assertThat(q.property("Broker-Type")).contains("kafka");
    }
}
