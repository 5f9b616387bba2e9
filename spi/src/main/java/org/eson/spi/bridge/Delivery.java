package org.eson.spi.bridge;

import io.cloudevents.CloudEvent;

/** One delivered event, to be settled exactly once. */
public interface Delivery {

    /** The event, with every CloudEvents attribute and extension as published. */
    CloudEvent event();

    /** How many times this event has been delivered, counting this delivery (1 the first time). */
    int deliveryCount();

    /** The event was handled; it will not be delivered to this consumer group again. */
    void ack();

    /** The event was not handled; it will be delivered again, before later events of its key. */
    void nack();
}
