package org.eson.adapters.kafka;

import io.cloudevents.CloudEvent;
import org.apache.kafka.common.TopicPartition;
import org.eson.spi.bridge.Delivery;

/**
 * One hand-out of a record. Settling only queues the decision: the source applies it on its
 * polling thread at its next {@code poll} (or {@code close}), because a {@code KafkaConsumer} may
 * only be used by one thread. A stale delivery (settled already, or its partition rewound or
 * revoked since) settles nothing; settling never throws.
 */
final class KafkaDelivery implements Delivery {

    private final KafkaEventSource source;
    private final TopicPartition partition;
    private final long offset;
    private final long token;
    private final CloudEvent event;
    private final int deliveryCount;

    KafkaDelivery(KafkaEventSource source, TopicPartition partition, long offset, long token, CloudEvent event, int deliveryCount) {
        this.source = source;
        this.partition = partition;
        this.offset = offset;
        this.token = token;
        this.event = event;
        this.deliveryCount = deliveryCount;
    }

    @Override
    public CloudEvent event() {
        return event;
    }

    /** Hand-outs of this offset to this source since its partition was assigned, this one included. */
    @Override
    public int deliveryCount() {
        return deliveryCount;
    }

    @Override
    public void ack() {
        source.settle(this, true);
    }

    /** Rewinds the partition to this offset: this event and the later ones of the partition come again. */
    @Override
    public void nack() {
        source.settle(this, false);
    }

    TopicPartition partition() {
        return partition;
    }

    long offset() {
        return offset;
    }

    long token() {
        return token;
    }

    @Override
    public String toString() {
        return "KafkaDelivery[" + partition + "@" + offset + ", id=" + event.getId() + ", deliveryCount=" + deliveryCount + "]";
    }
}
