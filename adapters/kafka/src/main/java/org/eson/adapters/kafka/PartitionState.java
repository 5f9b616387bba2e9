package org.eson.adapters.kafka;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What one source knows about one assigned partition: the offsets it handed out and not yet
 * committed, which of them were acknowledged, and how often each was delivered. Only the polling
 * thread touches it.
 *
 * <p>The committable offset is the lowest offset handed out and not acknowledged (or one past the
 * highest handed out when all are acknowledged): an ack of 7 while 5 is unacknowledged commits
 * nothing past 5. Gaps in Kafka offsets (transaction markers, compaction) do not matter because
 * only offsets actually handed out are tracked.
 */
final class PartitionState {

    /** A handed-out offset. {@code token} is that of the delivery holding it, 0 when none does (nacked). */
    private static final class Entry {
        long token;
        boolean acked;
        int deliveries;
    }

    /** Offsets at or above the last computed commit point. */
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    /** One past the highest offset handed out or skipped; -1 before the first. */
    private long next = -1;
    /** The last offset committed (or the first seen, which the group's position already implies). */
    private long committed = -1;
    /**
     * Every offset below it was handed out and acknowledged (their entries are dropped). Records
     * are handed out in offset order and a rewind never goes below an unacknowledged offset, so a
     * record below it that comes again (still buffered, or fetched twice) is a duplicate.
     */
    private long floor = -1;

    /** Whether {@code offset} was acknowledged already (a rewind fetches it again; it must not be delivered). */
    boolean isAcked(long offset) {
        if (offset < floor) {
            return true;
        }
        Entry e = entries.get(offset);
        return e != null && e.acked;
    }

    /** Records a hand-out of {@code offset} to the delivery {@code token}; returns its delivery count. */
    int deliver(long offset, long token) {
        Entry e = entries.computeIfAbsent(offset, o -> new Entry());
        e.token = token;
        e.deliveries++;
        seen(offset);
        return e.deliveries;
    }

    /** An offset that will never be delivered (an undecodable record): it counts as acknowledged. */
    void skip(long offset) {
        Entry e = entries.computeIfAbsent(offset, o -> new Entry());
        e.acked = true;
        e.token = 0;
        seen(offset);
    }

    /** Acknowledges {@code offset} if {@code token} still holds it; false for a stale delivery. */
    boolean ack(long offset, long token) {
        Entry e = entries.get(offset);
        if (e == null || e.acked || e.token != token) {
            return false;
        }
        e.acked = true;
        e.token = 0;
        return true;
    }

    /**
     * Takes {@code offset} and every later unacknowledged offset back from their deliveries (the
     * partition will be read again from {@code offset}); false for a stale delivery.
     */
    boolean nack(long offset, long token) {
        Entry e = entries.get(offset);
        if (e == null || e.acked || e.token != token) {
            return false;
        }
        for (Entry later : entries.tailMap(offset, true).values()) {
            if (!later.acked) {
                later.token = 0;
            }
        }
        return true;
    }

    /** How many times {@code offset} was handed out (0 if never, or if it was committed since). */
    int deliveries(long offset) {
        Entry e = entries.get(offset);
        return e == null ? 0 : e.deliveries;
    }

    /**
     * The offset to commit if it moved past the last commit: everything below it was acknowledged.
     * Forgets the acknowledged offsets below it.
     */
    OptionalLong committable() {
        if (next < 0) {
            return OptionalLong.empty();
        }
        long point = next;
        for (Map.Entry<Long, Entry> e : entries.entrySet()) {
            if (!e.getValue().acked) {
                point = e.getKey();
                break;
            }
        }
        entries.headMap(point, false).clear();
        floor = Math.max(floor, point);
        return point > committed ? OptionalLong.of(point) : OptionalLong.empty();
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Offsets handed out and not settled, for diagnostics and tests. */
    int unsettled() {
        int n = 0;
        for (Entry e : entries.values()) {
            if (!e.acked) {
                n++;
            }
        }
        return n;
    }

    private void seen(long offset) {
        if (committed < 0) {
            committed = offset;
        }
        next = Math.max(next, offset + 1);
    }
}
