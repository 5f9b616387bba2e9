package org.eson.adapters.memory;

import java.time.Duration;
import java.time.Instant;

import io.cloudevents.CloudEvent;
import org.eson.spi.Events;

/**
 * A published event as a flow's log holds it. The event itself is kept by reference and never
 * copied or re-encoded, so every attribute and extension comes back exactly as published.
 *
 * @param offset       position in the flow's log; never reused, also after trimming
 * @param event        the event as given to {@code publish}
 * @param partitionKey the canonical text of the {@code partitionkey} extension, or null
 * @param appendedAt   when the adapter appended it, by the adapter's clock (what ttl measures)
 */
record StoredEvent(long offset, CloudEvent event, String partitionKey, Instant appendedAt) {

    /** The CloudEvents extension that orders events (the spec's Partitioning extension). */
    static final String PARTITION_KEY = Events.PARTITION_KEY;

    /** Whether the event is older than {@code ttl} at {@code now}; a null ttl never expires. */
    boolean expired(Duration ttl, Instant now) {
        return ttl != null && now.isAfter(appendedAt.plus(ttl));
    }

    /** The event's partition key in CloudEvents canonical string form ({@link Events#partitionKey}), or null. */
    static String partitionKey(CloudEvent event) {
        return Events.partitionKey(event).orElse(null);
    }
}
