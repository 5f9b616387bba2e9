package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

import org.eson.gateway.config.ConfigurationException;
import org.eson.gateway.config.FnsAdvertise;
import org.eson.gateway.config.FnsSettings;
import org.eson.gateway.config.FnsZone;
import org.eson.gateway.config.ListenerSettings;
import org.eson.gateway.support.Dns;
import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;

/** The embedded development name server, as the default configuration uses it. */
class EmbeddedFnsTest {

    @TempDir
    Path dataDir;
    Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Dns dns() {
        return Dns.udp(gateway.fnsPort().orElseThrow());
    }

    @Test
    void flowsAndTheNamespaceAnswerOnTheEmbeddedPort() throws Exception {
        gateway = TestGateways.start(dataDir);
        int fnap = gateway.fnapPort();
        try (var session = RawSession.connect(fnap).greetAndAuthenticate("test", "test")) {
            assertThat(session.exchange("CREATE FLOW time.flows.unix.ar")).containsExactly("220 OK time.flows.unix.ar");
        }
        Message ptr = dns().ask("time.flows.unix.ar", Type.PTR);
        assertThat(ptr.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(((PTRRecord) ptr.getSection(1).get(0)).getTarget().toString()).isEqualTo("_flow._tcp.time.flows.unix.ar.");
        var srv = (SRVRecord) dns().query("_flow._tcp.time.flows.unix.ar", Type.SRV).get(0);
        assertThat(srv.getPort()).isEqualTo(fnap);
        assertThat(srv.getTarget().toString()).isEqualTo("fnaa.unix.ar.");
        assertThat(Dns.strings(dns().query("_queue._flow._tcp.time.flows.unix.ar", Type.TXT).get(0)))
                .containsExactly("broker-type=memory", "topic=time.flows.unix.ar", "server=memory://local",
                        "delivery=at-least-once");
        assertThat(((SRVRecord) dns().query("_flow._tcp.flows.unix.ar", Type.SRV).get(0)).getPort()).isEqualTo(fnap);
        assertThat(((SRVRecord) Dns.tcp(gateway.fnsPort().get()).query("fnaa.unix.ar", Type.SRV).get(0)).getPort())
                .isEqualTo(fnap);
        assertThat(((ARecord) dns().query("fnaa.unix.ar", Type.A).get(0)).getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(dns().rcode("nothing.flows.unix.ar", Type.A)).isEqualTo(Rcode.NXDOMAIN);
        Message nodata = dns().ask("time.flows.unix.ar", Type.A);
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(1)).isEmpty();
        assertThat(nodata.getSection(2)).hasSize(1);
        assertThat(dns().rcode("elsewhere.example.com", Type.A)).isEqualTo(Rcode.REFUSED);

        try (var session = RawSession.connect(fnap).greetAndAuthenticate("test", "test")) {
            assertThat(session.exchange("DELETE FLOW time.flows.unix.ar")).containsExactly("220 OK time.flows.unix.ar");
        }
        assertThat(dns().rcode("time.flows.unix.ar", Type.PTR)).isEqualTo(Rcode.NXDOMAIN);
        assertThat(dns().rcode("_queue._flow._tcp.time.flows.unix.ar", Type.TXT)).isEqualTo(Rcode.NXDOMAIN);
        assertThat(gateway.metrics().scrape()).contains("eson_fns_updates_total{result=\"transient\"} 0")
                .contains("eson_fns_updates_total{result=\"permanent\"} 0");
    }

    @Test
    void aRestartReRegistersEveryFlow() throws Exception {
        gateway = TestGateways.start(dataDir);
        try (var session = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test")) {
            assertThat(session.exchange("CREATE FLOW notifications.calendar.flows.unix.ar").get(0)).startsWith("220 OK");
        }
        gateway.close();
        gateway = TestGateways.start(dataDir);
        assertThat(dns().query("notifications.calendar.flows.unix.ar", Type.PTR)).hasSize(1);
        assertThat(dns().query("_queue._flow._tcp.notifications.calendar.flows.unix.ar", Type.SRV)).hasSize(1);
    }

    @Test
    void startUpRefusesNamespacesOutsideEveryZone() {
        var fns = new FnsSettings(Duration.ofSeconds(300), Duration.ofSeconds(1),
                new FnsAdvertise("fnaa.unix.ar", 0, false, 0, 0),
                List.of(new FnsZone("unix.ar", "127.0.0.1", 53, Optional.empty(), true)),
                new ListenerSettings("127.0.0.1", 0));
        assertThatThrownBy(() -> Gateway.start(TestGateways.withFns(TestGateways.thesisParticipant(dataDir), fns)))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.problems()).containsExactly("namespaces in no configured fnaa.fns.zones entry: flows.alice.example"));
    }

    @Test
    void updatePrerequisitesAreEnforced() throws Exception {
        gateway = TestGateways.start(dataDir);
        var resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
        resolver.setPort(gateway.fnsPort().orElseThrow());
        resolver.setTCP(true);
        Name zone = Name.fromString("flows.unix.ar.");
        Name name = Name.fromString("x.flows.unix.ar.");
        var record = new ARecord(name, DClass.IN, 60, InetAddress.getByName("127.0.0.7"));

        var add = new Update(zone);
        add.absent(name);
        add.add(record);
        assertThat(resolver.send(add).getRcode()).isEqualTo(Rcode.NOERROR);
        var again = new Update(zone);
        again.absent(name);
        again.add(record);
        assertThat(resolver.send(again).getRcode()).isEqualTo(Rcode.YXDOMAIN);

        var wrongValue = new Update(zone);
        wrongValue.present(new ARecord(name, DClass.IN, 0, InetAddress.getByName("127.0.0.8")));
        wrongValue.delete(record);
        assertThat(resolver.send(wrongValue).getRcode()).isEqualTo(Rcode.NXRRSET);
        assertThat(dns().query("x.flows.unix.ar", Type.A)).hasSize(1);

        var notOurs = new Update(Name.fromString("example.com."));
        notOurs.add(new ARecord(Name.fromString("a.example.com."), DClass.IN, 60, InetAddress.getByName("127.0.0.1")));
        assertThat(resolver.send(notOurs).getRcode()).isEqualTo(Rcode.NOTAUTH);

        var wholeName = new Update(zone);
        wholeName.delete(name);
        assertThat(resolver.send(wholeName).getRcode()).isEqualTo(Rcode.REFUSED);

        var remove = new Update(zone);
        remove.present(name);
        remove.present(new ARecord(name, DClass.IN, 0, InetAddress.getByName("127.0.0.7")));
        remove.delete(record);
        assertThat(resolver.send(remove).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(dns().rcode("x.flows.unix.ar", Type.A)).isEqualTo(Rcode.NXDOMAIN);
        assertThat(List.of(dns().rcode("flows.unix.ar", Type.SOA))).containsExactly(Rcode.NOERROR);
    }
}
