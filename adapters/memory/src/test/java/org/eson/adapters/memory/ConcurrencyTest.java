package org.eson.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ConcurrencyTest {

    private static final FlowSpec FLOW = FlowSpec.of("busy");

    /** Runs {@code work} on a platform thread, collecting any failure. */
    private static Thread start(String name, List<Throwable> failures, ThrowingRunnable work) {
        return TestEvents.daemon(name, () -> {
            try {
                work.run();
            } catch (Throwable t) {
                failures.add(t);
            }
        });
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void eightConcurrentPublishersOfFiveThousandEventsAreAllDeliveredInOrderPerKey() throws Exception {
        int publishers = 8;
        int perPublisher = 5000;
        int total = publishers * perPublisher;
        try (var adapter = TestEvents.adapter()) {
            adapter.create(FLOW);
            var failures = new CopyOnWriteArrayList<Throwable>();
            var go = new CountDownLatch(1);
            var threads = new ArrayList<Thread>();

            // Two competing consumers of one group, one consumer of another; they start before
            // the publishers so delivery interleaves with publishing.
            var competingSeen = new ConcurrentHashMap<String, Boolean>();
            var competingAcked = new AtomicInteger();
            var lastSeq = new ConcurrentHashMap<String, Integer>();
            for (int c = 0; c < 2; c++) {
                EventSource source = adapter.openSource(FLOW, new SourceSettings("competing"));
                threads.add(start("competing-" + c, failures, () -> {
                    try (source) {
                        while (competingAcked.get() < total) {
                            for (Delivery d : source.poll(100, Duration.ofMillis(50))) {
                                CloudEvent e = d.event();
                                assertThat(competingSeen.putIfAbsent(e.getId(), true)).as("duplicate " + e.getId()).isNull();
                                String key = (String) e.getExtension("partitionkey");
                                int seq = (Integer) e.getExtension("seq");
                                // The key's next event waits for this ack, so this update cannot race.
                                Integer previous = lastSeq.put(key, seq);
                                assertThat(previous == null ? -1 : previous).as("order of " + key).isEqualTo(seq - 1);
                                d.ack();
                                competingAcked.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            var aloneIds = new ArrayList<String>();
            EventSource aloneSource = adapter.openSource(FLOW, new SourceSettings("alone"));
            threads.add(start("alone", failures, () -> {
                try (aloneSource) {
                    while (aloneIds.size() < total) {
                        for (Delivery d : aloneSource.poll(500, Duration.ofMillis(50))) {
                            aloneIds.add(d.event().getId());
                            d.ack();
                        }
                    }
                }
            }));

            try (EventSink sink = adapter.openSink(FLOW)) {
                var publisherThreads = new ArrayList<Thread>();
                for (int p = 0; p < publishers; p++) {
                    String key = "p" + p;
                    publisherThreads.add(start("publisher-" + p, failures, () -> {
                        go.await();
                        for (int i = 0; i < perPublisher; i++) {
                            CloudEvent event = CloudEventBuilder.v1().withId(key + "-" + i).withSource(TestEvents.SOURCE)
                                    .withType("t").withExtension("partitionkey", key).withExtension("seq", i).build();
                            assertThat(sink.publish(event)).isCompleted();
                        }
                    }));
                }
                go.countDown();
                for (Thread t : publisherThreads) {
                    t.join();
                }
            }
            for (Thread t : threads) {
                t.join();
            }

            assertThat(failures).isEmpty();
            assertThat(competingSeen).hasSize(total);
            assertThat(lastSeq).hasSize(publishers).allSatisfy((key, seq) -> assertThat(seq).isEqualTo(perPublisher - 1));
            assertThat(aloneIds).hasSize(total).doesNotHaveDuplicates();
            assertThat(adapter.retainedEvents(FLOW.flow())).isZero();
        }
    }

    @Test
    void competingConsumersThatNackAtRandomKeepPerKeyOrderAndAckEverythingOnce() throws Exception {
        int events = 4000;
        try (var adapter = TestEvents.adapter()) {
            adapter.create(FLOW);
            var tracker = new GroupTracker("competing");
            // Known to the tracker before any consumer runs, so "done" cannot be true early.
            var toPublish = new ArrayList<CloudEvent>();
            var keys = new Random(7);
            for (int i = 0; i < events; i++) {
                CloudEvent event = keys.nextInt(4) == 0
                        ? TestEvents.event("e" + i)
                        : TestEvents.keyed("e" + i, "k" + keys.nextInt(25));
                tracker.published(event);
                toPublish.add(event);
            }
            var failures = new CopyOnWriteArrayList<Throwable>();
            var threads = new ArrayList<Thread>();
            for (int c = 0; c < 2; c++) {
                var random = new Random(1000 + c);
                EventSource first = adapter.openSource(FLOW, new SourceSettings("competing"));
                threads.add(start("consumer-" + c, failures, () -> {
                    EventSource source = first;
                    var held = new ArrayList<Delivery>();
                    try {
                        while (!tracker.done() && failures.isEmpty()) {
                            List<Delivery> got = source.poll(1 + random.nextInt(8), Duration.ofMillis(20));
                            tracker.delivered(got);
                            held.addAll(got);
                            // Settle some now, keep the rest for later polls, like a slow consumer.
                            while (held.size() > random.nextInt(4)) {
                                Delivery d = held.remove(random.nextInt(held.size()));
                                if (random.nextInt(10) < 7) {
                                    tracker.acking(d);
                                    d.ack();
                                } else {
                                    tracker.nacking(d);
                                    d.nack();
                                }
                            }
                            if (random.nextInt(200) == 0) {
                                // Recorded first: once closed, the other consumer may get these at once.
                                tracker.released(held);
                                source.close();
                                held.clear();
                                source = adapter.openSource(FLOW, new SourceSettings("competing"));
                            }
                        }
                    } finally {
                        source.close();
                    }
                }));
            }
            try (EventSink sink = adapter.openSink(FLOW)) {
                for (CloudEvent event : toPublish) {
                    sink.publish(event).join();
                }
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).isEmpty();
            tracker.verifyComplete(false);
            assertThat(adapter.retainedEvents(FLOW.flow())).isZero();
        }
    }

    @Test
    void deliveriesCanBeSettledFromManyThreads() throws Exception {
        int events = 2000;
        try (var adapter = TestEvents.adapter(Map.of(), java.time.Clock.systemUTC())) {
            adapter.create(FLOW);
            try (EventSink sink = adapter.openSink(FLOW)) {
                for (int i = 0; i < events; i++) {
                    sink.publish(TestEvents.event("e" + i)).join();
                }
            }
            try (EventSource source = adapter.openSource(FLOW, new SourceSettings("g"))) {
                List<Delivery> all = source.poll(events, Duration.ZERO);
                assertThat(all).hasSize(events);
                var failures = new CopyOnWriteArrayList<Throwable>();
                var threads = new ArrayList<Thread>();
                for (int t = 0; t < 4; t++) {
                    int offset = t;
                    // Every thread acks every delivery: each event is settled once, the rest are no-ops.
                    threads.add(start("acker-" + t, failures, () -> {
                        for (int i = 0; i < events; i++) {
                            all.get((i + offset * 500) % events).ack();
                        }
                    }));
                }
                for (Thread t : threads) {
                    t.join();
                }
                assertThat(failures).isEmpty();
                assertThat(source.poll(10, Duration.ZERO)).isEmpty();
                assertThat(adapter.retainedEvents(FLOW.flow())).isZero();
            }
        }
    }
}
