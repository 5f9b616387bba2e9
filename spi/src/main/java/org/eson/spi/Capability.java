package org.eson.spi;

/** A guarantee an adapter may declare. Undeclared capabilities are skipped by the TCK. */
public enum Capability {
    /** Events with the same {@code partitionkey} extension ({@link Events#partitionKey}) are delivered in publish order. */
    ORDERING_PER_KEY,
    /** Confirmed events survive a broker restart. */
    PERSISTENCE,
    /** Sources of one consumer group share the events; each event goes to one of them. */
    COMPETING_CONSUMERS,
    /** A flow option {@code ttl} ({@link FlowOptions#TTL}, ISO-8601 duration) expires undelivered events. */
    TTL,
    /**
     * Events nacked {@code max-deliveries} ({@link FlowOptions#MAX_DELIVERIES}) times move to the
     * flow's dead-letter flow ({@link FlowOptions#DEAD_LETTER_FLOW}, shown as DESCRIBE's
     * {@link FlowDescription#DEAD_LETTER}).
     */
    DEAD_LETTER
}
