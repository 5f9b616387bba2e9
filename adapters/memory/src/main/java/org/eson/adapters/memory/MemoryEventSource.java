package org.eson.adapters.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.eson.spi.BrokerException;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSource;

/**
 * One member of a consumer group. It remembers what it holds unsettled so that closing it can
 * hand those events back to the group: that is what makes close-and-reopen lose nothing.
 *
 * <p>Polling from several threads is safe here (the flow's lock serialises it) even though the
 * SPI does not require it. {@link #poll} after {@link #close} fails with
 * {@link BrokerException.Fatal}, a poll blocked when another thread closes the source wakes up
 * with the same failure.
 */
final class MemoryEventSource implements EventSource {

    private final FlowLog flow;
    private final ConsumerGroup group;
    /** Slots this source holds in flight; guarded by the flow's lock. */
    private final Set<Slot> inFlight = new LinkedHashSet<>();
    /** Guarded by the flow's lock. */
    private boolean closed;

    MemoryEventSource(FlowLog flow, ConsumerGroup group) {
        this.flow = flow;
        this.group = group;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code maxEvents} is less than 1
     */
    @Override
    public List<Delivery> poll(int maxEvents, Duration timeout) throws BrokerException, InterruptedException {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1, got " + maxEvents);
        }
        Objects.requireNonNull(timeout, "timeout");
        return flow.poll(this, maxEvents, nanos(timeout));
    }

    /** Returns this source's unsettled deliveries to the group; calling it again does nothing. */
    @Override
    public void close() {
        flow.release(this);
    }

    ConsumerGroup group() {
        return group;
    }

    /** Requires the flow's lock. */
    boolean isClosed() {
        return closed;
    }

    /** Requires the flow's lock; false when it was already closed. */
    boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** Requires the flow's lock. */
    void track(Slot slot) {
        inFlight.add(slot);
    }

    /** Requires the flow's lock. */
    void untrack(Slot slot) {
        inFlight.remove(slot);
    }

    /** Requires the flow's lock: hands over and forgets every slot held. */
    List<Slot> drain() {
        var held = new ArrayList<>(inFlight);
        inFlight.clear();
        return held;
    }

    private static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "MemoryEventSource[" + flow.name() + ", group " + group.name() + "]";
    }
}
