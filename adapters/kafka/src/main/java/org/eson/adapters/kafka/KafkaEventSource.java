package org.eson.adapters.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eson.spi.BrokerException;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSource;

/**
 * One member of a Kafka consumer group on one topic.
 *
 * <p>Offsets are committed (synchronously, at the next {@link #poll}, on revocation and on
 * {@link #close}) only up to the lowest offset of each partition that was handed out and not
 * acknowledged, so nothing unacknowledged is ever skipped by the group. A {@linkplain
 * Delivery#nack() nack} seeks the partition back to the nacked offset: it and the partition's
 * later records come again (acknowledged ones are skipped), each with its delivery count
 * incremented, which keeps per-key order. Acks and nacks may come from any thread; they are
 * queued and applied on the polling thread, the only one that touches the {@link KafkaConsumer}.
 *
 * <p>{@link #close()} from another thread wakes a blocked poll, which then fails with
 * {@link BrokerException.Fatal} (or {@link BrokerException.Retriable} when the whole adapter is
 * closing); close waits for it, commits what is committable and leaves the group.
 */
final class KafkaEventSource implements EventSource {

    private static final System.Logger LOG = System.getLogger(KafkaEventSource.class.getName());
    /** While undelivered records are buffered, the consumer is still polled this often (paused) to stay in the group. */
    private static final long KEEP_ALIVE_NANOS = Duration.ofSeconds(1).toNanos();
    private static final AtomicLong TOKENS = new AtomicLong();

    private record Settlement(KafkaDelivery delivery, boolean ack) {
    }

    private final KafkaBrokerAdapter adapter;
    private final String topic;
    private final String group;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Settlement> settlements = new ConcurrentLinkedQueue<>();

    // Guarded by pollLock (the polling thread):
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final ArrayDeque<ConsumerRecord<String, byte[]>> buffer = new ArrayDeque<>();
    private long lastConsumerPoll = System.nanoTime();
    private boolean consumerClosed;

    private volatile boolean closed;

    private KafkaEventSource(KafkaBrokerAdapter adapter, String topic, String group, KafkaConsumer<String, byte[]> consumer) {
        this.adapter = adapter;
        this.topic = topic;
        this.group = group;
        this.consumer = consumer;
    }

    static KafkaEventSource open(KafkaBrokerAdapter adapter, String topic, String group) throws BrokerException {
        KafkaConsumer<String, byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(adapter.settings().consumerProperties(adapter.clientId("source"), group),
                    new StringDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw KafkaErrors.map(adapter.settings().brokerName(), "opening a consumer for " + topic, e);
        }
        var source = new KafkaEventSource(adapter, topic, group, consumer);
        try {
            consumer.subscribe(List.of(topic), source.new Rebalance());
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw KafkaErrors.map(adapter.settings().brokerName(), "subscribing to " + topic, e);
        }
        return source;
    }

