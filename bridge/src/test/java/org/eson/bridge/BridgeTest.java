package org.eson.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.cloudevents.CloudEvent;
import org.eson.spi.BrokerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BridgeTest {

    private static final BridgeSettings FAST = BridgeSettings.defaults().withPollTimeout(Duration.ofMillis(50))
            .withBatchSize(50).withMaxInFlight(16).withBackoff(Duration.ofMillis(5), Duration.ofMillis(40));

    private static List<CloudEvent> keyed(int n, int keys) {
        var out = new ArrayList<CloudEvent>();
        for (int i = 0; i < n; i++) {
            out.add(Fakes.event("e" + i, keys == 0 ? null : "k" + (i % keys)));
        }
        return out;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void copiesEverythingAndAcksOnlyConfirmedPublishes() throws Exception {
        var source = new Fakes.ListSource(keyed(2000, 0));
        try (var sink = new Fakes.ScriptedSink()) {
            source.confirmed = sink.confirmed;
            Bridge bridge = Bridge.start(source, sink, FAST);
            await("every ack", () -> source.acked.size() == 2000);
            bridge.close();
            BridgeStats stats = bridge.stats();
            assertThat(stats.eventsIn()).isEqualTo(2000);
            assertThat(stats.eventsOut()).isEqualTo(2000);
            assertThat(stats.failures()).isZero();
            assertThat(stats.lastEventTime()).isPresent();
            assertThat(stats.status()).isEqualTo(BridgeStats.Status.STOPPED);
            assertThat(source.violations).isEmpty();
            assertThat(bridge.thread().isAlive()).as("bridge thread after close").isFalse();
            assertThat(bridge.thread().isVirtual()).isTrue();
        }
    }

    @Test
    void keepsOrderPerKeyWhileConfirmationsComeBackOutOfOrder() throws Exception {
        List<CloudEvent> events = keyed(3000, 7);
        var source = new Fakes.ListSource(events);
        try (var sink = new Fakes.ScriptedSink()) {
            sink.maxDelayMicros = 2000;
            Bridge bridge = Bridge.start(source, sink, FAST);
            await("every ack", () -> source.acked.size() == events.size());
            bridge.close();
            assertThat(sink.violations).isEmpty();
            var expected = new LinkedHashMap<String, List<String>>();
            var actual = new LinkedHashMap<String, List<String>>();
            events.forEach(e -> expected.computeIfAbsent(key(e), k -> new ArrayList<>()).add(e.getId()));
            Map<String, CloudEvent> byId = new LinkedHashMap<>();
            events.forEach(e -> byId.put(e.getId(), e));
            new ArrayList<>(sink.published).forEach(id -> actual.computeIfAbsent(key(byId.get(id)), k -> new ArrayList<>()).add(id));
            assertThat(actual).isEqualTo(expected);
            assertThat(sink.maxInFlight.get()).as("different keys were in flight together").isGreaterThan(1);
        }
    }

    @Test
    void boundsPublishesInFlight() throws Exception {
        var source = new Fakes.ListSource(keyed(2000, 0));
        try (var sink = new Fakes.ScriptedSink()) {
            sink.maxDelayMicros = 3000;
            Bridge bridge = Bridge.start(source, sink, FAST.withMaxInFlight(5));
            await("every ack", () -> source.acked.size() == 2000);
            bridge.close();
            assertThat(sink.maxInFlight.get()).isLessThanOrEqualTo(5).isGreaterThan(1);
        }
    }

    @Test
    void retriablePollFailuresAreRetried() throws Exception {
        var source = new Fakes.ListSource(keyed(100, 0));
        source.pollFailure = n -> n <= 3 ? new BrokerException.Retriable("broker down") : null;
        try (var sink = new Fakes.ScriptedSink()) {
            Bridge bridge = Bridge.start(source, sink, FAST);
            await("every ack", () -> source.acked.size() == 100);
            assertThat(bridge.stats().failures()).isEqualTo(3);
            assertThat(bridge.stats().status()).isEqualTo(BridgeStats.Status.RUNNING);
            bridge.close();
        }
    }

    @Test
    void fatalPollFailureStopsTheBridge() throws Exception {
        var source = new Fakes.ListSource(keyed(10, 0));
        source.pollFailure = n -> new BrokerException.Fatal("bad credentials");
        try (var sink = new Fakes.ScriptedSink()) {
            Bridge bridge = Bridge.start(source, sink, FAST);
            assertThat(bridge.awaitDone(Duration.ofSeconds(10))).isTrue();
            assertThat(bridge.stats().status()).isInstanceOfSatisfying(BridgeStats.Status.Failed.class,
                    f -> assertThat(f.reason()).contains("bad credentials"));
            bridge.close();
            assertThat(bridge.stats().status()).isInstanceOf(BridgeStats.Status.Failed.class);
        }
    }

    @Test
    void failedPublishesAreNackedAndRetriedWithCappedBackoff() throws Exception {
        var source = new Fakes.ListSource(keyed(50, 5));
        try (var sink = new Fakes.ScriptedSink()) {
            long failUntil = System.nanoTime() + Duration.ofMillis(600).toNanos();
            sink.failure = n -> System.nanoTime() < failUntil ? new BrokerException.Retriable("unavailable") : null;
            Bridge bridge = Bridge.start(source, sink, FAST.withBackoff(Duration.ofMillis(10), Duration.ofMillis(40)));
            await("every ack", () -> source.acked.size() == 50);
            bridge.close();
            long failures = bridge.stats().failures();
            // Without backing off the loop would fail thousands of times in 600 ms; with
            // 10 ms doubling to 40 ms it fails at most a few dozen times (one in-flight batch per pause).
            assertThat(failures).isGreaterThanOrEqualTo(3).isLessThan(600);
            assertThat(source.nacked).hasSizeGreaterThanOrEqualTo((int) Math.min(failures, 3));
            assertThat(sink.violations).isEmpty();
            assertThat(bridge.stats().status()).isEqualTo(BridgeStats.Status.STOPPED);
        }
    }

    @Test
    void fatalPublishFailureStopsTheBridge() throws Exception {
        var source = new Fakes.ListSource(keyed(10, 0));
        try (var sink = new Fakes.ScriptedSink()) {
            sink.failure = n -> new BrokerException.Fatal("sink closed");
            Bridge bridge = Bridge.start(source, sink, FAST);
            assertThat(bridge.awaitDone(Duration.ofSeconds(10))).isTrue();
            assertThat(bridge.stats().status()).hasToString("FAILED(sink failed: sink closed)");
            assertThat(source.acked).isEmpty();
        }
    }

    @Test
    void aDeadLetterTakesEventsTheSinkRefusesForGoodAndTheRestStillFlows() throws Exception {
        var source = new Fakes.ListSource(keyed(20, 2));
        var deadLettered = java.util.Collections.synchronizedList(new ArrayList<String>());
        try (var scripted = new Fakes.ScriptedSink()) {
            org.eson.spi.bridge.EventSink sink = new org.eson.spi.bridge.EventSink() {
                @Override
                public java.util.concurrent.CompletableFuture<Void> publish(CloudEvent event) {
                    if (event.getId().equals("e5")) {
                        return java.util.concurrent.CompletableFuture.failedFuture(new BrokerException.Fatal("poison"));
                    }
                    return scripted.publish(event);
                }

                @Override
                public void close() {
                }
            };
            var settings = FAST.withDeadLetter(new DeadLetter(3, (event, failure) -> deadLettered.add(event.getId())));
            Bridge bridge = Bridge.start(source, sink, settings);
            await("every ack", () -> source.acked.size() == 20);
            bridge.close();
            assertThat(deadLettered).containsExactly("e5");
            assertThat(source.nacked.stream().filter("e5"::equals).count()).isEqualTo(2);
            assertThat(bridge.stats().deadLettered()).isEqualTo(1);
            assertThat(bridge.stats().eventsOut()).isEqualTo(19);
            assertThat(bridge.stats().status()).isEqualTo(BridgeStats.Status.STOPPED);
            assertThat(source.violations).isEmpty();
            assertThat(scripted.violations).isEmpty();
        }
    }

    @Test
    void aFailingDeadLetterIsRetriedLikeARetriablePublish() throws Exception {
        var source = new Fakes.ListSource(keyed(3, 0));
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        try (var sink = new Fakes.ScriptedSink()) {
            sink.failure = n -> new BrokerException.Fatal("refused");
            var settings = FAST.withDeadLetter(new DeadLetter(1, (event, failure) -> {
                if (calls.incrementAndGet() <= 2) {
                    throw new BrokerException.Retriable("dead-letter flow down");
                }
            }));
            Bridge bridge = Bridge.start(source, sink, settings);
            await("every ack", () -> source.acked.size() == 3);
            bridge.close();
            assertThat(bridge.stats().deadLettered()).isEqualTo(3);
            assertThat(bridge.stats().status()).isEqualTo(BridgeStats.Status.STOPPED);
        }
    }

    @Test
    void closeLeavesUnconfirmedDeliveriesUnsettledAndReturnsInBoundedTime() throws Exception {
        var source = new Fakes.ListSource(keyed(20, 0));
        try (var sink = new Fakes.ScriptedSink()) {
            sink.hang = true;
            Bridge bridge = Bridge.start(source, sink, FAST);
            await("publishes in flight", () -> sink.attempts.get() >= 16);
            long start = System.nanoTime();
            bridge.close(Duration.ofMillis(100));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(source.acked).isEmpty();
            assertThat(source.nacked).as("left unacked, not nacked").isEmpty();
            assertThat(bridge.thread().isAlive()).isFalse();
            assertThat(bridge.stats().status()).isEqualTo(BridgeStats.Status.STOPPED);
            bridge.close();
        }
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> BridgeSettings.defaults().withBatchSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BridgeSettings.defaults().withMaxInFlight(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BridgeSettings.defaults().withPollTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BridgeSettings.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String key(CloudEvent e) {
        return String.valueOf(e.getExtension(Bridge.PARTITION_KEY));
    }
}
