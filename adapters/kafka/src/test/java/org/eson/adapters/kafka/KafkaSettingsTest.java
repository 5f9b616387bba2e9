package org.eson.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.config.AdapterConfig;
import org.junit.jupiter.api.Test;

/** Settings, their validation and masking, and DESCRIBE's shape; no broker needed. */
class KafkaSettingsTest {

    private static KafkaSettings settings(Map<String, String> values) throws BrokerException.Fatal {
        return KafkaSettings.of(AdapterConfig.of("kf1", values));
    }

    @Test
    void providerIsServiceLoadedAsKafka() {
        assertThat(ServiceLoader.load(BrokerAdapterProvider.class).stream().map(p -> p.get().name()))
                .contains("kafka");
    }

    @Test
    void bootstrapServersIsRequired() {
        assertThatThrownBy(() -> new KafkaBrokerProvider().create(AdapterConfig.of("kf1", Map.of())))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("bootstrap.servers").hasMessageContaining("kf1");
    }

    @Test
    void malformedSettingsAreFatalAndNamed() {
        assertThatThrownBy(() -> settings(Map.of("bootstrap.servers", "h:1", "security.protocol", "TLS")))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("security.protocol");
        assertThatThrownBy(() -> settings(Map.of("bootstrap.servers", "h:1", "partitions", "0")))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("partitions");
        assertThatThrownBy(() -> settings(Map.of("bootstrap.servers", "h:1", "request.timeout", "soon")))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("request.timeout");
        assertThatThrownBy(() -> settings(Map.of("bootstrap.servers", "h:1", "retention", "-5s")))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("retention");
        assertThatThrownBy(() -> settings(Map.of("bootstrap.servers", "h:1", "client.acks", "1")))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("client.acks");
        assertThatThrownBy(() -> settings(Map.of("bootstrap.servers", "h:1", "client.enable.auto.commit", "true")))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("client.enable.auto.commit");
        assertThatThrownBy(() -> settings(Map.of("bootstrap.servers", "h:1", "client.request.timeout.ms", "100")))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("set that instead");
        assertThatThrownBy(() -> settings(Map.of("bootstrap.servers", "h:1", "client.sasl.jaas.config", "x")))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("set 'sasl.jaas.config' instead");
    }

    @Test
    void anUnresolvableBootstrapHostIsRetriableNotFatal() throws Exception {
        try (var adapter = new KafkaBrokerProvider().create(AdapterConfig.of("kf1",
                Map.of("bootstrap.servers", "kf1.no-such-host.invalid:9092")))) {
            assertThatThrownBy(adapter::checkReachable).isInstanceOf(BrokerException.Retriable.class)
                    .hasMessageContaining("kf1");
        }
    }

    @Test
    void clientPropertiesKafkaRefusesAreFatalAtCreation() {
        assertThatThrownBy(() -> new KafkaBrokerProvider().create(AdapterConfig.of("kf1",
                Map.of("bootstrap.servers", "h:1", "client.linger.ms", "soon"))))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("linger.ms");
        assertThatThrownBy(() -> new KafkaBrokerProvider().create(AdapterConfig.of("kf1",
                Map.of("bootstrap.servers", "h:1", "client.max.poll.records", "0"))))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("max.poll.records");
    }

