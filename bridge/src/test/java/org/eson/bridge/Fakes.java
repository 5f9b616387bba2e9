package org.eson.bridge;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.eson.spi.BrokerException;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;

/**
 * Scripted sources and sinks for the rules a real broker cannot be made to show on demand:
 * {@link ListSource} hands out a key's events together (as a Kafka partition does, unlike the
 * memory broker, which holds a key's next event back), {@link ScriptedSink} confirms in any
 * order, fails or never answers.
 */
final class Fakes {

    private Fakes() {
    }

    static CloudEvent event(String id, String key) {
        var b = CloudEventBuilder.v1().withId(id).withSource(URI.create("urn:test")).withType("t");
        if (key != null) {
            b.withExtension(Bridge.PARTITION_KEY, key);
        }
        return b.build();
    }

    /** A queue of events; nacked ones go back to the front, in offset order. */
    static final class ListSource implements EventSource {
        private final Deque<FakeDelivery> queue = new ArrayDeque<>();
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final List<String> nacked = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger polls = new AtomicInteger();
        volatile Function<Integer, BrokerException> pollFailure = n -> null;
        /** Ids whose publish the sink confirmed; an ack before that is a violation. */
        volatile Set<String> confirmed;
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Integer> counts = new HashMap<>();

        ListSource(List<CloudEvent> events) {
            events.forEach(e -> queue.add(new FakeDelivery(this, e, 1)));
        }

        @Override
        public synchronized List<Delivery> poll(int maxEvents, Duration timeout) throws BrokerException, InterruptedException {
            BrokerException failure = pollFailure.apply(polls.incrementAndGet());
            if (failure != null) {
                throw failure;
            }
            var out = new ArrayList<Delivery>();
            while (out.size() < maxEvents && !queue.isEmpty()) {
                out.add(queue.pollFirst());
            }
            if (out.isEmpty()) {
                wait(Math.max(1, Math.min(timeout.toMillis(), 20)));
            }
            return out;
        }

        synchronized void nack(FakeDelivery d) {
            nacked.add(d.event().getId());
            int count = counts.merge(d.event().getId(), 1, Integer::sum);
            queue.addFirst(new FakeDelivery(this, d.event(), count + 1));
            notifyAll();
        }

        void ack(FakeDelivery d) {
            Set<String> c = confirmed;
            if (c != null && !c.contains(d.event().getId())) {
                violations.add("acked " + d.event().getId() + " before its publish was confirmed");
            }
            acked.add(d.event().getId());
        }

        synchronized int remaining() {
            return queue.size();
        }

        @Override
        public void close() {
        }
    }

    static final class FakeDelivery implements Delivery {
        private final ListSource source;
        private final CloudEvent event;
        private final int count;
        private boolean settled;

        FakeDelivery(ListSource source, CloudEvent event, int count) {
            this.source = source;
            this.event = event;
            this.count = count;
        }

        @Override
        public CloudEvent event() {
            return event;
        }

        @Override
        public int deliveryCount() {
            return count;
        }

        @Override
        public synchronized void ack() {
            if (settled) {
                source.violations.add("settled twice: " + event.getId());
            }
            settled = true;
            source.ack(this);
        }

        @Override
        public synchronized void nack() {
            if (settled) {
                source.violations.add("settled twice: " + event.getId());
            }
            settled = true;
            source.nack(this);
        }
    }

    /**
     * Records publishes; completes each after a random delay on its own scheduler (so
     * confirmations come back out of order), fails when {@link #failure} says so, or never
     * completes when {@link #hang} is set.
     */
    static final class ScriptedSink implements EventSink {
        final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
        final List<String> published = Collections.synchronizedList(new ArrayList<>());
        final Set<String> confirmed = ConcurrentHashMap.newKeySet();
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        final Set<String> keysInFlight = ConcurrentHashMap.newKeySet();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        volatile Function<Integer, Throwable> failure = n -> null;
        volatile boolean hang;
        volatile int maxDelayMicros = 500;
        private final Set<String> hungIds = new HashSet<>();

        @Override
        public CompletableFuture<Void> publish(CloudEvent event) {
            int n = attempts.incrementAndGet();
            String key = (String) event.getExtension(Bridge.PARTITION_KEY);
            if (key != null && !keysInFlight.add(key)) {
                violations.add("key " + key + " published while its previous event was in flight: " + event.getId());
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            var future = new CompletableFuture<Void>();
            if (hang) {
                synchronized (hungIds) {
                    hungIds.add(event.getId());
                }
                return future;
            }
            Throwable fail = failure.apply(n);
            long delay = ThreadLocalRandom.current().nextInt(Math.max(1, maxDelayMicros));
            scheduler.schedule(() -> {
                if (key != null) {
                    keysInFlight.remove(key);
                }
                inFlight.decrementAndGet();
                if (fail != null) {
                    future.completeExceptionally(fail);
                } else {
                    published.add(event.getId());
                    confirmed.add(event.getId());
                    future.complete(null);
                }
            }, delay, TimeUnit.MICROSECONDS);
            return future;
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }
}
