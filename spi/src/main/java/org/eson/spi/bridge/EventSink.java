package org.eson.spi.bridge;

import java.util.concurrent.CompletableFuture;

import io.cloudevents.CloudEvent;

/** Publishes events to a flow. Thread-safe. */
public interface EventSink extends AutoCloseable {

    /**
     * Publishes an event. The future completes once the broker holds it durably (as durable as
     * the broker can be), or completes exceptionally with a {@link org.eson.spi.BrokerException}.
     */
    CompletableFuture<Void> publish(CloudEvent event);

    /** Waits for pending publishes to settle, then releases the sink. */
    @Override
    void close();
}
