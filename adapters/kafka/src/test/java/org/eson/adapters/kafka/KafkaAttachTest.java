package org.eson.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eson.spi.BrokerException;
import org.eson.spi.FlowDescription;
import org.eson.spi.FlowSpec;
import org.junit.jupiter.api.Test;

/** {@link KafkaBrokerProvider#attach}: settings from a remote DESCRIBE; no broker needed (the TCK's RemoteAttach uses one). */
class KafkaAttachTest {

    /** The thesis's DESCRIBE of a Kafka flow, as participant A's gateway shows it. */
    private static FlowDescription thesis(Map<String, String> extra) {
        var p = new LinkedHashMap<String, String>();
        p.put("flow", "time.flows.unix.ar");
        p.put("type", "kafka");
        p.put("topic", "unix-ar.time");
        p.put("server", "kf1.unix.ar:9092");
        p.put("tls", "false");
        p.put("security", "PLAINTEXT");
        p.put("partitions", "3");
        p.put("binding", KafkaBrokerAdapter.BINDING);
        p.put("key", "partitionkey");
        p.putAll(extra);
        return new FlowDescription(p);
    }

    private static KafkaSettings attachedSettings(FlowDescription d, Map<String, String> credentials) throws Exception {
        try (var adapter = (KafkaBrokerAdapter) new KafkaBrokerProvider().attach("peer-a", d, credentials)) {
            return adapter.settings();
        }
    }

    @Test
    void settingsComeFromTheDescriptionPlusCredentials() throws Exception {
        KafkaSettings s = attachedSettings(thesis(Map.of("security", "SASL_SSL", "tls", "true", "sasl.mechanism", "SCRAM-SHA-512")),
                Map.of("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"b\" password=\"p\";"));
        assertThat(s.bootstrapServers()).isEqualTo("kf1.unix.ar:9092");
        assertThat(s.describedServer()).isEqualTo("kf1.unix.ar:9092");
        assertThat(s.securityProtocol()).isEqualTo("SASL_SSL");
        assertThat(s.saslMechanism()).contains("SCRAM-SHA-512");
        assertThat(s.producerProperties("x")).containsEntry("sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"b\" password=\"p\";");
        assertThat(s.toString()).doesNotContain("password=").contains("sasl.jaas.config=****");
    }

    @Test
    void withoutSecurityTlsDecides() throws Exception {
        var noSecurity = new LinkedHashMap<>(thesis(Map.of()).parameters());
        noSecurity.remove("security");
        assertThat(attachedSettings(new FlowDescription(noSecurity), Map.of()).securityProtocol()).isEqualTo("PLAINTEXT");
        noSecurity.put("tls", "true");
        assertThat(attachedSettings(new FlowDescription(noSecurity), Map.of()).securityProtocol()).isEqualTo("SSL");
        assertThat(attachedSettings(new FlowDescription(noSecurity), Map.of("security.protocol", "SASL_SSL")).securityProtocol())
                .as("credentials may supply what DESCRIBE does not say").isEqualTo("SASL_SSL");
    }

    @Test
    void onlyTheDescribedFlowIsServedAndNothingIsProvisioned() throws Exception {
        try (var adapter = new KafkaBrokerProvider().attach("peer-a", thesis(Map.of()), Map.of())) {
            assertThat(adapter.type()).isEqualTo("kafka");
            assertThatThrownBy(() -> adapter.openSink(FlowSpec.of("other.flows.unix.ar")))
                    .isInstanceOf(BrokerException.NoSuchResource.class);
            assertThatThrownBy(() -> adapter.create(FlowSpec.of("time.flows.unix.ar"))).isInstanceOf(BrokerException.Fatal.class)
                    .hasMessageContaining("attached");
            assertThatThrownBy(() -> adapter.delete(FlowSpec.of("time.flows.unix.ar"))).isInstanceOf(BrokerException.Fatal.class);
        }
    }

    @Test
    void unusableDescriptionsAndCredentialsAreFatal() {
        var provider = new KafkaBrokerProvider();
        var noServer = new LinkedHashMap<>(thesis(Map.of()).parameters());
        noServer.remove("server");
        assertThatThrownBy(() -> provider.attach("peer-a", new FlowDescription(noServer), Map.of()))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("'server'");
        var noTopic = new LinkedHashMap<>(thesis(Map.of()).parameters());
        noTopic.remove("topic");
        assertThatThrownBy(() -> provider.attach("peer-a", new FlowDescription(noTopic), Map.of()))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("'topic'");
        assertThatThrownBy(() -> provider.attach("peer-a", thesis(Map.of("type", "memory")), Map.of()))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("type=memory");
        assertThatThrownBy(() -> provider.attach("peer-a", thesis(Map.of("binding", "cloudevents-kafka-structured")), Map.of()))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("binding");
        assertThatThrownBy(() -> provider.attach("peer-a", thesis(Map.of()), Map.of("bootstrap.servers", "elsewhere:9092")))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> provider.attach("peer-a", thesis(Map.of()), Map.of("security.protocol", "SSL")))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("security.protocol");
        assertThatThrownBy(() -> provider.attach("peer-a", thesis(Map.of("topic", "bad topic")), Map.of()))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("bad topic");
    }
}
