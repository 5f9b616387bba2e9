package org.eson.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import org.eson.bridge.Bridge;
import org.eson.bridge.BridgeSettings;
import org.eson.bridge.BridgeStats;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bridge's copy loop against the real, in-process memory broker. (These live here rather
 * than in {@code bridge/} because the memory module runs the TCK, which depends on the bridge:
 * a test dependency of the bridge on this module would be a cycle Maven refuses.)
 */
@Timeout(120)
class BridgeWithMemoryTest {

    private static final FlowSpec IN = FlowSpec.of("in.flows.test");
    private static final FlowSpec OUT = FlowSpec.of("out.flows.test");
    private static final BridgeSettings SETTINGS = BridgeSettings.defaults().withBatchSize(100).withMaxInFlight(64)
            .withPollTimeout(Duration.ofMillis(50)).withBackoff(Duration.ofMillis(5), Duration.ofMillis(100));

    @Test
    void copiesTenThousandEventsAcrossABridgeRestartCountingDuplicates() throws Exception {
        int n = 10_000;
        try (var adapter = TestEvents.adapter();
                ScheduledExecutorService confirmations = Executors.newScheduledThreadPool(2)) {
            adapter.create(IN);
            adapter.create(OUT);
            var ids = new ArrayList<String>();
            try (EventSink producer = adapter.openSink(IN)) {
                for (int i = 0; i < n; i++) {
                    ids.add("e" + i);
                    producer.publish(TestEvents.keyed("e" + i, "k" + (i % 32))).join();
                }
            }
            SourceSettings group = new SourceSettings("bridge");
            try (EventSink out = new SlowConfirmations(adapter.openSink(OUT), confirmations, 5000);
                    EventSource verify = adapter.openSource(OUT, new SourceSettings("verify"))) {
                EventSource first = adapter.openSource(IN, group);
                Bridge bridge1 = Bridge.start(first, out, SETTINGS);
                awaitOut(bridge1, n / 3);
                // Stop mid-stream without waiting for confirmations: what is in flight stays
                // unacknowledged and must come again through the next bridge.
                bridge1.close(Duration.ZERO);
                first.close();
                BridgeStats s1 = bridge1.stats();
                assertThat(bridge1.isDone()).isTrue();
                assertThat(s1.status()).isEqualTo(BridgeStats.Status.STOPPED);
                assertThat(s1.eventsOut()).isLessThan(n);

                try (EventSource second = adapter.openSource(IN, group);
                        Bridge bridge2 = Bridge.start(second, out, SETTINGS)) {
                    Map<String, Integer> counts = receiveAll(verify, ids, Duration.ofSeconds(60));
                    int duplicates = counts.values().stream().mapToInt(c -> c - 1).sum();
                    System.out.printf("memory -> memory: %d events, %d distinct received, %d duplicates;"
                            + " bridge 1 confirmed %d, bridge 2 confirmed %d%n", n, counts.size(), duplicates,
                            s1.eventsOut(), bridge2.stats().eventsOut());
                    assertThat(counts.keySet()).as("every id at least once").containsExactlyInAnyOrderElementsOf(ids);
                    // Bridge 1 was stopped with publishes in flight: those were appended to OUT but
                    // never acknowledged, so bridge 2 copied them again. Only they can be duplicates.
                    assertThat(s1.eventsOut() + bridge2.stats().eventsOut()).as("confirmed by the two bridges")
                            .isEqualTo(n);
                    assertThat(duplicates).as("duplicates").isBetween(0, abandoned(s1));
                }
            }
        }
    }

    /** What bridge 1 polled but left unconfirmed: published (then copied again) or never published. */
    private static int abandoned(BridgeStats s1) {
        return (int) (s1.eventsIn() - s1.eventsOut());
    }

    @Test
    void keepsOrderPerKeyWithConfirmationsOutOfOrder() throws Exception {
        int n = 3000;
        try (var adapter = TestEvents.adapter();
                ScheduledExecutorService confirmations = Executors.newScheduledThreadPool(4)) {
            adapter.create(IN);
            adapter.create(OUT);
            var expected = new LinkedHashMap<String, List<String>>();
            try (EventSink producer = adapter.openSink(IN)) {
                for (int i = 0; i < n; i++) {
                    String key = "k" + (i % 10);
                    producer.publish(TestEvents.keyed("e" + i, key)).join();
                    expected.computeIfAbsent(key, k -> new ArrayList<>()).add("e" + i);
                }
            }
            try (EventSink out = new SlowConfirmations(adapter.openSink(OUT), confirmations, 2000);
                    EventSource source = adapter.openSource(IN, new SourceSettings("bridge"));
                    EventSource verify = adapter.openSource(OUT, new SourceSettings("verify"));
                    Bridge bridge = Bridge.start(source, out, SETTINGS)) {
                var actual = new LinkedHashMap<String, List<String>>();
                int got = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (got < n && System.nanoTime() < deadline) {
                    for (Delivery d : verify.poll(500, Duration.ofMillis(100))) {
                        actual.computeIfAbsent(String.valueOf(d.event().getExtension("partitionkey")),
                                k -> new ArrayList<>()).add(d.event().getId());
                        d.ack();
                        got++;
                    }
                }
                assertThat(actual).isEqualTo(expected);
                assertThat(bridge.stats().failures()).isZero();
            }
        }
    }

