package org.eson.spi;

/**
 * Names of the flow options ({@link FlowSpec#options()}) whose meaning the SPI fixes, because a
 * {@link Capability} is defined by them. Adapters may accept further, adapter-specific options;
 * an adapter ignores options it does not know (they belong to other adapters).
 */
public final class FlowOptions {

    /** {@link Capability#TTL}: ISO-8601 duration after which an undelivered event is not delivered. */
    public static final String TTL = "ttl";
    /**
     * {@link Capability#DEAD_LETTER}: deliveries per consumer group (an integer &ge; 1) after which
     * an event moves to the dead-letter flow instead of being delivered again.
     */
    public static final String MAX_DELIVERIES = "max-deliveries";
    /**
     * {@link Capability#DEAD_LETTER}: the flow receiving dead-lettered events; default
     * {@link #DEAD_LETTER_PREFIX}{@code <flow>}. An adapter with dead-lettering shows the flow it
     * uses as DESCRIBE's {@link FlowDescription#DEAD_LETTER} parameter.
     */
    public static final String DEAD_LETTER_FLOW = "dead-letter-flow";
    /** The default dead-letter flow is this prefix followed by the flow's name. */
    public static final String DEAD_LETTER_PREFIX = "dlq.";

    private FlowOptions() {
    }

    /** The dead-letter flow of {@code flow} when {@link #DEAD_LETTER_FLOW} is not given. */
    public static String defaultDeadLetterFlow(String flow) {
        return DEAD_LETTER_PREFIX + flow;
    }
}
