package org.eson.adapters.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eson.spi.FlowDescription;
import org.eson.tck.NativeProbe;

/**
 * What a participant would write with nothing but a DESCRIBE reply: a plain Kafka producer and
 * consumer with the CloudEvents Kafka binding, configured from {@code server}, {@code topic},
 * {@code security} (and {@code key}: the extension that becomes the record key). No adapter code.
 */
final class KafkaNativeProbe implements NativeProbe {

    private final List<AutoCloseable> open = new ArrayList<>();

    @Override
    public void publish(FlowDescription description, CloudEvent event) throws Exception {
        var p = description.parameters();
        var serializer = new CloudEventSerializer();
        serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, "BINARY"), false);
        try (var producer = new KafkaProducer<String, CloudEvent>(Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, p.get("server"),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, p.getOrDefault("security", "PLAINTEXT"),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serializer)) {
            String key = Optional.ofNullable(p.get("key")).map(event::getExtension).map(Object::toString).orElse(null);
            producer.send(new ProducerRecord<>(p.get("topic"), key, event)).get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public List<CloudEvent> consume(FlowDescription description, String group, int count, Duration timeout) {
        var p = description.parameters();
        var out = new ArrayList<CloudEvent>();
        try (var consumer = new KafkaConsumer<String, CloudEvent>(Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, p.get("server"),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, p.getOrDefault("security", "PLAINTEXT"),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new CloudEventDeserializer())) {
            consumer.subscribe(List.of(p.get("topic")));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                // Kafka does not call the value deserializer for a null value (an event without data
                // from a producer that writes none): read such a record from its headers.
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value() != null ? r.value()
                        : KafkaMessageFactory.createReader(r.headers(), null).toEvent()));
            }
        }
        return out.size() > count ? out.subList(0, count) : out;
    }

    @Override
    public void close() {
        // Each call opens and closes its own clients.
    }
}
