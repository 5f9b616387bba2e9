package org.eson.adapters.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eson.spi.bridge.Delivery;

/**
 * The progress of one consumer group through one flow, shared by all its sources, which is
 * what makes them compete rather than each see every event.
 *
 * <p>The group walks the log with a cursor. Every event behind the cursor that is not settled
 * has a {@link Slot}. Ready slots are handed out before fresh events, lowest offset first, which
 * keeps hand-out FIFO and puts a nacked event ahead of everything published after it. Keyed
 * events are queued per key; only the head of a key's queue can be ready or in flight, the rest
 * are parked, so a key's next event is never handed out while an earlier one is unsettled.
 *
 * <p>Not thread-safe: every method must be called with the flow's lock held.
 */
final class ConsumerGroup {

    private final String name;
    /** Next offset the group has not looked at yet. */
    private long cursor;
    /** Every slot not settled, by offset: its first key is how far retention may trim. */
    private final TreeMap<Long, Slot> unsettled = new TreeMap<>();
    /** Slots that may be handed out now, by offset. */
    private final TreeMap<Long, Slot> ready = new TreeMap<>();
    /** Per partition key, its unsettled slots in publish order; the head is the only one not parked. */
    private final Map<String, ArrayDeque<Slot>> keys = new HashMap<>();

    ConsumerGroup(String name, long start) {
        this.name = name;
        this.cursor = start;
    }

    String name() {
        return name;
    }

    /** The lowest offset this group still needs; everything below it may be trimmed. */
    long floor() {
        return unsettled.isEmpty() ? cursor : unsettled.firstKey();
    }

    /**
     * Hands out up to {@code max} events to {@code source}: ready slots first, then fresh events
     * from the log. Expired events are settled on the way and never handed out.
     */
    List<Delivery> handOut(FlowLog flow, MemoryEventSource source, int max, EventLog log, Duration ttl, Instant now) {
        var batch = new ArrayList<Delivery>(Math.min(max, 64));
        while (batch.size() < max) {
            Map.Entry<Long, Slot> first = ready.pollFirstEntry();
            Slot slot;
            if (first != null) {
                slot = first.getValue();
                if (slot.stored().expired(ttl, now)) {
                    settle(slot);
                    continue;
                }
            } else {
                // Events below the log's base were trimmed for being older than ttl: skipping
                // them is what handing them out would have done.
                cursor = Math.max(cursor, log.base());
                if (cursor >= log.end()) {
                    break;
                }
                StoredEvent stored = log.get(cursor++);
                if (stored.expired(ttl, now)) {
                    continue;
                }
                slot = new Slot(stored);
                unsettled.put(slot.offset(), slot);
                if (slot.key() != null) {
                    ArrayDeque<Slot> queue = keys.computeIfAbsent(slot.key(), k -> new ArrayDeque<>());
                    queue.addLast(slot);
                    if (queue.size() > 1) {
                        slot.state(SlotState.PARKED);
                        continue;
                    }
                }
            }
            var delivery = new MemoryDelivery(flow, this, source, slot, slot.countDelivery());
            slot.state(new SlotState.InFlight(delivery));
            source.track(slot);
            batch.add(delivery);
        }
        return batch;
    }

    /** Finishes a slot (acknowledged, dead-lettered, expired) and unblocks its key's next event. */
    void settle(Slot slot) {
        unsettled.remove(slot.offset());
        ready.remove(slot.offset());
        slot.state(SlotState.SETTLED);
        String key = slot.key();
        if (key == null) {
            return;
        }
        ArrayDeque<Slot> queue = keys.get(key);
        Slot head = queue.pollFirst();
        if (head != slot) {
            throw new IllegalStateException("Group " + name + ": settled " + slot + " but key head was " + head);
        }
        Slot next = queue.peekFirst();
        if (next == null) {
            keys.remove(key);
        } else {
            next.state(SlotState.READY);
            ready.put(next.offset(), next);
        }
    }

    /** Makes a slot available again; it stays its key's head, so it goes before later events of its key. */
    void requeue(Slot slot) {
        slot.state(SlotState.READY);
        ready.put(slot.offset(), slot);
    }

    /** Takes a slot out of circulation while it moves to the dead-letter flow; its key stays blocked. */
    void holdForDeadLetter(Slot slot) {
        slot.state(SlotState.DEAD_LETTERING);
    }

    @Override
    public String toString() {
        return "ConsumerGroup[" + name + ", cursor=" + cursor + ", unsettled=" + unsettled.size()
                + ", ready=" + ready.size() + "]";
    }
}
