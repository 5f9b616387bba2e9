package org.eson.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.eson.fixtures.kafka.KafkaBrokerExtension;
import org.eson.gateway.config.BrokerEntry;
import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;

/**
 * A namespace on a real Kafka broker: CREATE FLOW makes a topic, DESCRIBE says enough for a
 * plain kafka-clients producer and consumer to use it, DELETE FLOW removes it.
 */
class KafkaNamespaceTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    @TempDir
    Path dataDir;
    Gateway gateway;
    RawSession session;

    @BeforeEach
    void start() throws Exception {
        var kafka = new BrokerEntry("local", "kafka", Map.of("bootstrap.servers", KAFKA.broker().bootstrapServers()));
        gateway = Gateway.start(TestGateways.withBrokers(TestGateways.thesisParticipant(dataDir), List.of(kafka)));
        session = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test");
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
        gateway.close();
    }

    private Map<String, String> describe(String flow) throws Exception {
        List<String> reply = session.exchange("DESCRIBE FLOW " + flow);
        assertThat(reply.get(0)).isEqualTo("220 DATA");
        assertThat(reply.get(reply.size() - 1)).isEqualTo("220 OK");
        var parameters = new LinkedHashMap<String, String>();
        for (String line : reply.subList(1, reply.size() - 1)) {
            int eq = line.indexOf('=');
            parameters.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return parameters;
    }

    @Test
    void describedParametersAreEnoughForPlainKafkaClients() throws Exception {
        String flow = "k" + UUID.randomUUID().toString().substring(0, 8) + ".flows.unix.ar";
        assertThat(session.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);
        assertThat(KAFKA.broker().admin().listTopics().names().get()).contains(flow);

        Map<String, String> described = describe(flow);
        assertThat(described).containsEntry("flow", flow).containsEntry("type", "kafka")
                .containsEntry("topic", flow).containsEntry("tls", "false");
        assertThat(described.keySet()).startsWith("flow", "type", "topic", "server");

        CloudEvent event = CloudEventBuilder.v1()
                .withId("evt-1").withSource(URI.create("urn:test:kafka-namespace")).withType("test.time")
                .withTime(OffsetDateTime.parse("2026-12-03T12:00:00Z"))
                .withDataContentType("text/plain").withData("twelve o'clock".getBytes(StandardCharsets.UTF_8))
                .build();
        var producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, described.get("server"));
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<String, CloudEvent>(producerProps, new StringSerializer(), new CloudEventSerializer())) {
            producer.send(new ProducerRecord<>(described.get("topic"), event)).get();
        }

        var consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, described.get("server"));
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "plain-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var received = new ArrayList<CloudEvent>();
        try (var consumer = new KafkaConsumer<String, CloudEvent>(consumerProps, new StringDeserializer(), new CloudEventDeserializer())) {
            consumer.subscribe(List.of(described.get("topic")));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> received.add(record.value()));
            }
        }
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getId()).isEqualTo("evt-1");
        assertThat(received.get(0).getType()).isEqualTo("test.time");
        assertThat(new String(received.get(0).getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("twelve o'clock");

        assertThat(session.exchange("DELETE FLOW " + flow)).containsExactly("220 OK " + flow);
        assertThat(KAFKA.broker().admin().listTopics().names().get()).doesNotContain(flow);
        assertThat(session.exchange("DESCRIBE FLOW " + flow)).containsExactly("550 No such flow");
    }

    @Test
    void capabilitiesListTheKafkaBroker() throws Exception {
        assertThat(session.exchange("CAPABILITIES")).contains("brokers=kafka");
    }
}