    @Test
    void publishingToADeletedFlowIsRetriedWithBackoffAndLosesNothing() throws Exception {
        try (var adapter = TestEvents.adapter()) {
            adapter.create(IN);
            adapter.create(OUT);
            var ids = new ArrayList<String>();
            try (EventSink producer = adapter.openSink(IN)) {
                for (int i = 0; i < 100; i++) {
                    ids.add("e" + i);
                    producer.publish(TestEvents.event("e" + i)).join();
                }
            }
            SourceSettings group = new SourceSettings("bridge");
            EventSink doomed = adapter.openSink(OUT);
            adapter.delete(OUT);
            try (EventSource source = adapter.openSource(IN, group)) {
                Bridge bridge = Bridge.start(source, doomed, SETTINGS);
                Thread.sleep(500);
                BridgeStats stats = bridge.stats();
                bridge.close();
                assertThat(stats.status()).isEqualTo(BridgeStats.Status.RUNNING);
                assertThat(stats.eventsOut()).isZero();
                // Backing off from 5 ms doubling to 100 ms: a handful of failing batches, not thousands.
                assertThat(stats.failures()).isPositive().isLessThan(2_000);
                assertThat(bridge.stats().status()).isEqualTo(BridgeStats.Status.STOPPED);
            }
            doomed.close();
            adapter.create(OUT);
            try (EventSink out = adapter.openSink(OUT);
                    EventSource source = adapter.openSource(IN, group);
                    EventSource verify = adapter.openSource(OUT, new SourceSettings("verify"));
                    Bridge bridge = Bridge.start(source, out, SETTINGS)) {
                assertThat(receiveAll(verify, ids, Duration.ofSeconds(30)).keySet())
                        .as("nothing was acknowledged while the sink failed").containsExactlyInAnyOrderElementsOf(ids);
                assertThat(bridge.stats().failures()).isZero();
            }
        }
    }

    @Test
    void aSourceWhoseFlowIsDeletedStopsTheBridge() throws Exception {
        try (var adapter = TestEvents.adapter()) {
            adapter.create(IN);
            adapter.create(OUT);
            try (EventSource source = adapter.openSource(IN, new SourceSettings("g"));
                    EventSink out = adapter.openSink(OUT)) {
                Bridge bridge = Bridge.start(source, out, SETTINGS);
                adapter.delete(IN);
                assertThat(bridge.awaitDone(Duration.ofSeconds(10))).isTrue();
                assertThat(bridge.stats().status()).isInstanceOf(BridgeStats.Status.Failed.class);
                bridge.close();
            }
        }
    }

    private static void awaitOut(Bridge bridge, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (bridge.stats().eventsOut() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("bridge copied only " + bridge.stats());
            }
            Thread.sleep(1);
        }
    }

    private static Map<String, Integer> receiveAll(EventSource verify, List<String> ids, Duration timeout)
            throws Exception {
        var counts = new HashMap<String, Integer>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counts.size() < ids.size() && System.nanoTime() < deadline) {
            for (Delivery d : verify.poll(500, Duration.ofMillis(100))) {
                counts.merge(d.event().getId(), 1, Integer::sum);
                d.ack();
            }
        }
        // Late duplicates: whatever is still on its way.
        for (Delivery d : verify.poll(10_000, Duration.ofMillis(300))) {
            counts.merge(d.event().getId(), 1, Integer::sum);
            d.ack();
        }
        return counts;
    }

    /** A memory sink whose confirmations arrive later and in any order, as a networked broker's do. */
    private record SlowConfirmations(EventSink sink, ScheduledExecutorService scheduler, int maxDelayMicros)
            implements EventSink {
        @Override
        public CompletableFuture<Void> publish(CloudEvent event) {
            CompletableFuture<Void> appended = sink.publish(event);
            var later = new CompletableFuture<Void>();
            scheduler.schedule(() -> appended.whenComplete((ok, failure) -> {
                if (failure != null) {
                    later.completeExceptionally(failure);
                } else {
                    later.complete(null);
                }
            }), ThreadLocalRandom.current().nextInt(maxDelayMicros), TimeUnit.MICROSECONDS);
            return later;
        }

        @Override
        public void close() {
            sink.close();
        }
    }
}
