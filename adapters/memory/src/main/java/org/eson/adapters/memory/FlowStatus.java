package org.eson.adapters.memory;

import org.eson.spi.BrokerException;

/**
 * Whether a flow's log is usable. Kept on the log itself, under its lock, so that sources and
 * sinks opened before a delete or a close see the change atomically with their own operation and
 * fail instead of working on a log nobody can reach any more.
 */
enum FlowStatus {
    OPEN,
    /** {@code delete} removed the flow; its sources and sinks are over for good. */
    DELETED,
    /** The adapter closed; the broker is gone, which the SPI reports as retriable. */
    BROKER_CLOSED;

    /** The failure an operation on a log in this status reports, or null when it is open. */
    BrokerException failure(String flow, String brokerName) {
        return switch (this) {
            case OPEN -> null;
            case DELETED -> new BrokerException.NoSuchResource(flow);
            case BROKER_CLOSED -> MemoryBrokerAdapter.closedFailure(brokerName);
        };
    }
}
