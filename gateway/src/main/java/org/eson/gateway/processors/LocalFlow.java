package org.eson.gateway.processors;

import java.util.Locale;
import java.util.Objects;

/**
 * A flow on one of this gateway's configured brokers.
 *
 * @param flow   the flow name, lower case, without {@code flow://}
 * @param broker the configured broker's name (not its type)
 */
public record LocalFlow(String flow, String broker) implements Endpoint {

    public LocalFlow {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(broker, "broker");
        if (flow.isBlank() || broker.isBlank()) {
            throw new IllegalArgumentException("flow and broker must not be blank");
        }
        flow = flow.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return flow + "@" + broker;
    }
}
