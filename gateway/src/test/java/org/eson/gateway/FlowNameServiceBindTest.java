package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

import org.eson.fixtures.bind9.Bind9Extension;
import org.eson.fixtures.bind9.Bind9Zone;
import org.eson.gateway.config.FnsAdvertise;
import org.eson.gateway.config.FnsSettings;
import org.eson.gateway.config.FnsZone;
import org.eson.gateway.config.GatewayConfig;
import org.eson.gateway.config.ListenerSettings;
import org.eson.gateway.config.NamespaceEntry;
import org.eson.gateway.fns.BindKeyFile;
import org.eson.gateway.fns.TsigKeySpec;
import org.eson.gateway.support.Dns;
import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;

/** The Flow Name Service against a real BIND 9: Annex B records, TSIG, refusals and outages. */
class FlowNameServiceBindTest {

    @RegisterExtension
    static final Bind9Extension BIND = Bind9Extension.withZones(Bind9Zone.updatable("unix.ar",
            "fnaa.unix.ar. 300 IN A 127.0.0.1",
            "operator.unix.ar. 300 IN TXT \"foreign\"",
            "taken.flows.unix.ar. 300 IN A 127.0.0.9"));

    @TempDir
    Path dataDir;
    Gateway gateway;
    RawSession session;

    @AfterEach
    void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        BIND.server().start();
    }

    private static GatewayConfig config(Path dataDir, Optional<TsigKeySpec> key, boolean unsigned, FnsAdvertise advertise) {
        GatewayConfig base = TestGateways.withNamespaces(TestGateways.thesisParticipant(dataDir),
                List.of(new NamespaceEntry("flows.unix.ar", "test", "local", 10_000)));
        var fns = new FnsSettings(Duration.ofSeconds(300), Duration.ofSeconds(2), advertise,
                List.of(new FnsZone("unix.ar", "127.0.0.1", BIND.server().port(), key, unsigned)),
                new ListenerSettings("127.0.0.1", 0));
        return TestGateways.withFns(base, fns);
    }

    private static Optional<TsigKeySpec> goodKey() throws Exception {
        return Optional.of(BindKeyFile.read(BIND.server().keyFile()));
    }

    private static final FnsAdvertise PLAIN = new FnsAdvertise("fnaa.unix.ar", 61000, false, 10, 20);

    private void start(GatewayConfig config) throws Exception {
        gateway = Gateway.start(config);
        session = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test");
    }

    private static List<Record> dns(String name, int type) throws Exception {
        return BIND.server().query(name, type);
    }

    private void assertNothingCreated(String flow) throws Exception {
        assertThat(session.exchange("GET FLOWS")).containsExactly("220 DATA", "220 OK");
        assertThatThrownBy(() -> gateway.brokers().adapter("local").describe(FlowSpec.of(flow)))
                .isInstanceOf(BrokerException.NoSuchResource.class);
        assertThat(BIND.server().rcode(flow, Type.PTR)).isEqualTo(Rcode.NXDOMAIN);
        assertThat(BIND.server().rcode("_flow._tcp." + flow, Type.SRV)).isEqualTo(Rcode.NXDOMAIN);
        assertThat(BIND.server().rcode("_queue._flow._tcp." + flow, Type.SRV)).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void createWritesExactlyTheAnnexBRecordsAndDeleteRemovesOnlyThem() throws Exception {
        start(config(dataDir, goodKey(), false, PLAIN));
        assertThat(session.exchange("CREATE FLOW time.flows.unix.ar")).containsExactly("220 OK time.flows.unix.ar");

        List<Record> ptr = dns("time.flows.unix.ar", Type.PTR);
        assertThat(ptr).hasSize(1);
        assertThat(((PTRRecord) ptr.get(0)).getTarget().toString()).isEqualTo("_flow._tcp.time.flows.unix.ar.");
        assertThat(ptr.get(0).getTTL()).isEqualTo(300);
        assertThat(dns("time.flows.unix.ar", Type.ANY)).hasSize(1);

        List<Record> fnaa = dns("_flow._tcp.time.flows.unix.ar", Type.SRV);
        assertThat(fnaa).hasSize(1);
        var srv = (SRVRecord) fnaa.get(0);
        assertThat(srv.getPriority()).isEqualTo(10);
        assertThat(srv.getWeight()).isEqualTo(20);
        assertThat(srv.getPort()).isEqualTo(61000);
        assertThat(srv.getTarget().toString()).isEqualTo("fnaa.unix.ar.");
        assertThat(srv.getTTL()).isEqualTo(300);
        assertThat(dns("_flow._tcp.time.flows.unix.ar", Type.TXT)).isEmpty();

        List<Record> queue = dns("_queue._flow._tcp.time.flows.unix.ar", Type.SRV);
        assertThat(queue).hasSize(1);
        var none = (SRVRecord) queue.get(0);
        assertThat(List.of(none.getPriority(), none.getWeight(), none.getPort())).containsExactly(0, 0, 0);
        assertThat(none.getTarget().toString()).isEqualTo(".");
        List<Record> txt = dns("_queue._flow._tcp.time.flows.unix.ar", Type.TXT);
        assertThat(txt).hasSize(1);
        assertThat(Dns.strings(txt.get(0))).containsExactly("broker-type=memory", "topic=time.flows.unix.ar",
                "server=memory://local", "delivery=at-least-once");
        assertThat(txt.get(0).getTTL()).isEqualTo(300);
        assertThat(gateway.metrics().scrape()).contains("eson_fns_updates_total{result=\"ok\"}")
                .contains("eson_fns_updates_total{result=\"permanent\"} 0");

        assertThat(session.exchange("DELETE FLOW time.flows.unix.ar")).containsExactly("220 OK time.flows.unix.ar");
        assertThat(BIND.server().rcode("time.flows.unix.ar", Type.ANY)).isEqualTo(Rcode.NXDOMAIN);
        assertThat(BIND.server().rcode("_flow._tcp.time.flows.unix.ar", Type.ANY)).isEqualTo(Rcode.NXDOMAIN);
        assertThat(BIND.server().rcode("_queue._flow._tcp.time.flows.unix.ar", Type.ANY)).isEqualTo(Rcode.NXDOMAIN);
        assertThat(dns("operator.unix.ar", Type.TXT)).hasSize(1);
        assertThat(dns("taken.flows.unix.ar", Type.A)).hasSize(1);
        assertThat(dns("fnaa.unix.ar", Type.A)).hasSize(1);
    }

    @Test
    void multiLabelFlowNamesAndTheNamespaceServiceRecords() throws Exception {
        start(config(dataDir, goodKey(), false, PLAIN));
        List<Record> namespace = dns("_flow._tcp.flows.unix.ar", Type.SRV);
        assertThat(namespace).hasSize(1);
        var srv = (SRVRecord) namespace.get(0);
        assertThat(List.of(srv.getPriority(), srv.getWeight(), srv.getPort())).containsExactly(10, 20, 61000);
        assertThat(srv.getTarget().toString()).isEqualTo("fnaa.unix.ar.");
        assertThat(dns("_flow._tcp.flows.unix.ar", Type.TXT)).isEmpty();
        List<Record> host = dns("fnaa.unix.ar", Type.SRV);
        assertThat(host).hasSize(1);
        assertThat(((SRVRecord) host.get(0)).getPort()).isEqualTo(61000);

        assertThat(session.exchange("CREATE FLOW notifications.calendar.flows.unix.ar"))
                .containsExactly("220 OK notifications.calendar.flows.unix.ar");
        assertThat(((PTRRecord) dns("notifications.calendar.flows.unix.ar", Type.PTR).get(0)).getTarget().toString())
                .isEqualTo("_flow._tcp.notifications.calendar.flows.unix.ar.");
        assertThat(dns("_flow._tcp.notifications.calendar.flows.unix.ar", Type.SRV)).hasSize(1);
        assertThat(dns("_queue._flow._tcp.notifications.calendar.flows.unix.ar", Type.TXT)).hasSize(1);
        assertThat(session.exchange("DELETE FLOW notifications.calendar.flows.unix.ar").get(0)).startsWith("220 OK");
        assertThat(BIND.server().rcode("notifications.calendar.flows.unix.ar", Type.PTR)).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void aTlsAdvertisementWritesTxtTls() throws Exception {
        start(config(dataDir, goodKey(), false, new FnsAdvertise("fnaa.unix.ar", 61443, true, 0, 0)));
        assertThat(Dns.strings(dns("_flow._tcp.flows.unix.ar", Type.TXT).get(0))).containsExactly("tls");
        assertThat(session.exchange("CREATE FLOW secure.flows.unix.ar")).containsExactly("220 OK secure.flows.unix.ar");
        assertThat(((SRVRecord) dns("_flow._tcp.secure.flows.unix.ar", Type.SRV).get(0)).getPort()).isEqualTo(61443);
        assertThat(Dns.strings(dns("_flow._tcp.secure.flows.unix.ar", Type.TXT).get(0))).containsExactly("tls");
        assertThat(session.exchange("DELETE FLOW secure.flows.unix.ar").get(0)).startsWith("220 OK");
        assertThat(BIND.server().rcode("_flow._tcp.secure.flows.unix.ar", Type.TXT)).isEqualTo(Rcode.NXDOMAIN);

        // Back to plaintext: the namespace's own TXT "tls" goes with the restart.
        session.close();
        gateway.close();
        start(config(dataDir, goodKey(), false, PLAIN));
        assertThat(dns("_flow._tcp.flows.unix.ar", Type.TXT)).isEmpty();
    }

    @Test
    void aWrongKeyIsRefusedAndNothingIsCreated() throws Exception {
        start(config(dataDir, Optional.of(BindKeyFile.read(BIND.server().wrongKeyFile())), false, PLAIN));
        String reply = session.exchange("CREATE FLOW wrongkey.flows.unix.ar").get(0);
        assertThat(reply).startsWith("554 Name service refused: ").contains("refused").contains("TSIG key");
        assertNothingCreated("wrongkey.flows.unix.ar");
        assertThat(gateway.metrics().scrape()).doesNotContain("eson_fns_updates_total{result=\"permanent\"} 0");
    }

    @Test
    void unsignedUpdatesAreRefusedAndNothingIsCreated() throws Exception {
        start(config(dataDir, Optional.empty(), true, PLAIN));
        String reply = session.exchange("CREATE FLOW unsigned.flows.unix.ar").get(0);
        assertThat(reply).startsWith("554 Name service refused: ").contains("REFUSED");
        assertNothingCreated("unsigned.flows.unix.ar");
    }

    @Test
    void createWhileTheNameServerIsDownIs451AndLeavesNothing() throws Exception {
        start(config(dataDir, goodKey(), false, PLAIN));
        BIND.server().stop();
        assertThat(session.exchange("CREATE FLOW outage.flows.unix.ar")).containsExactly("451 Name service unavailable");
        assertThat(session.exchange("GET FLOWS")).containsExactly("220 DATA", "220 OK");
        assertThatThrownBy(() -> gateway.brokers().adapter("local").describe(FlowSpec.of("outage.flows.unix.ar")))
                .isInstanceOf(BrokerException.NoSuchResource.class);
        var ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.httpPort() + "/observe/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("fns");
        assertThat(gateway.metrics().scrape()).doesNotContain("eson_fns_updates_total{result=\"transient\"} 0");
        BIND.server().start();
        assertThat(BIND.server().rcode("outage.flows.unix.ar", Type.ANY)).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void deleteWhileTheNameServerIsDownIs451AndTheFlowStaysWhole() throws Exception {
        start(config(dataDir, goodKey(), false, PLAIN));
        assertThat(session.exchange("CREATE FLOW keep.flows.unix.ar").get(0)).startsWith("220 OK");
        BIND.server().stop();
        assertThat(session.exchange("DELETE FLOW keep.flows.unix.ar")).containsExactly("451 Name service unavailable");
        assertThat(session.exchange("DESCRIBE FLOW keep.flows.unix.ar").get(0)).isEqualTo("220 DATA");
        assertThat(session.exchange("GET FLOWS")).containsExactly("220 DATA", "keep.flows.unix.ar", "220 OK");
        BIND.server().start();
        assertThat(dns("keep.flows.unix.ar", Type.PTR)).hasSize(1);
        assertThat(dns("_queue._flow._tcp.keep.flows.unix.ar", Type.TXT)).hasSize(1);
        assertThat(session.exchange("DELETE FLOW keep.flows.unix.ar").get(0)).startsWith("220 OK");
        assertThat(BIND.server().rcode("keep.flows.unix.ar", Type.PTR)).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void aForeignRecordAtTheFlowNameIsNeverTouched() throws Exception {
        start(config(dataDir, goodKey(), false, PLAIN));
        String reply = session.exchange("CREATE FLOW taken.flows.unix.ar").get(0);
        assertThat(reply).isEqualTo("554 Name service refused: DNS name taken.flows.unix.ar already holds records "
                + "this gateway did not write");
        List<Record> a = dns("taken.flows.unix.ar", Type.ANY);
        assertThat(a).hasSize(1).first().isInstanceOf(ARecord.class);
        assertThat(session.exchange("GET FLOWS")).containsExactly("220 DATA", "220 OK");
        assertThatThrownBy(() -> gateway.brokers().adapter("local").describe(FlowSpec.of("taken.flows.unix.ar")))
                .isInstanceOf(BrokerException.NoSuchResource.class);
    }

    @Test
    void aRestartReRegistersIdempotently() throws Exception {
        start(config(dataDir, goodKey(), false, PLAIN));
        assertThat(session.exchange("CREATE FLOW again.flows.unix.ar").get(0)).startsWith("220 OK");
        session.close();
        gateway.close();
        start(config(dataDir, goodKey(), false, PLAIN));
        assertThat(gateway.metrics().scrape()).contains("eson_fns_updates_total{result=\"permanent\"} 0")
                .contains("eson_fns_updates_total{result=\"transient\"} 0");
        assertThat(dns("again.flows.unix.ar", Type.PTR)).hasSize(1);
        assertThat(session.exchange("DELETE FLOW again.flows.unix.ar").get(0)).startsWith("220 OK");
        assertThat(BIND.server().rcode("again.flows.unix.ar", Type.PTR)).isEqualTo(Rcode.NXDOMAIN);
    }
}
