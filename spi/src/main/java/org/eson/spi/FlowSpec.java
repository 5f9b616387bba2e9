package org.eson.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A flow as the adapter needs to know it.
 *
 * @param flow    the flow's fully qualified name, lower case, without {@code flow://}
 * @param options flow options (retention, partitions, ttl...), adapter-specific keys
 */
public record FlowSpec(String flow, Map<String, String> options) {

    public FlowSpec {
        Objects.requireNonNull(flow, "flow");
        options = Map.copyOf(options);
    }

    /** A flow without options. */
    public static FlowSpec of(String flow) {
        return new FlowSpec(flow, Map.of());
    }
}
