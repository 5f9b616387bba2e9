package org.eson.gateway.fns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import org.eson.fnap.name.FlowName;
import org.eson.spi.FlowDescription;

/** The Annex B layout for a broker reachable as host:port, as the thesis's Kafka example. */
class FlowRecordsTest {

    private static final FnaaEndpoint FNAA = new FnaaEndpoint("fnaa.unix.ar", 61000, false, 30, 30);

    private static List<Record> ofType(FlowRecords records, int type, String owner) {
        return records.records().stream().filter(r -> r.getType() == type && r.getName().toString().equals(owner)).toList();
    }

    @Test
    void kafkaStyleDescriptionBecomesQueueSrvAndTxt() throws Exception {
        var description = FlowDescription.builder().put("topic", "time.flows.unix.ar")
                .put("server", "kf1.unix.ar:9092, kf2.unix.ar:9093").put("tls", "true").put("group", "g1").build();
        var records = FlowRecords.of(new FlowName("time.flows.unix.ar"), "kafka", description, FNAA, 875);
        var queue = ofType(records, Type.SRV, "_queue._flow._tcp.time.flows.unix.ar.");
        assertThat(queue).hasSize(2);
        assertThat(queue.stream().map(r -> ((SRVRecord) r).getTarget() + ":" + ((SRVRecord) r).getPort()))
                .containsExactly("kf1.unix.ar.:9092", "kf2.unix.ar.:9093");
        assertThat(((SRVRecord) queue.get(0)).getPriority()).isEqualTo(30);
        var txt = ofType(records, Type.TXT, "_queue._flow._tcp.time.flows.unix.ar.");
        assertThat(((TXTRecord) txt.get(0)).getStrings())
                .containsExactly("broker-type=kafka", "tls", "topic=time.flows.unix.ar", "group=g1");
        assertThat(records.records()).allMatch(r -> r.getTTL() == 875);
        assertThat(records.records()).hasSize(5);
    }

    @Test
    void aServerThatIsNotHostPortStaysInTheTxt() throws Exception {
        var description = FlowDescription.builder().put("server", "10.0.0.1:9092").build();
        var records = FlowRecords.of(new FlowName("x.flows.unix.ar"), "kafka", description, FNAA, 300);
        var queue = (SRVRecord) ofType(records, Type.SRV, "_queue._flow._tcp.x.flows.unix.ar.").get(0);
        assertThat(queue.getTarget().toString()).isEqualTo(".");
        assertThat(((TXTRecord) ofType(records, Type.TXT, "_queue._flow._tcp.x.flows.unix.ar.").get(0)).getStrings())
                .containsExactly("broker-type=kafka", "server=10.0.0.1:9092");
    }

    @Test
    void aParameterTooLongForTxtFailsPermanently() {
        var description = FlowDescription.builder().put("topic", "t".repeat(250)).build();
        assertThatThrownBy(() -> FlowRecords.of(new FlowName("x.flows.unix.ar"), "memory", description, FNAA, 300))
                .isInstanceOfSatisfying(FnsException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("topic").hasMessageContaining("255");
    }

    @Test
    void zonesMatchLabelWise() {
        assertThat(Zones.zoneOf("a.flows.unix.ar", List.of("unix.ar", "flows.unix.ar"))).contains("flows.unix.ar");
        assertThat(Zones.zoneOf("xunix.ar", List.of("unix.ar"))).isEmpty();
        assertThat(Zones.zoneOf("unix.ar", List.of("unix.ar"))).contains("unix.ar");
        assertThat(Zones.uncovered(List.of("flows.unix.ar", "flows.other.org"), List.of("unix.ar")))
                .containsExactly("flows.other.org");
    }
}
