package org.eson.spi;

/** A guarantee an adapter may declare. Undeclared capabilities are skipped by the TCK. */
public enum Capability {
    /** Events with the same {@code partitionkey} extension are delivered in publish order. */
    ORDERING_PER_KEY,
    /** Confirmed events survive a broker restart. */
    PERSISTENCE,
    /** Sources of one consumer group share the events; each event goes to one of them. */
    COMPETING_CONSUMERS,
    /** A flow option {@code ttl} (ISO-8601 duration) expires undelivered events. */
    TTL,
    /** Events nacked {@code max-deliveries} times move to the flow's dead-letter resource. */
    DEAD_LETTER
}
