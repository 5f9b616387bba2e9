package org.eson.adapters.memory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

import io.cloudevents.CloudEvent;

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
    static final String PARTITION_KEY = "partitionkey";

    /** Whether the event is older than {@code ttl} at {@code now}; a null ttl never expires. */
    boolean expired(Duration ttl, Instant now) {
        return ttl != null && now.isAfter(appendedAt.plus(ttl));
    }

    /**
     * The event's partition key in CloudEvents canonical string form. Comparing canonical text
     * rather than Java values makes {@code 5} and {@code "5"} the same key, as they are after any
     * protocol binding turns extensions into strings, so ordering does not depend on how a
     * producer typed the value.
     */
    static String partitionKey(CloudEvent event) {
        Object value = event.getExtension(PARTITION_KEY);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case OffsetDateTime time -> time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            default -> value.toString();
        };
    }
}
