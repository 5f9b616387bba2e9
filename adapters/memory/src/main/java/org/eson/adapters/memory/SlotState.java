package org.eson.adapters.memory;

/**
 * Where an event a consumer group has reached stands. Sealed so that every transition in
 * {@link ConsumerGroup} is checked against the complete set of states, and so that
 * {@link InFlight} can carry the one delivery allowed to settle the event: comparing that
 * delivery by identity is what turns a late or repeated ack into a no-op.
 */
sealed interface SlotState {

    /** Waiting behind an earlier, unsettled event of the same partition key. */
    record Parked() implements SlotState {
    }

    /** Can be handed out now. */
    record Ready() implements SlotState {
    }

    /** Handed out and not settled; only {@code delivery} may settle it. */
    record InFlight(MemoryDelivery delivery) implements SlotState {
    }

    /**
     * Being appended to the dead-letter flow outside the flow's lock. It keeps its key blocked
     * meanwhile, so the key's next event cannot overtake it if the transfer fails.
     */
    record DeadLettering() implements SlotState {
    }

    /** Acknowledged, dead-lettered or expired: finished for this group. */
    record Settled() implements SlotState {
    }

    SlotState PARKED = new Parked();
    SlotState READY = new Ready();
    SlotState DEAD_LETTERING = new DeadLettering();
    SlotState SETTLED = new Settled();
}
