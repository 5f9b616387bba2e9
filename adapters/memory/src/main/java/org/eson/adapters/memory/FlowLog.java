package org.eson.adapters.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.cloudevents.CloudEvent;
import org.eson.spi.BrokerException;
import org.eson.spi.bridge.Delivery;

/**
 * One flow: its log, its consumer groups and whether it still exists. A single lock per flow
 * guards all of them, because a hand-out, an acknowledgement and retention trimming each touch
 * the log and the groups together, and one condition wakes pollers on any change (publish,
 * unblocked key, redelivery, delete, close). Flows do not share locks, so busy flows do not slow
 * each other down, and no method holds two flows' locks at once.
 */
final class FlowLog {

    private static final System.Logger LOG = System.getLogger(FlowLog.class.getName());

    private final String name;
    private final MemoryFlowOptions options;
    private final MemoryBrokerAdapter adapter;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final EventLog log = new EventLog();
    private final Map<String, ConsumerGroup> groups = new HashMap<>();
    private FlowStatus status = FlowStatus.OPEN;

    FlowLog(String name, MemoryFlowOptions options, MemoryBrokerAdapter adapter) {
        this.name = name;
        this.options = options;
        this.adapter = adapter;
    }

    String name() {
        return name;
    }

    MemoryFlowOptions options() {
        return options;
    }

    /** Appends an event for every group; fails when the flow is gone or full. */
    void append(CloudEvent event) throws BrokerException {
        append(event, null);
    }

    /** Appends for a sink, so the sink's own closing is checked atomically with the flow's status. */
    void append(CloudEvent event, MemoryEventSink sink) throws BrokerException {
        String key = StoredEvent.partitionKey(event);
        lock.lock();
        try {
            failIfEnded();
            if (sink != null && sink.isClosed()) {
                throw new BrokerException.Fatal("Sink of flow " + name + " is closed");
            }
            Instant now = adapter.now();
            if (log.size() >= adapter.maxEventsPerFlow()) {
                trimExpired(now);
                if (log.size() >= adapter.maxEventsPerFlow()) {
                    throw new BrokerException.Retriable("flow full");
                }
            }
            log.append(event, key, now);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Joins {@code group}, creating it at the earliest retained event if it is new. */
    MemoryEventSource openSource(String group) throws BrokerException {
        lock.lock();
        try {
            failIfEnded();
            ConsumerGroup consumerGroup = groups.computeIfAbsent(group, g -> new ConsumerGroup(g, log.base()));
            return new MemoryEventSource(this, consumerGroup);
        } finally {
            lock.unlock();
        }
    }

    MemoryEventSink openSink() throws BrokerException {
        lock.lock();
        try {
            failIfEnded();
            return new MemoryEventSink(this);
        } finally {
            lock.unlock();
        }
    }

    /** Hands out what is available to {@code source}, waiting up to {@code nanos} for something. */
    List<Delivery> poll(MemoryEventSource source, int max, long nanos) throws BrokerException, InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                failIfEnded();
                if (source.isClosed()) {
                    throw new BrokerException.Fatal("Source of flow " + name + ", group " + source.group().name() + " is closed");
                }
                Instant now = adapter.now();
                List<Delivery> batch = source.group().handOut(this, source, max, log, options.ttl(), now);
                trim(now);
                if (batch.size() == max) {
                    // More may be waiting that this batch had no room for: let competing sources look.
                    changed.signalAll();
                }
                if (!batch.isEmpty()) {
                    return List.copyOf(batch);
                }
                if (nanos <= 0) {
                    return List.of();
                }
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Acknowledges or nacks a delivery; does nothing unless it is the delivery currently holding its event. */
    void settle(MemoryDelivery delivery, boolean ack) {
        DeadLetterTransfer transfer = null;
        lock.lock();
        try {
            Slot slot = delivery.slot();
            if (status != FlowStatus.OPEN || !slot.heldBy(delivery)) {
                return;
            }
            delivery.source().untrack(slot);
            if (ack) {
                delivery.group().settle(slot);
                trim(adapter.now());
            } else {
                transfer = redeliverOrDeadLetter(delivery.group(), slot);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (transfer != null) {
            finishDeadLetter(transfer);
        }
    }

    /** Closes a source and gives its unsettled deliveries back to its group. */
    void release(MemoryEventSource source) {
        var transfers = new ArrayList<DeadLetterTransfer>();
        lock.lock();
        try {
            if (!source.markClosed()) {
                return;
            }
            List<Slot> held = source.drain();
            if (status == FlowStatus.OPEN) {
                for (Slot slot : held) {
                    DeadLetterTransfer transfer = redeliverOrDeadLetter(source.group(), slot);
                    if (transfer != null) {
                        transfers.add(transfer);
                    }
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        transfers.forEach(this::finishDeadLetter);
    }

    /** Ends the flow for good: waiters wake up and fail, the memory is released. */
    void end(FlowStatus ending) {
        lock.lock();
        try {
            if (status != FlowStatus.OPEN) {
                return;
            }
            status = ending;
            groups.clear();
            log.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int retained() {
        lock.lock();
        try {
            return log.size();
        } finally {
            lock.unlock();
        }
    }

    /** Requires the lock. A slot that used up its deliveries goes to the dead-letter flow instead. */
    private DeadLetterTransfer redeliverOrDeadLetter(ConsumerGroup group, Slot slot) {
        if (options.exhausted(slot.deliveries())) {
            group.holdForDeadLetter(slot);
            return new DeadLetterTransfer(group, slot);
        }
        group.requeue(slot);
        return null;
    }

    /** Called without the lock: appends to the dead-letter flow, then settles or puts back the slot. */
    private void finishDeadLetter(DeadLetterTransfer transfer) {
        Slot slot = transfer.slot();
        BrokerException failure = adapter.deadLetter(options.deadLetterFlow(), slot.stored().event());
        lock.lock();
        try {
            if (status != FlowStatus.OPEN || !(slot.state() instanceof SlotState.DeadLettering)) {
                return;
            }
            if (failure == null) {
                LOG.log(System.Logger.Level.DEBUG, () -> "Flow " + name + ", group " + transfer.group().name()
                        + ": event " + slot.stored().event().getId() + " moved to " + options.deadLetterFlow()
                        + " after " + slot.deliveries() + " deliveries");
                transfer.group().settle(slot);
                trim(adapter.now());
            } else {
                // Losing the event would be worse than exceeding max-deliveries: deliver it again.
                LOG.log(System.Logger.Level.WARNING, () -> "Flow " + name + ", group " + transfer.group().name()
                        + ": cannot move event " + slot.stored().event().getId() + " to " + options.deadLetterFlow()
                        + " (" + failure.getMessage() + "); it will be delivered again");
                transfer.group().requeue(slot);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Requires the lock. Drops what no group will read any more. */
    private void trim(Instant now) {
        trimExpired(now);
        if (groups.isEmpty()) {
            // Nobody has started reading: the first group must still find every event.
            return;
        }
        long floor = Long.MAX_VALUE;
        for (ConsumerGroup group : groups.values()) {
            floor = Math.min(floor, group.floor());
        }
        log.trimTo(floor);
    }

    /** Requires the lock. Expired events are never handed out, to any group, so they can go. */
    private void trimExpired(Instant now) {
        if (options.ttl() == null) {
            return;
        }
        long keep = log.base();
        while (keep < log.end() && log.get(keep).expired(options.ttl(), now)) {
            keep++;
        }
        log.trimTo(keep);
    }

    private void failIfEnded() throws BrokerException {
        BrokerException failure = status.failure(name, adapter.brokerName());
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "FlowLog[" + name + "]";
    }
}
