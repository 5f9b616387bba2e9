package org.eson.adapters.memory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.config.AdapterConfig;

/** Shared fixtures: events, adapters, a settable clock. */
final class TestEvents {

    static final URI SOURCE = URI.create("urn:eson:test");

    private TestEvents() {
    }

    static CloudEvent event(String id) {
        return CloudEventBuilder.v1().withId(id).withSource(SOURCE).withType("test.event").build();
    }

    static CloudEvent keyed(String id, Object key) {
        var builder = CloudEventBuilder.v1().withId(id).withSource(SOURCE).withType("test.event");
        switch (key) {
            case String s -> builder.withExtension(StoredEvent.PARTITION_KEY, s);
            case Integer i -> builder.withExtension(StoredEvent.PARTITION_KEY, i);
            default -> throw new IllegalArgumentException("key type " + key.getClass());
        }
        return builder.build();
    }

    static MemoryBrokerAdapter adapter() throws BrokerException {
        return adapter(Map.of(), Clock.systemUTC());
    }

    static MemoryBrokerAdapter adapter(Map<String, String> settings, Clock clock) throws BrokerException {
        return new MemoryBrokerAdapter(AdapterConfig.of("test", settings), clock);
    }

    static void publish(EventSink sink, CloudEvent... events) {
        for (CloudEvent event : events) {
            sink.publish(event).join();
        }
    }

    static void publish(MemoryBrokerAdapter adapter, String flow, CloudEvent... events) throws BrokerException {
        try (EventSink sink = adapter.openSink(FlowSpec.of(flow))) {
            publish(sink, events);
        }
    }

    /** Polls without waiting. */
    static List<Delivery> pollNow(EventSource source, int max) throws BrokerException, InterruptedException {
        return source.poll(max, Duration.ZERO);
    }

    static List<String> ids(List<Delivery> deliveries) {
        var ids = new ArrayList<String>();
        deliveries.forEach(d -> ids.add(d.event().getId()));
        return ids;
    }

    /**
     * Starts a daemon thread: a test that fails while it is still blocked must not keep the
     * test JVM alive.
     */
    static Thread daemon(String name, Runnable work) {
        return Thread.ofPlatform().name(name).daemon(true).start(work);
    }

    /**
     * Starts {@code poll} on its own thread and completes the future with its outcome. Tests
     * wait for it with {@code get()}, which {@code @Timeout} can interrupt, unlike {@code join()}.
     */
    static CompletableFuture<List<Delivery>> pollInBackground(EventSource source, int max, Duration timeout,
            java.util.function.Consumer<Thread> started) {
        var result = new CompletableFuture<List<Delivery>>();
        Thread poller = daemon("poller", () -> {
            try {
                result.complete(source.poll(max, timeout));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        started.accept(poller);
        return result;
    }

    /** What {@code future} failed with; waits interruptibly. */
    static Throwable failureOf(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("completed normally");
    }

    /** Waits until {@code thread} is parked, so a test knows a poll is really blocked before it acts. */
    static void awaitBlocked(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                throw new AssertionError("thread " + thread.getName() + " never blocked, state " + thread.getState());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
