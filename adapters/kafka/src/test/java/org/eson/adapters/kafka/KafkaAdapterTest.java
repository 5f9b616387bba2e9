package org.eson.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eson.fixtures.kafka.KafkaBroker;
import org.eson.fixtures.kafka.KafkaBrokerExtension;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.eson.spi.config.AdapterConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the TCK does not check: the Kafka binding on the wire, offsets, topic settings, failure mapping. */
@ExtendWith(HeapReport.class)
class KafkaAdapterTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    private KafkaBroker broker;
    private BrokerAdapter adapter;
    private Admin admin;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        broker = KAFKA.broker();
        adapter = new KafkaTckSubject(broker).newAdapter();
        admin = broker.admin();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        adapter.close();
        admin.close();
    }

    @Test
    void binaryModePutsAttributesInHeadersAndDataInTheValue() throws Exception {
        FlowSpec flow = newFlow();
        adapter.create(flow);
        byte[] data = "{\"gate\":12}".getBytes(StandardCharsets.UTF_8);
        CloudEvent event = CloudEventBuilder.v1().withId("bin-1").withSource(URI.create("urn:test")).withType("t.binary")
                .withSubject("s").withData("application/json", data).build();
        publish(flow, event);

        ConsumerRecord<String, byte[]> record = readRaw(flow).getFirst();
        assertThat(header(record, "ce_id")).isEqualTo("bin-1");
        assertThat(header(record, "ce_source")).isEqualTo("urn:test");
        assertThat(header(record, "ce_type")).isEqualTo("t.binary");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_subject")).isEqualTo("s");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(record.value()).isEqualTo(data);
        assertThat(record.key()).isNull();
    }

    @Test
    void anEventWithoutDataIsAnEmptyValueNotATombstone() throws Exception {
        FlowSpec flow = newFlow();
        adapter.create(flow);
        publish(flow, event("no-data"));
        ConsumerRecord<String, byte[]> record = readRaw(flow).getFirst();
        assertThat(header(record, "ce_id")).isEqualTo("no-data");
        assertThat(record.value()).isEmpty();
    }

    @Test
    void partitionKeyIsTheRecordKeyAndStaysOnTheEvent() throws Exception {
        FlowSpec flow = newFlow(Map.of("partitions", "3"));
        adapter.create(flow);
        CloudEvent event = CloudEventBuilder.v1().withId("key-1").withSource(URI.create("urn:test")).withType("t.key")
                .withExtension("partitionkey", "flight-AR1140").build();
        publish(flow, event);

        ConsumerRecord<String, byte[]> record = readRaw(flow).getFirst();
        assertThat(record.key()).isEqualTo("flight-AR1140");
        assertThat(header(record, "ce_partitionkey")).isEqualTo("flight-AR1140");

        EventSource source = source(flow, "key-group");
        Delivery d = pollOne(source);
        assertThat(d.event().getExtension("partitionkey")).isEqualTo("flight-AR1140");
        d.ack();
    }

    @Test
    void structuredModeRecordsAreAcceptedWithEveryAttribute() throws Exception {
        FlowSpec flow = newFlow();
        adapter.create(flow);
        String json = """
                {"specversion":"1.0","id":"struct-1","source":"https://example.com/src","type":"t.structured",
                 "subject":"sub","time":"2024-05-06T07:08:09.123Z","datacontenttype":"application/json",
                 "dataschema":"https://example.com/schema","myext":"value","partitionkey":"pk",
                 "data":{"flight":"AR1140"}}""";
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<String, byte[]>(flow.flow(), "pk", json.getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/cloudevents+json; charset=utf-8".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
        EventSource source = source(flow, "structured");
        CloudEvent e = pollOne(source).event();
        assertThat(e.getId()).isEqualTo("struct-1");
        assertThat(e.getSource()).isEqualTo(URI.create("https://example.com/src"));
        assertThat(e.getType()).isEqualTo("t.structured");
        assertThat(e.getSubject()).isEqualTo("sub");
        assertThat(e.getTime()).isEqualTo(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 123_000_000, ZoneOffset.UTC));
        assertThat(e.getDataContentType()).isEqualTo("application/json");
        assertThat(e.getDataSchema()).isEqualTo(URI.create("https://example.com/schema"));
        assertThat(e.getExtension("myext")).isEqualTo("value");
        assertThat(e.getExtension("partitionkey")).isEqualTo("pk");
        assertThat(new String(e.getData().toBytes(), StandardCharsets.UTF_8)).isEqualToIgnoringWhitespace("{\"flight\":\"AR1140\"}");
    }

    @Test
    void recordsThatAreNotCloudEventsAreSkipped() throws Exception {
        FlowSpec flow = newFlow();
        adapter.create(flow);
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(flow.flow(), "garbage".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
        publish(flow, event("after-garbage"));
        EventSource source = source(flow, "garbage");
        Delivery d = pollOne(source);
        assertThat(d.event().getId()).isEqualTo("after-garbage");
        d.ack();
        source.poll(1, Duration.ofMillis(100));
        assertThat(committed(flow, "garbage")).isEqualTo(2);
    }

    @Test
    void outOfOrderAcksCommitOnlyTheContiguousPrefix() throws Exception {
        FlowSpec flow = newFlow();
        adapter.create(flow);
        for (int i = 0; i < 5; i++) {
            publish(flow, event("offset-" + i));
        }
        String group = "prefix-" + UUID.randomUUID();
        EventSource source = source(flow, group);
        List<Delivery> got = pollN(source, 5);
        assertThat(got).extracting(d -> d.event().getId()).containsExactly("offset-0", "offset-1", "offset-2", "offset-3", "offset-4");

        got.get(0).ack();
        got.get(1).ack();
        got.get(3).ack(); // 2 is not acknowledged: nothing past it may be committed
        got.get(4).ack();
        assertThat(source.poll(10, Duration.ofMillis(200))).isEmpty();
        assertThat(committed(flow, group)).isEqualTo(2);

        got.get(2).ack();
        assertThat(source.poll(10, Duration.ofMillis(200))).isEmpty();
        assertThat(committed(flow, group)).isEqualTo(5);
    }

    @Test
    void closeCommitsWhatWasAcknowledged() throws Exception {
        FlowSpec flow = newFlow();
        adapter.create(flow);
        publish(flow, event("c-0"));
        publish(flow, event("c-1"));
        String group = "close-" + UUID.randomUUID();
        try (EventSource source = adapter.openSource(flow, new SourceSettings(group))) {
            List<Delivery> got = pollN(source, 2);
            got.get(0).ack(); // acked after the last poll: close applies it
        }
        assertThat(committed(flow, group)).isEqualTo(1);
    }

    @Test
    void nackRedeliversWithDeliveryCountTwo() throws Exception {
        FlowSpec flow = newFlow();
        adapter.create(flow);
        publish(flow, event("nack-0"));
        publish(flow, event("nack-1"));
        String group = "nack-" + UUID.randomUUID();
        EventSource source = source(flow, group);
        List<Delivery> first = pollN(source, 2);
        assertThat(first).extracting(Delivery::deliveryCount).containsExactly(1, 1);
        first.get(1).ack();
        first.get(0).nack();

        Delivery again = pollOne(source);
        assertThat(again.event().getId()).isEqualTo("nack-0");
        assertThat(again.deliveryCount()).isEqualTo(2);
        // nack-1 was acknowledged: the rewind does not deliver it again.
        again.ack();
        assertThat(source.poll(10, Duration.ofMillis(300))).isEmpty();
        assertThat(committed(flow, group)).isEqualTo(2);
        // Settling a stale delivery does nothing.
        first.get(0).ack();
        first.get(0).nack();
        assertThat(source.poll(10, Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void createAppliesPartitionsRetentionAndReplicationOptions() throws Exception {
        FlowSpec flow = newFlow(Map.of("partitions", "3", "retention", "2h", "replication-factor", "1"));
        var description = adapter.create(flow);
        assertThat(description.parameters()).containsEntry("partitions", "3");

        var topic = admin.describeTopics(List.of(flow.flow())).allTopicNames().get().get(flow.flow());
        assertThat(topic.partitions()).hasSize(3);
        assertThat(topic.partitions().getFirst().replicas()).hasSize(1);
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, flow.flow());
        var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo(String.valueOf(Duration.ofHours(2).toMillis()));

        FlowSpec iso = newFlow(Map.of("retention", "PT30S"));
        adapter.create(iso);
        var isoResource = new ConfigResource(ConfigResource.Type.TOPIC, iso.flow());
        assertThat(admin.describeConfigs(List.of(isoResource)).all().get().get(isoResource)
                .get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("30000");
    }

    @Test
    void adapterDefaultsApplyWhenTheFlowHasNoOptions() throws Exception {
        var settings = new HashMap<>(KafkaTckSubject.minimalSettings(broker));
        settings.put("partitions", "2");
        settings.put("retention", "1d");
        try (BrokerAdapter withDefaults = new KafkaBrokerProvider().create(AdapterConfig.of("defaults", settings))) {
            FlowSpec flow = newFlow();
            assertThat(withDefaults.create(flow).parameters()).containsEntry("partitions", "2");
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, flow.flow());
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo(String.valueOf(Duration.ofDays(1).toMillis()));
            withDefaults.delete(flow);
        }
    }

    @Test
    void badFlowOptionsFailCreateWithFatal() {
        assertThatThrownBy(() -> adapter.create(newFlow(Map.of("partitions", "zero"))))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("partitions");
        assertThatThrownBy(() -> adapter.create(newFlow(Map.of("retention", "soon"))))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("retention");
        assertThatThrownBy(() -> adapter.create(newFlow(Map.of("replication-factor", "3"))))
                .as("more replicas than brokers").isInstanceOf(BrokerException.Fatal.class);
        assertThatThrownBy(() -> adapter.create(FlowSpec.of("not a topic")))
                .isInstanceOf(BrokerException.Fatal.class);
    }

    @Test
    void describeHasTheThesisShape() throws Exception {
        var settings = new HashMap<>(KafkaTckSubject.minimalSettings(broker));
        settings.put("describe.server", "kf1.unix.ar:9092");
        try (BrokerAdapter thesis = new KafkaBrokerProvider().create(AdapterConfig.of("kf1", settings))) {
            FlowSpec flow = FlowSpec.of("time.flows.unix.ar");
            thesis.create(flow);
            try {
                assertThat(thesis.describe(flow).parameters()).containsExactly(
                        Map.entry("topic", "time.flows.unix.ar"),
                        Map.entry("server", "kf1.unix.ar:9092"),
                        Map.entry("tls", "false"),
                        Map.entry("security", "PLAINTEXT"),
                        Map.entry("partitions", "1"),
                        Map.entry("binding", "cloudevents-kafka-binary"),
                        Map.entry("key", "partitionkey"));
            } finally {
                thesis.delete(flow);
            }
        }
    }

    @Test
    void checkReachableIsRetriableWhileTheBrokerIsDown() throws Exception {
        var settings = new HashMap<>(KafkaTckSubject.minimalSettings(broker));
        settings.put("request.timeout", "2s");
        try (BrokerAdapter quick = new KafkaBrokerProvider().create(AdapterConfig.of("down", settings))) {
            quick.checkReachable();
            broker.stop();
            try {
                long started = System.nanoTime();
                assertThatThrownBy(quick::checkReachable).isInstanceOf(BrokerException.Retriable.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                assertThatThrownBy(() -> quick.describe(FlowSpec.of("down.flows.example")))
                        .isInstanceOf(BrokerException.Retriable.class);
            } finally {
                broker.start();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    quick.checkReachable();
                    break;
                } catch (BrokerException.Retriable e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
            }
        }
    }

    @Test
    void operationsAfterCloseAreRetriableAndSinksAfterTheirCloseFatal() throws Exception {
        FlowSpec flow = newFlow();
        adapter.create(flow);
        EventSink sink = adapter.openSink(flow);
        sink.close();
        assertThat(sink.publish(event("late"))).failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().havingCause().isInstanceOf(BrokerException.Fatal.class);
        EventSource source = adapter.openSource(flow, new SourceSettings("closed"));
        source.close();
        assertThatThrownBy(() -> source.poll(1, Duration.ZERO)).isInstanceOf(BrokerException.Fatal.class);
        adapter.delete(flow);
        adapter.close();
        adapter.close();
        assertThatThrownBy(adapter::checkReachable).isInstanceOf(BrokerException.Retriable.class);
        assertThatThrownBy(() -> adapter.describe(flow)).isInstanceOf(BrokerException.Retriable.class);
    }

    @Test
    void sinksAndSourcesOfAMissingFlowFailWithNoSuchResource() {
        FlowSpec flow = newFlow();
        assertThatThrownBy(() -> adapter.openSink(flow)).isInstanceOf(BrokerException.NoSuchResource.class);
        assertThatThrownBy(() -> adapter.openSource(flow, new SourceSettings("g"))).isInstanceOf(BrokerException.NoSuchResource.class);
    }

    @Test
    void closeWakesABlockedPoll() throws Exception {
        FlowSpec flow = newFlow();
        adapter.create(flow);
        EventSource source = adapter.openSource(flow, new SourceSettings("wake"));
        var failure = new java.util.concurrent.CompletableFuture<Throwable>();
        Thread poller = Thread.ofPlatform().start(() -> {
            try {
                source.poll(1, Duration.ofMinutes(1));
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        Thread.sleep(500);
        long started = System.nanoTime();
        source.close();
        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(BrokerException.Fatal.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        poller.join(5000);
    }

    // ------------------------------------------------------------------ helpers

    private static FlowSpec newFlow() {
        return newFlow(Map.of());
    }

    private static FlowSpec newFlow(Map<String, String> options) {
        return new FlowSpec("kafka-" + UUID.randomUUID().toString().substring(0, 8) + ".flows.example", options);
    }

    private static CloudEvent event(String id) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create("urn:test")).withType("t").build();
    }

    private void publish(FlowSpec flow, CloudEvent event) throws Exception {
        try (EventSink sink = adapter.openSink(flow)) {
            sink.publish(event).get(30, TimeUnit.SECONDS);
        }
    }

    private EventSource source(FlowSpec flow, String group) throws BrokerException {
        EventSource source = adapter.openSource(flow, new SourceSettings(group));
        toClose.add(source);
        return source;
    }

    private static Delivery pollOne(EventSource source) throws Exception {
        return pollN(source, 1).getFirst();
    }

    private static List<Delivery> pollN(EventSource source, int n) throws Exception {
        var got = new ArrayList<Delivery>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(source.poll(n - got.size(), Duration.ofMillis(500)));
        }
        assertThat(got).as("deliveries").hasSize(n);
        return got;
    }

    private List<ConsumerRecord<String, byte[]>> readRaw(FlowSpec flow) {
        var out = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "raw-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(flow.flow()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        assertThat(out).as("raw records").isNotEmpty();
        return out;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The group's committed offset of partition 0, -1 when none. */
    private long committed(FlowSpec flow, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        OffsetAndMetadata o = offsets.get(new TopicPartition(flow.flow(), 0));
        return o == null ? -1 : o.offset();
    }
}
