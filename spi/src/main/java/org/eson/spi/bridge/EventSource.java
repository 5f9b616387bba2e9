package org.eson.spi.bridge;

import java.time.Duration;
import java.util.List;

import org.eson.spi.BrokerException;

/**
 * Delivers a flow's events to one member of a consumer group. Not thread-safe for polling;
 * {@link Delivery#ack()} and {@link Delivery#nack()} may be called from any thread.
 */
public interface EventSource extends AutoCloseable {

    /**
     * Waits up to {@code timeout} for events and returns at most {@code maxEvents} of them; an
     * empty list when none arrived.
     */
    List<Delivery> poll(int maxEvents, Duration timeout) throws BrokerException, InterruptedException;

    /** Stops delivering; deliveries not acknowledged yet will be delivered again, here or to another member. */
    @Override
    void close();
}