    /**
     * {@inheritDoc}
     *
     * <p>First applies the acks and nacks queued since the last poll and commits what became
     * committable.
     *
     * @throws IllegalArgumentException when {@code maxEvents} is less than 1
     */
    @Override
    public List<Delivery> poll(int maxEvents, Duration timeout) throws BrokerException, InterruptedException {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1, got " + maxEvents);
        }
        Objects.requireNonNull(timeout, "timeout");
        pollLock.lockInterruptibly();
        try {
            failIfClosed();
            var out = new ArrayList<Delivery>();
            long deadline = System.nanoTime() + Math.max(0, nanos(timeout));
            applySettlements();
            commit(partitions.keySet());
            handOut(out, maxEvents);
            if (!out.isEmpty()) {
                keepAlive();
                return out;
            }
            do {
                long remaining = Math.max(0, deadline - System.nanoTime());
                var records = consumer.poll(Duration.ofNanos(remaining));
                lastConsumerPoll = System.nanoTime();
                records.forEach(buffer::add);
                applySettlements();
                handOut(out, maxEvents);
            } while (out.isEmpty() && System.nanoTime() < deadline);
            return out;
        } catch (WakeupException e) {
            failIfClosed();
            return List.of();
        } catch (InterruptException e) {
            Thread.interrupted();
            throw new InterruptedException("Interrupted polling " + topic);
        } catch (KafkaException e) {
            throw KafkaErrors.map(adapter.settings().brokerName(), "poll of " + topic, e);
        } finally {
            pollLock.unlock();
        }
    }

    /** Commits what is committable and leaves the group; unacknowledged events go to the next member. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (!pollLock.tryLock()) {
            consumer.wakeup();
            pollLock.lock();
        }
        try {
            if (consumerClosed) {
                return;
            }
            consumerClosed = true;
            // A wakeup meant for a poll that has returned already would abort the first attempt.
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    applySettlements();
                    commit(partitions.keySet());
                    break;
                } catch (WakeupException e) {
                    LOG.log(System.Logger.Level.TRACE, "Wakeup during the final commit of {0}; again", this);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "Final commit of " + this + " failed", e);
                    break;
                }
            }
            partitions.clear();
            buffer.clear();
            try {
                consumer.close(CloseOptions.timeout(adapter.settings().reachableTimeout()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Closing the consumer of " + this + " failed", e);
            }
        } finally {
            pollLock.unlock();
            adapter.forget(this);
        }
    }

    /** Queues a settlement for the polling thread; never throws. */
    void settle(KafkaDelivery delivery, boolean ack) {
        if (!closed) {
            settlements.add(new Settlement(delivery, ack));
        }
    }

    @Override
    public String toString() {
        return "KafkaEventSource[" + topic + ", group " + group + "]";
    }

    /** Requires the poll lock. */
    private void handOut(List<Delivery> out, int maxEvents) {
        while (out.size() < maxEvents && !buffer.isEmpty()) {
            ConsumerRecord<String, byte[]> record = buffer.poll();
            var tp = new TopicPartition(record.topic(), record.partition());
            PartitionState state = partitions.computeIfAbsent(tp, p -> new PartitionState());
            if (state.isAcked(record.offset())) {
                continue;
            }
            CloudEvent event;
            try {
                event = KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Skipping record {0}@{1} of {2}: not a CloudEvent ({3})",
                        tp, record.offset(), group, e.getMessage());
                state.skip(record.offset());
                continue;
            }
            long token = TOKENS.incrementAndGet();
            int count = state.deliver(record.offset(), token);
            out.add(new KafkaDelivery(this, tp, record.offset(), token, event, count));
        }
    }

    /** Requires the poll lock: applies queued acks and nacks; a nack rewinds its partition. */
    private void applySettlements() {
        Settlement s;
        while ((s = settlements.poll()) != null) {
            KafkaDelivery d = s.delivery();
            PartitionState state = partitions.get(d.partition());
            if (state == null) {
                continue; // revoked since: the new owner delivers it again
            }
            if (s.ack()) {
                state.ack(d.offset(), d.token());
            } else if (state.nack(d.offset(), d.token())) {
                buffer.removeIf(r -> r.partition() == d.partition().partition() && r.topic().equals(d.partition().topic()));
                consumer.seek(d.partition(), d.offset());
            }
        }
    }

    /** Requires the poll lock: commits synchronously what became committable in {@code which}. */
    private void commit(Collection<TopicPartition> which) {
        var offsets = new HashMap<TopicPartition, OffsetAndMetadata>();
        for (TopicPartition tp : which) {
            PartitionState state = partitions.get(tp);
            if (state != null) {
                state.committable().ifPresent(o -> offsets.put(tp, new OffsetAndMetadata(o)));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, adapter.settings().requestTimeout());
            offsets.forEach((tp, o) -> {
                PartitionState state = partitions.get(tp);
                if (state != null) {
                    state.committed(o.offset());
                }
            });
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // Retried at the next poll; a rebalance makes the new owner start from the last commit.
            LOG.log(System.Logger.Level.DEBUG, "Commit of " + offsets + " for " + this + " failed: " + e);
        }
    }

    /**
     * Requires the poll lock: while records wait in the buffer the consumer is not polled for
     * more, but it must still be polled (paused) to keep its group membership.
     */
    private void keepAlive() {
        if (System.nanoTime() - lastConsumerPoll < KEEP_ALIVE_NANOS) {
            return;
        }
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        consumer.pause(assigned);
        try {
            consumer.poll(Duration.ZERO).forEach(buffer::add);
        } finally {
            lastConsumerPoll = System.nanoTime();
            Set<TopicPartition> paused = new HashSet<>(consumer.paused());
            paused.retainAll(consumer.assignment());
            consumer.resume(paused);
        }
    }

    private void failIfClosed() throws BrokerException {
        if (adapter.isClosed()) {
            throw adapter.closedFailure();
        }
        if (closed || consumerClosed) {
            throw new BrokerException.Fatal("Source of " + topic + " for group " + group + " is closed");
        }
    }

    private static long nanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }

    /** Runs inside {@code consumer.poll} on the polling thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            try {
                applySettlements();
                commit(revoked);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Commit on revocation failed for " + KafkaEventSource.this, e);
            }
            drop(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            drop(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            // State is created when a partition's first record is handed out.
        }

        private void drop(Collection<TopicPartition> gone) {
            for (TopicPartition tp : gone) {
                partitions.remove(tp);
            }
            buffer.removeIf(r -> gone.contains(new TopicPartition(r.topic(), r.partition())));
        }
    }
}
