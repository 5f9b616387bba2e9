package org.eson.adapters.memory;

/**
 * One event as one consumer group tracks it, from the moment the group reaches it until it is
 * settled. Each group has its own slots, which is what lets groups progress independently and
 * count deliveries separately. Mutable; guarded by the flow's lock.
 */
final class Slot {

    private final StoredEvent stored;
    private int deliveries;
    private SlotState state = SlotState.READY;

    Slot(StoredEvent stored) {
        this.stored = stored;
    }

    StoredEvent stored() {
        return stored;
    }

    long offset() {
        return stored.offset();
    }

    String key() {
        return stored.partitionKey();
    }

    /** Deliveries so far, the one in flight included. */
    int deliveries() {
        return deliveries;
    }

    /** Counts a new delivery and returns its number. */
    int countDelivery() {
        return ++deliveries;
    }

    SlotState state() {
        return state;
    }

    void state(SlotState state) {
        this.state = state;
    }

    /** Whether {@code delivery} is the delivery allowed to settle this slot right now. */
    boolean heldBy(MemoryDelivery delivery) {
        return state instanceof SlotState.InFlight(MemoryDelivery current) && current == delivery;
    }

    @Override
    public String toString() {
        return "Slot[" + stored.offset() + ", " + state + ", deliveries=" + deliveries + "]";
    }
}
