package org.eson.adapters.memory;

import io.cloudevents.CloudEvent;
import org.eson.spi.bridge.Delivery;

/**
 * One hand-out of an event to one source. A fresh object per hand-out, compared by identity
 * with the one its slot records, so a stale delivery (settled already, its source closed, the
 * event since handed to someone else) cannot settle anything: {@link #ack()} and {@link #nack()}
 * then do nothing, from any thread, and never throw.
 */
final class MemoryDelivery implements Delivery {

    private final FlowLog flow;
    private final ConsumerGroup group;
    private final MemoryEventSource source;
    private final Slot slot;
    private final int deliveryCount;

    MemoryDelivery(FlowLog flow, ConsumerGroup group, MemoryEventSource source, Slot slot, int deliveryCount) {
        this.flow = flow;
        this.group = group;
        this.source = source;
        this.slot = slot;
        this.deliveryCount = deliveryCount;
    }

    /** The published instance itself, not a copy. */
    @Override
    public CloudEvent event() {
        return slot.stored().event();
    }

    @Override
    public int deliveryCount() {
        return deliveryCount;
    }

    /** Settles the event for the group; a no-op unless this delivery still holds it. */
    @Override
    public void ack() {
        flow.settle(this, true);
    }

    /**
     * Makes the event available again ahead of later events of its key, or moves it to the
     * dead-letter flow when it has had {@code max-deliveries} deliveries; a no-op unless this
     * delivery still holds it.
     */
    @Override
    public void nack() {
        flow.settle(this, false);
    }

    ConsumerGroup group() {
        return group;
    }

    MemoryEventSource source() {
        return source;
    }

    Slot slot() {
        return slot;
    }

    @Override
    public String toString() {
        return "MemoryDelivery[flow=" + flow.name() + ", group=" + group.name() + ", offset=" + slot.offset()
                + ", id=" + event().getId() + ", deliveryCount=" + deliveryCount + "]";
    }
}
