package org.eson.adapters.memory;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.cloudevents.CloudEvent;
import org.eson.spi.BrokerException;
import org.eson.spi.bridge.EventSink;

/**
 * Publishes to one flow. An append is as durable as this broker gets, so the future is already
 * complete when {@link #publish} returns and {@link #close} has nothing to wait for. Concurrent
 * publishers are serialised by the flow's lock; each gets its own future.
 */
final class MemoryEventSink implements EventSink {

    private final FlowLog flow;
    private volatile boolean closed;

    MemoryEventSink(FlowLog flow) {
        this.flow = flow;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Fails with {@link BrokerException.NoSuchResource} after the flow was deleted,
     * {@link BrokerException.Retriable} when the flow is full or the adapter closed, and
     * {@link BrokerException.Fatal} after this sink was closed.
     *
     * @throws NullPointerException when {@code event} is null
     */
    @Override
    public CompletableFuture<Void> publish(CloudEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            flow.append(event, this);
            return CompletableFuture.completedFuture(null);
        } catch (BrokerException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Nothing is ever pending, so this only refuses later publishes; calling it again does nothing. */
    @Override
    public void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "MemoryEventSink[" + flow.name() + "]";
    }
}