    @Test
    void secretsAreMaskedInToString() throws Exception {
        var values = new HashMap<String, String>();
        values.put("bootstrap.servers", "kf1.unix.ar:9093");
        values.put("security.protocol", "SASL_SSL");
        values.put("sasl.mechanism", "SCRAM-SHA-512");
        values.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"gw\" password=\"hunter2\";");
        values.put("ssl.truststore.location", "/etc/eson/truststore.p12");
        values.put("ssl.truststore.password", "trust-secret");
        values.put("ssl.keystore.password", "key-secret");
        values.put("ssl.key.password", "pk-secret");
        values.put("client.basic.auth.user.info", "u:client-secret-password");
        var s = settings(values);
        String text = s.toString();
        assertThat(text).doesNotContain("hunter2", "trust-secret", "key-secret", "pk-secret", "client-secret")
                .contains("****", "ssl.truststore.location=/etc/eson/truststore.p12", "sasl.mechanism=SCRAM-SHA-512");
        try (var adapter = new KafkaBrokerAdapter(AdapterConfig.of("kf1", values))) {
            assertThat(adapter.toString()).doesNotContain("hunter2", "trust-secret", "key-secret", "pk-secret");
        }
    }

    @Test
    void securitySettingsGoToEveryClient() throws Exception {
        var s = settings(Map.of("bootstrap.servers", "h:1", "security.protocol", "sasl_ssl", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "jaas", "ssl.truststore.type", "PKCS12"));
        for (Map<String, Object> p : java.util.List.of(s.adminProperties("a"), s.producerProperties("p"), s.consumerProperties("c", "g"))) {
            assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                    .containsEntry("sasl.jaas.config", "jaas").containsEntry("ssl.truststore.type", "PKCS12")
                    .containsEntry("bootstrap.servers", "h:1");
        }
    }

    @Test
    void clientPropertiesGoOnlyToTheClientsThatKnowThem() throws Exception {
        var s = settings(Map.of("bootstrap.servers", "h:1", "client.linger.ms", "20", "client.max.poll.records", "50",
                "client.metadata.max.age.ms", "1000", "client.custom.plugin.setting", "x"));
        assertThat(s.producerProperties("p")).containsEntry("linger.ms", "20").doesNotContainKey("max.poll.records")
                .containsEntry("metadata.max.age.ms", "1000").containsEntry("custom.plugin.setting", "x");
        assertThat(s.consumerProperties("c", "g")).containsEntry("max.poll.records", "50").doesNotContainKey("linger.ms")
                .containsEntry("group.id", "g").containsEntry("enable.auto.commit", false).containsEntry("auto.offset.reset", "earliest");
        assertThat(s.adminProperties("a")).doesNotContainKeys("linger.ms", "max.poll.records").containsEntry("metadata.max.age.ms", "1000");
        assertThat(s.producerProperties("p")).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("max.in.flight.requests.per.connection", 5);
    }

    @Test
    void consumerProtocolDropsTheClientHeartbeatDefault() throws Exception {
        assertThat(settings(Map.of("bootstrap.servers", "h:1")).consumerProperties("c", "g")).containsKey("heartbeat.interval.ms");
        assertThat(settings(Map.of("bootstrap.servers", "h:1", "client.group.protocol", "consumer")).consumerProperties("c", "g"))
                .doesNotContainKey("heartbeat.interval.ms").containsEntry("group.protocol", "consumer");
    }

    @Test
    void describeShowsSecurityAndTheExternalServer() throws Exception {
        var s = settings(Map.of("bootstrap.servers", "10.0.0.5:9093", "describe.server", "kf1.unix.ar:9093",
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "secret"));
        assertThat(KafkaBrokerAdapter.description(s, "time.flows.unix.ar", 3).parameters()).containsExactly(
                Map.entry("topic", "time.flows.unix.ar"),
                Map.entry("server", "kf1.unix.ar:9093"),
                Map.entry("tls", "true"),
                Map.entry("security", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("partitions", "3"),
                Map.entry("binding", "cloudevents-kafka-binary"),
                Map.entry("key", "partitionkey"));
        assertThat(KafkaBrokerAdapter.description(settings(Map.of("bootstrap.servers", "h:1", "security.protocol", "SSL")), "t", 1)
                .parameters()).containsEntry("tls", "true").containsEntry("server", "h:1").doesNotContainKey("sasl.mechanism");
        assertThat(KafkaBrokerAdapter.description(settings(Map.of("bootstrap.servers", "h:1", "security.protocol", "SASL_PLAINTEXT")), "t", 1)
                .parameters()).containsEntry("tls", "false");
    }
}
