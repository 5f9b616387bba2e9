package org.eson.spi.bridge;

import java.util.Objects;

/**
 * How a source joins a flow.
 *
 * @param consumerGroup sources with the same group share the events (competing consumers);
 *                      a new group starts from the earliest retained event
 */
public record SourceSettings(String consumerGroup) {

    public SourceSettings {
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        if (consumerGroup.isBlank()) {
            throw new IllegalArgumentException("consumerGroup is blank");
        }
    }
}
