package org.eson.spi;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import io.cloudevents.CloudEvent;

/**
 * CloudEvents conventions every adapter and the bridge share, kept in one place so that two
 * adapters never disagree on what an event's key is.
 */
public final class Events {

    /**
     * The CloudEvents Partitioning extension: events with the same value are delivered in publish
     * order where {@link Capability#ORDERING_PER_KEY} is declared.
     */
    public static final String PARTITION_KEY = "partitionkey";

    private Events() {
    }

    /**
     * The event's {@value #PARTITION_KEY} in CloudEvents canonical string form, or empty when it
     * has none. Comparing canonical text rather than Java values makes {@code 5} and {@code "5"}
     * the same key, as they are after any protocol binding turns extensions into strings, so
     * ordering does not depend on how a producer typed the value.
     */
    public static Optional<String> partitionKey(CloudEvent event) {
        Object value = Objects.requireNonNull(event, "event").getExtension(PARTITION_KEY);
        return value == null ? Optional.empty() : Optional.of(canonical(value));
    }

    /**
     * The CloudEvents canonical string form of an extension value: Base64 for {@code Binary},
     * RFC 3339 ({@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}) for {@code Timestamp},
     * {@link Object#toString()} for {@code String}, {@code Integer}, {@code Boolean}, {@code URI}
     * and {@code URI-reference}.
     */
    public static String canonical(Object value) {
        return switch (Objects.requireNonNull(value, "value")) {
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case OffsetDateTime time -> time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            default -> value.toString();
        };
    }
}
