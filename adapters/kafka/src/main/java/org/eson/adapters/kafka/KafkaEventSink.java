package org.eson.adapters.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eson.spi.BrokerException;
import org.eson.spi.Events;
import org.eson.spi.bridge.EventSink;

/**
 * Publishes to one topic with its own idempotent producer ({@code acks=all},
 * {@code enable.idempotence=true}, at most 5 requests in flight, so retries neither duplicate nor
 * reorder). Events are written in the CloudEvents Kafka binding's binary mode: attributes and
 * extensions as {@code ce_*} headers, data as the record value, {@code content-type} from
 * {@code datacontenttype}. The record key is the event's {@code partitionkey} extension (which
 * stays on the event as {@code ce_partitionkey}), so events of a key share a partition and keep
 * their order; events without it are spread by Kafka's default partitioner.
 */
final class KafkaEventSink implements EventSink {

    private static final System.Logger LOG = System.getLogger(KafkaEventSink.class.getName());

    private final KafkaBrokerAdapter adapter;
    private final String topic;
    private final KafkaProducer<String, CloudEvent> producer;
    private volatile boolean closed;

    private KafkaEventSink(KafkaBrokerAdapter adapter, String topic, KafkaProducer<String, CloudEvent> producer) {
        this.adapter = adapter;
        this.topic = topic;
        this.producer = producer;
    }

    static KafkaEventSink open(KafkaBrokerAdapter adapter, String topic) throws BrokerException {
        try {
            var producer = new KafkaProducer<>(adapter.settings().producerProperties(adapter.clientId("sink")),
                    new StringSerializer(), new BinaryEventSerializer());
            return new KafkaEventSink(adapter, topic, producer);
        } catch (KafkaException e) {
            throw KafkaErrors.map(adapter.settings().brokerName(), "opening a producer for " + topic, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Completes once every in-sync replica has the record. Fails with
     * {@link BrokerException.NoSuchResource} when the topic is gone, {@link BrokerException.Retriable}
     * when the broker did not confirm within the delivery timeout or the adapter is closed, and
     * {@link BrokerException.Fatal} after this sink was closed or when the broker refuses the
     * record (too large, not authorised).
     */
    @Override
    public CompletableFuture<Void> publish(CloudEvent event) {
        Objects.requireNonNull(event, "event");
        if (adapter.isClosed()) {
            return CompletableFuture.failedFuture(adapter.closedFailure());
        }
        if (closed) {
            return CompletableFuture.failedFuture(new BrokerException.Fatal("Sink of " + topic + " is closed"));
        }
        var result = new CompletableFuture<Void>();
        try {
            producer.send(new ProducerRecord<>(topic, key(event), event), (metadata, failure) -> {
                if (failure == null) {
                    result.complete(null);
                } else {
                    fail(result, failure);
                }
            });
        } catch (RuntimeException e) {
            fail(result, e);
        }
        return result;
    }

    /** The record key: the {@code partitionkey} extension in canonical text ({@link Events#partitionKey}), or none. */
    static String key(CloudEvent event) {
        return Events.partitionKey(event).orElse(null);
    }

    /** Waits for pending publishes (at most the delivery timeout), then closes the producer; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            producer.close(adapter.settings().deliveryTimeout());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Closing the producer of " + topic + " failed", e);
        } finally {
            adapter.forget(this);
        }
    }

    private void fail(CompletableFuture<Void> result, Throwable failure) {
        Throwable t = KafkaErrors.unwrap(failure);
        String brokerName = adapter.settings().brokerName();
        if (t instanceof TimeoutException || t instanceof UnknownTopicOrPartitionException) {
            // Either the broker is slow or the flow was deleted: ask, without blocking the producer's thread.
            adapter.topicExists(topic).whenComplete((exists, ignored) -> result.completeExceptionally(
                    Boolean.FALSE.equals(exists) ? new BrokerException.NoSuchResource(topic)
                            : KafkaErrors.map(brokerName, "publish to " + topic, t)));
        } else if (closed && t instanceof KafkaException && !(t instanceof org.apache.kafka.common.errors.ApiException)) {
            result.completeExceptionally(new BrokerException.Fatal("Sink of " + topic + " is closed", t));
        } else {
            result.completeExceptionally(KafkaErrors.map(brokerName, "publish to " + topic, t));
        }
    }

    @Override
    public String toString() {
        return "KafkaEventSink[" + topic + "]";
    }

    /**
     * {@link CloudEventSerializer} in binary mode, writing an empty value (not null) for an event
     * without data: a null value is a tombstone to Kafka (compaction deletes the key), and Kafka
     * consumers do not give a null value to their deserializer, so a plain participant with
     * {@code CloudEventDeserializer} would get no event at all.
     */
    static final class BinaryEventSerializer implements Serializer<CloudEvent> {
        private static final byte[] EMPTY = new byte[0];
        private final CloudEventSerializer binary = new CloudEventSerializer();

        BinaryEventSerializer() {
            // Instances given to a producer are not configured by it.
            binary.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, "BINARY"), false);
        }

        @Override
        public byte[] serialize(String topic, CloudEvent event) {
            throw new UnsupportedOperationException("binary mode needs the record's headers");
        }

        @Override
        public byte[] serialize(String topic, Headers headers, CloudEvent event) {
            byte[] value = binary.serialize(topic, headers, event);
            return value == null ? EMPTY : value;
        }
    }
}
