package org.eson.adapters.memory;

import java.time.Instant;

import io.cloudevents.CloudEvent;

/**
 * The retained events of a flow, addressed by offset. A ring buffer rather than a list because
 * retention trims from the front on every acknowledgement, and it shrinks again after a burst so
 * memory follows what is retained, not the peak. Not thread-safe: guarded by the flow's lock.
 */
final class EventLog {

    private static final int MIN_CAPACITY = 16;

    private StoredEvent[] ring = new StoredEvent[MIN_CAPACITY];
    private int head;
    private int size;
    private long base;

    /** Offset of the oldest retained event (or of the next one when empty). */
    long base() {
        return base;
    }

    /** Offset the next appended event gets. */
    long end() {
        return base + size;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    StoredEvent append(CloudEvent event, String partitionKey, Instant at) {
        if (size == ring.length) {
            resize(ring.length * 2);
        }
        var stored = new StoredEvent(end(), event, partitionKey, at);
        ring[index(size)] = stored;
        size++;
        return stored;
    }

    StoredEvent get(long offset) {
        if (offset < base || offset >= end()) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside [" + base + ", " + end() + ")");
        }
        return ring[index((int) (offset - base))];
    }

    /** The oldest retained event, or null. */
    StoredEvent first() {
        return size == 0 ? null : ring[head];
    }

    /** Drops every event with an offset below {@code offset}. */
    void trimTo(long offset) {
        long drop = Math.min(offset, end()) - base;
        if (drop <= 0) {
            return;
        }
        for (long i = 0; i < drop; i++) {
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
        }
        size -= (int) drop;
        base += drop;
        if (ring.length > MIN_CAPACITY && size < ring.length / 4) {
            resize(Math.max(MIN_CAPACITY, ring.length / 2));
        }
    }

    /** Drops everything; offsets keep counting so stale references can never match. */
    void clear() {
        base = end();
        ring = new StoredEvent[MIN_CAPACITY];
        head = 0;
        size = 0;
    }

    private int index(int position) {
        return (head + position) & (ring.length - 1);
    }

    private void resize(int capacity) {
        var bigger = new StoredEvent[capacity];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[index(i)];
        }
        ring = bigger;
        head = 0;
    }
}
