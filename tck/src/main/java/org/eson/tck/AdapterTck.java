package org.eson.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.cloudevents.CloudEvent;
import org.eson.bridge.Bridge;
import org.eson.bridge.BridgeSettings;
import org.eson.bridge.BridgeStats;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.Capability;
import org.eson.spi.Events;
import org.eson.spi.FlowDescription;
import org.eson.spi.FlowOptions;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.eson.spi.config.AdapterConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TCK: what every broker adapter must do to be an ESON adapter. An adapter module runs it by
 * extending this class once, in its tests, and returning its {@link TckSubject} from
 * {@link #subject()}; the subclass registers its broker fixture extension itself. JUnit runs every
 * {@link Nested} area below for the subclass.
 *
 * <p>Tests of a capability run only when {@link BrokerAdapter#capabilities()} declares it, and are
 * skipped with the reason otherwise; a declared capability must pass. Every flow and consumer
 * group gets a name unique to the run ({@code tck-<run>.<area>-<n>}), so leftovers of earlier runs
 * on a long-lived broker never interfere; the TCK deletes what it created. Every wait is scaled by
 * {@link TckSubject#timeoutMultiplier()}. The outcome of each test is written to
 * {@code target/tck-report/<type>.md}.
 */
@ExtendWith(TckReportExtension.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
public abstract class AdapterTck {

    /** Unique to this JVM's run: a valid DNS label part. */
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** The reference adapter's type, the other end of the memory bridging tests. */
    private static final String MEMORY = "memory";
    private static final System.Logger LOG = System.getLogger(AdapterTck.class.getName());

    /** Closed in reverse order after each test: sources, sinks, flows (deleted), adapters. */
    private final Deque<Cleanup> cleanups = new ArrayDeque<>();
    private BrokerAdapter adapter;
    private TckSubject subject;

    /** The adapter, its native probe and its fixture's abilities. Called once per test. */
    protected abstract TckSubject subject();

    // ------------------------------------------------------------------ areas

    /** Start, close, and what close leaves behind. */
    @Nested
    @DisplayName("Lifecycle")
    @Order(1)
    class Lifecycle {

        @Test
        @DisplayName("starts with minimal configuration and answers")
        void startsWithMinimalConfiguration() throws Exception {
            BrokerAdapter a = adapter();
            assertThat(a.type()).as("type()").isNotBlank().matches("[a-z][a-z0-9-]*");
            assertThat(a.capabilities()).as("capabilities()").isNotNull();
            a.checkReachable();
        }

        @Test
        @DisplayName("close twice does nothing the second time")
        void closeTwice() throws Exception {
            BrokerAdapter a = tckSubject().newAdapter();
            recordAdapter(a);
            FlowSpec flow = newFlowSpec("lifecycle", Map.of());
            a.create(flow);
            a.delete(flow);
            a.close();
            a.close();
        }

        @Test
        @DisplayName("no thread is left running after close")
        void noThreadLeftAfterClose() throws Exception {
            Set<Thread> before = liveThreads();
            BrokerAdapter a = tckSubject().newAdapter();
            recordAdapter(a);
            try {
                FlowSpec flow = newFlowSpec("lifecycle", Map.of());
                a.create(flow);
                try (EventSink sink = a.openSink(flow); EventSource source = a.openSource(flow, group("threads"))) {
                    publish(sink, TckEvents.event(id("thread")));
                    List<Delivery> got = pollUntil(source, 1, scaled(10));
                    assertThat(got).hasSize(1);
                    got.forEach(Delivery::ack);
                }
                a.delete(flow);
            } finally {
                a.close();
            }
            long deadline = System.nanoTime() + scaled(5).toNanos();
            List<Thread> left;
            do {
                left = liveThreads().stream()
                        .filter(t -> !before.contains(t) && t != Thread.currentThread())
                        .filter(t -> !isJvmThread(t) && !tckSubject().fixtureThreads().test(t))
                        .toList();
                if (left.isEmpty()) {
                    return;
                }
                Thread.sleep(50);
            } while (System.nanoTime() < deadline);
            fail("threads still running after close: " + left.stream().map(AdapterTck::describeThread)
                    .collect(Collectors.joining("; ")));
        }
    }

    /** CREATE, DESCRIBE, DELETE of a flow's broker resource. */
    @Nested
    @DisplayName("Provisioning")
    @Order(2)
    class Provisioning {

        @Test
        @DisplayName("create is idempotent and describes the flow as describe does")
        void createIsIdempotent() throws Exception {
            FlowSpec flow = newFlowSpec("provisioning", Map.of());
            FlowDescription first = createTracked(adapter(), flow);
            FlowDescription second = adapter().create(flow);
            assertThat(second.parameters()).as("second create").isEqualTo(first.parameters());
            assertThat(adapter().describe(flow).parameters()).as("describe").isEqualTo(first.parameters());
        }

        @Test
        @DisplayName("describe names topic or queue, server and tls")
        void describeHasTheRequiredParameters() throws Exception {
            FlowSpec flow = newFlowSpec("provisioning", Map.of());
            FlowDescription d = createTracked(adapter(), flow);
            assertThat(d.parameters()).as("DESCRIBE parameters").containsKeys("server", "tls");
            assertThat(d.parameters().containsKey("topic") || d.parameters().containsKey("queue"))
                    .as("DESCRIBE has topic or queue: %s", d.parameters()).isTrue();
            assertThat(d.parameters().get("tls")).as("tls").isIn("true", "false");
            assertThat(d.parameters()).as("the gateway adds flow and type itself").doesNotContainKeys("flow", "type");
        }

        @Test
        @DisplayName("describe and sources of a flow that was never created fail with NoSuchResource")
        void missingFlow() {
            FlowSpec flow = newFlowSpec("provisioning", Map.of());
            assertThatThrownBy(() -> adapter().describe(flow)).isInstanceOf(BrokerException.NoSuchResource.class);
        }

        @Test
        @DisplayName("delete is idempotent, also of a flow that never existed")
        void deleteIsIdempotent() throws Exception {
            FlowSpec flow = newFlowSpec("provisioning", Map.of());
            adapter().create(flow);
            adapter().delete(flow);
            adapter().delete(flow);
            adapter().delete(newFlowSpec("provisioning", Map.of()));
            assertThatThrownBy(() -> adapter().describe(flow)).isInstanceOf(BrokerException.NoSuchResource.class);
        }

        @Test
        @DisplayName("flows are isolated: events and deletion of one do not touch another")
        void flowsAreIsolated() throws Exception {
            FlowSpec a = newFlowSpec("isolation", Map.of());
            FlowSpec b = newFlowSpec("isolation", Map.of());
            createTracked(adapter(), a);
            createTracked(adapter(), b);
            SourceSettings g = group("isolation");
            EventSource onB = source(adapter(), b, g);
            publish(sink(adapter(), a), TckEvents.event(id("only-a")));
            assertThat(ids(pollFor(onB, scaled(1)))).as("events on b").isEmpty();
            adapter().delete(a);
            adapter().describe(b);
            CloudEvent e = TckEvents.event(id("only-b"));
            publish(sink(adapter(), b), e);
            assertThat(ids(receive(onB, 1, scaled(10)))).containsExactly(e.getId());
        }

        @Test
        @DisplayName("DESCRIBE's parameters let the native client produce to and consume from the flow")
        void nativeClientUsesTheDescription() throws Exception {
            FlowSpec flow = newFlowSpec("native", Map.of());
            FlowDescription d = createTracked(adapter(), flow);
            NativeProbe probe = probe();
            CloudEvent e = TckEvents.event(id("native"));
            probe.publish(d, e);
            List<CloudEvent> got = probe.consume(d, groupName("native"), 1, scaled(20));
            CloudEventsAssert.assertSameEvents(got, List.of(e));
        }
    }

    /** Every CloudEvents attribute survives each way in and out of the broker. */
    @Nested
    @DisplayName("CloudEvents round trip")
    @Order(3)
    class RoundTrip {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.eson.tck.TckEvents#samples")
        @DisplayName("adapter sink -> adapter source")
        void adapterToAdapter(TckEvents.Sample sample) throws Exception {
            FlowSpec flow = newFlowSpec("roundtrip", Map.of());
            createTracked(adapter(), flow);
            EventSource source = source(adapter(), flow, group("roundtrip"));
            CloudEvent e = sample.create(id("rt"));
            publish(sink(adapter(), flow), e);
            CloudEventsAssert.assertSameEvents(events(receive(source, 1, scaled(20))), List.of(e));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.eson.tck.TckEvents#samples")
        @DisplayName("adapter sink -> native client")
        void adapterToNative(TckEvents.Sample sample) throws Exception {
            FlowSpec flow = newFlowSpec("roundtrip", Map.of());
            FlowDescription d = createTracked(adapter(), flow);
            CloudEvent e = sample.create(id("rt"));
            publish(sink(adapter(), flow), e);
            CloudEventsAssert.assertSameEvents(probe().consume(d, groupName("rt"), 1, scaled(20)), List.of(e));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.eson.tck.TckEvents#samples")
        @DisplayName("native client -> adapter source")
        void nativeToAdapter(TckEvents.Sample sample) throws Exception {
            FlowSpec flow = newFlowSpec("roundtrip", Map.of());
            FlowDescription d = createTracked(adapter(), flow);
            EventSource source = source(adapter(), flow, group("roundtrip"));
            CloudEvent e = sample.create(id("rt"));
            probe().publish(d, e);
            CloudEventsAssert.assertSameEvents(events(receive(source, 1, scaled(20))), List.of(e));
        }
    }

    /** Acknowledgement, redelivery, consumer groups, concurrency. */
    @Nested
    @DisplayName("Delivery")
    @Order(4)
    class DeliveryRules {

        @Test
        @DisplayName("a nacked event is delivered again, with a higher delivery count")
        void nackedEventIsRedelivered() throws Exception {
            FlowSpec flow = flow("delivery");
            EventSource source = source(adapter(), flow, group("nack"));
            CloudEvent e = TckEvents.event(id("nack"));
            publish(sink(adapter(), flow), e);
            Delivery first = pollUntil(source, 1, scaled(10)).getFirst();
            assertThat(first.event().getId()).isEqualTo(e.getId());
            assertThat(first.deliveryCount()).as("first delivery count").isEqualTo(1);
            first.nack();
            Delivery again = pollUntil(source, 1, scaled(20)).getFirst();
            assertThat(again.event().getId()).as("redelivered event").isEqualTo(e.getId());
            assertThat(again.deliveryCount()).as("delivery count after a nack").isGreaterThan(1);
            CloudEventsAssert.assertSameEvent(again.event(), e);
            again.ack();
            assertThat(ids(pollFor(source, scaled(1)))).as("after the ack").isEmpty();
        }

        @Test
        @DisplayName("acknowledged events are not delivered to the group again")
        void ackedEventsStayAcknowledged() throws Exception {
            FlowSpec flow = flow("delivery");
            SourceSettings g = group("acked");
            EventSink sink = sink(adapter(), flow);
            List<CloudEvent> sent = events("acked", 5);
            try (EventSource source = adapter().openSource(flow, g)) {
                publish(sink, sent);
                assertThat(ids(receive(source, 5, scaled(10)))).containsExactlyInAnyOrderElementsOf(ids(sent, true));
            }
            try (EventSource again = adapter().openSource(flow, g)) {
                CloudEvent marker = TckEvents.event(id("marker"));
                publish(sink, marker);
                assertThat(ids(receive(again, 1, scaled(10)))).as("the reopened group gets only what is new")
                        .containsExactly(marker.getId());
                assertThat(ids(pollFor(again, scaled(1)))).isEmpty();
            }
        }

        @Test
        @DisplayName("nothing is lost when a source is closed and reopened")
        void nothingLostOnCloseAndReopen() throws Exception {
            FlowSpec flow = flow("delivery");
            SourceSettings g = group("reopen");
            List<CloudEvent> sent = events("reopen", 40);
            publish(sink(adapter(), flow), sent);
            var acked = new LinkedHashSet<String>();
            var unacked = new LinkedHashSet<String>();
            try (EventSource first = adapter().openSource(flow, g)) {
                List<Delivery> got = pollUntil(first, 20, scaled(10));
                assertThat(got).as("first source").isNotEmpty();
                for (int i = 0; i < got.size(); i++) {
                    if (i < got.size() / 2) {
                        got.get(i).ack();
                        acked.add(got.get(i).event().getId());
                    } else {
                        unacked.add(got.get(i).event().getId());
                    }
                }
            }
            var second = new LinkedHashSet<String>();
            try (EventSource reopened = adapter().openSource(flow, g)) {
                var missing = new LinkedHashSet<>(ids(sent, true));
                missing.removeAll(acked);
                for (Delivery d : receiveIds(reopened, missing, scaled(20))) {
                    second.add(d.event().getId());
                }
            }
            assertThat(second).as("redelivered after reopening").containsAll(unacked);
            var all = new HashSet<>(acked);
            all.addAll(second);
            assertThat(all).as("acked by the first source or delivered to the second")
                    .containsExactlyInAnyOrderElementsOf(ids(sent, true));
        }

        @Test
        @DisplayName("a new consumer group starts from the earliest event, and groups are independent")
        void groupsAreIndependent() throws Exception {
            FlowSpec flow = flow("delivery");
            List<CloudEvent> sent = events("groups", 10);
            publish(sink(adapter(), flow), sent);
            EventSource a = source(adapter(), flow, group("a"));
            EventSource b = source(adapter(), flow, group("b"));
            assertThat(ids(receive(a, 10, scaled(10)))).containsExactlyInAnyOrderElementsOf(ids(sent, true));
            assertThat(ids(receive(b, 10, scaled(10)))).as("a second group gets every event too")
                    .containsExactlyInAnyOrderElementsOf(ids(sent, true));
        }

        @Test
        @DisplayName("concurrent publishers on one sink and on several sinks lose nothing")
        void concurrentPublishers() throws Exception {
            FlowSpec flow = flow("concurrent");
            EventSink shared = sink(adapter(), flow);
            int threads = 8;
            int perThread = 100;
            var sent = new ConcurrentIds();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                var futures = new ArrayList<Future<?>>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    EventSink own = thread % 2 == 0 ? shared : sink(adapter(), flow);
                    futures.add(pool.submit(() -> {
                        var pending = new ArrayList<CompletableFuture<Void>>();
                        for (int i = 0; i < perThread; i++) {
                            CloudEvent e = TckEvents.keyed(id("c" + thread + "-" + i), "t" + thread);
                            sent.add(e.getId());
                            pending.add(own.publish(e));
                        }
                        for (CompletableFuture<Void> f : pending) {
                            f.get(scaled(30).toMillis(), TimeUnit.MILLISECONDS);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(scaled(60).toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            EventSource source = source(adapter(), flow, group("concurrent"));
            List<Delivery> got = receiveIds(source, sent.snapshot(), scaled(30));
            assertThat(distinctIds(got)).containsExactlyInAnyOrderElementsOf(sent.snapshot());
        }
    }

    /** {@link Capability#ORDERING_PER_KEY}. */
    @Nested
    @DisplayName("Ordering")
    @Order(5)
    class Ordering {

        @Test
        @DisplayName("events of one partitionkey arrive in publish order")
        void orderPerKey() throws Exception {
            requires(Capability.ORDERING_PER_KEY);
            FlowSpec flow = flow("ordering", Capability.ORDERING_PER_KEY);
            var sent = new LinkedHashMap<String, List<String>>();
            var events = new ArrayList<CloudEvent>();
            for (int i = 0; i < 50; i++) {
                for (int k = 0; k < 4; k++) {
                    CloudEvent e = TckEvents.keyed(id("k" + k + "-" + i), "key-" + k);
                    events.add(e);
                    sent.computeIfAbsent("key-" + k, x -> new ArrayList<>()).add(e.getId());
                }
            }
            publish(sink(adapter(), flow), events);
            EventSource source = source(adapter(), flow, group("ordering"));
            List<Delivery> got = receive(source, events.size(), scaled(30));
            assertThat(byKey(got)).isEqualTo(sent);
        }

        @Test
        @DisplayName("a nacked event comes back before later events of its key")
        void nackedEventKeepsItsPlace() throws Exception {
            requires(Capability.ORDERING_PER_KEY);
            FlowSpec flow = flow("ordering", Capability.ORDERING_PER_KEY);
            var expected = new ArrayList<String>();
            var events = new ArrayList<CloudEvent>();
            for (int i = 0; i < 5; i++) {
                CloudEvent e = TckEvents.keyed(id("n" + i), "the-key");
                events.add(e);
                expected.add(e.getId());
            }
            publish(sink(adapter(), flow), events);
            EventSource source = source(adapter(), flow, group("ordering"));
            List<Delivery> first = pollUntil(source, 1, scaled(10));
            assertThat(first.getFirst().event().getId()).isEqualTo(expected.getFirst());
            // Settle nothing of the key: nack the head and whatever came with it.
            for (int i = first.size() - 1; i >= 0; i--) {
                first.get(i).nack();
            }
            List<Delivery> rest = receive(source, expected.size(), scaled(20));
            assertThat(ids(rest)).as("order after a nack of the head").containsExactlyElementsOf(expected);
        }
    }

    /** {@link Capability#COMPETING_CONSUMERS}. */
    @Nested
    @DisplayName("Competing consumers")
    @Order(6)
    class CompetingConsumers {

        @Test
        @DisplayName("sources of one group share the events, each event goes to one of them")
        void membersShareTheEvents() throws Exception {
            requires(Capability.COMPETING_CONSUMERS);
            FlowSpec flow = flow("competing", Capability.COMPETING_CONSUMERS);
            SourceSettings g = group("competing");
            EventSource a = source(adapter(), flow, g);
            EventSource b = source(adapter(), flow, g);
            // Let both members join before anything is published (brokers assign on poll).
            for (int i = 0; i < 5; i++) {
                a.poll(1, scaled(0.1));
                b.poll(1, scaled(0.1));
            }
            List<CloudEvent> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sent.add(TckEvents.keyed(id("cc" + i), "k" + (i % 16)));
            }
            publish(sink(adapter(), flow), sent);
            var toA = new ArrayList<String>();
            var toB = new ArrayList<String>();
            var seen = new HashSet<String>();
            long deadline = System.nanoTime() + scaled(30).toNanos();
            while (seen.size() < sent.size() && System.nanoTime() < deadline) {
                for (Delivery d : a.poll(10, scaled(0.05))) {
                    toA.add(d.event().getId());
                    seen.add(d.event().getId());
                    d.ack();
                }
                for (Delivery d : b.poll(10, scaled(0.05))) {
                    toB.add(d.event().getId());
                    seen.add(d.event().getId());
                    d.ack();
                }
            }
            assertThat(seen).as("events delivered to the group").containsExactlyInAnyOrderElementsOf(ids(sent, true));
            assertThat(toA).as("events delivered to member a").isNotEmpty();
            assertThat(toB).as("events delivered to member b").isNotEmpty();
            var both = new HashSet<>(toA);
            both.retainAll(toB);
            assertThat(both).as("events delivered to both members").isEmpty();
            note("member a got " + toA.size() + ", member b got " + toB.size() + " of " + sent.size());
        }

        @Test
        @DisplayName("what a closed member held goes to the other members")
        void closedMembersEventsGoToTheOthers() throws Exception {
            requires(Capability.COMPETING_CONSUMERS);
            FlowSpec flow = flow("competing", Capability.COMPETING_CONSUMERS);
            SourceSettings g = group("handover");
            EventSource stays = source(adapter(), flow, g);
            List<CloudEvent> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(TckEvents.keyed(id("h" + i), "k" + (i % 8)));
            }
            publish(sink(adapter(), flow), sent);
            var acked = new HashSet<String>();
            try (EventSource leaves = adapter().openSource(flow, g)) {
                List<Delivery> held = pollSome(leaves, 10, scaled(10));
                assertThat(held).isNotEmpty();
                held.getFirst().ack();
                acked.add(held.getFirst().event().getId());
            }
            var missing = new HashSet<>(ids(sent, true));
            missing.removeAll(acked);
            List<Delivery> got = receiveIds(stays, missing, scaled(30));
            assertThat(distinctIds(got)).containsAll(missing);
        }
    }

    /** {@link Capability#TTL}. */
    @Nested
    @DisplayName("Time to live")
    @Order(7)
    class TimeToLive {

        @Test
        @DisplayName("events older than the flow's ttl are not delivered")
        void expiredEventsAreNotDelivered() throws Exception {
            requires(Capability.TTL);
            Duration ttl = scaled(1);
            var options = new LinkedHashMap<String, String>();
            options.put(FlowOptions.TTL, ttl.toString());
            options.putAll(tckSubject().flowOptions(Capability.TTL));
            FlowSpec flow = newFlowSpec("ttl", withDefaults(options));
            createTracked(adapter(), flow);
            EventSink sink = sink(adapter(), flow);
            publish(sink, TckEvents.event(id("expires")));
            Thread.sleep(Duration.parse(options.get(FlowOptions.TTL)).plus(scaled(1)).toMillis());
            CloudEvent fresh = TckEvents.event(id("fresh"));
            publish(sink, fresh);
            EventSource source = source(adapter(), flow, group("ttl"));
            assertThat(ids(receive(source, 1, scaled(10)))).as("delivered after ttl").containsExactly(fresh.getId());
            assertThat(ids(pollFor(source, scaled(1)))).isEmpty();
        }
    }

    /** {@link Capability#DEAD_LETTER}. */
    @Nested
    @DisplayName("Dead letter")
    @Order(8)
    class DeadLetter {

        @Test
        @DisplayName("an event nacked max-deliveries times moves to the dead-letter flow")
        void exhaustedEventIsDeadLettered() throws Exception {
            requires(Capability.DEAD_LETTER);
            var options = new LinkedHashMap<String, String>();
            options.put(FlowOptions.MAX_DELIVERIES, "3");
            options.putAll(tckSubject().flowOptions(Capability.DEAD_LETTER));
            int max = Integer.parseInt(options.get(FlowOptions.MAX_DELIVERIES));
            FlowSpec flow = newFlowSpec("deadletter", withDefaults(options));
            FlowDescription d = createTracked(adapter(), flow);
            String dlqName = d.parameters().getOrDefault(FlowDescription.DEAD_LETTER,
                    options.getOrDefault(FlowOptions.DEAD_LETTER_FLOW, FlowOptions.defaultDeadLetterFlow(flow.flow())));
            FlowSpec dlq = FlowSpec.of(dlqName);
            cleanups.push(new Cleanup("delete dead-letter flow " + dlqName, () -> adapter().delete(dlq)));
            CloudEvent e = TckEvents.everyAttribute(id("dead")).withData("text/plain", "dead".getBytes()).build();
            publish(sink(adapter(), flow), e);
            EventSource source = source(adapter(), flow, group("deadletter"));
            for (int i = 1; i <= max; i++) {
                Delivery delivery = pollUntil(source, 1, scaled(10)).getFirst();
                assertThat(delivery.event().getId()).isEqualTo(e.getId());
                assertThat(delivery.deliveryCount()).as("delivery count").isEqualTo(i);
                delivery.nack();
            }
            assertThat(ids(pollFor(source, scaled(1)))).as("deliveries after " + max + " nacks").isEmpty();
            EventSource dead = awaitSource(adapter(), dlq, group("dlq"), scaled(10));
            CloudEventsAssert.assertSameEvents(events(receive(dead, 1, scaled(10))), List.of(e));
        }
    }

    /** Broker restarts, when the fixture can restart the broker. */
    @Nested
    @DisplayName("Restart")
    @Order(9)
    class Restart {

        @Test
        @DisplayName("sources and sinks reconnect after a broker restart")
        void reconnectsAfterRestart() throws Exception {
            BrokerRestart restart = restartOrSkip();
            FlowSpec flow = flow("restart");
            EventSink sink = sink(adapter(), flow);
            EventSource source = source(adapter(), flow, group("restart"));
            CloudEvent before = TckEvents.event(id("before"));
            publish(sink, before);
            assertThat(ids(receive(source, 1, scaled(20)))).containsExactly(before.getId());
            restart.restart();
            awaitReachable(adapter(), scaled(60));
            CloudEvent after = TckEvents.event(id("after"));
            publishRetrying(sink, after, scaled(60));
            var got = new ArrayList<String>();
            long deadline = System.nanoTime() + scaled(60).toNanos();
            while (!got.contains(after.getId()) && System.nanoTime() < deadline) {
                try {
                    for (Delivery d : source.poll(10, scaled(0.5))) {
                        got.add(d.event().getId());
                        d.ack();
                    }
                } catch (BrokerException.Retriable e) {
                    Thread.sleep(100);
                }
            }
            assertThat(got).as("delivered after the restart").contains(after.getId());
        }

        @Test
        @DisplayName("confirmed events survive a broker restart")
        void confirmedEventsSurviveRestart() throws Exception {
            requires(Capability.PERSISTENCE);
            BrokerRestart restart = restartOrSkip();
            FlowSpec flow = flow("restart", Capability.PERSISTENCE);
            List<CloudEvent> sent = events("persist", 10);
            publish(sink(adapter(), flow), sent);
            restart.restart();
            awaitReachable(adapter(), scaled(60));
            EventSource source = source(adapter(), flow, group("persist"));
            assertThat(distinctIds(receiveIds(source, new HashSet<>(ids(sent, true)), scaled(60))))
                    .containsExactlyInAnyOrderElementsOf(ids(sent, true));
        }

        private BrokerRestart restartOrSkip() throws BrokerException {
            String type = adapter().type();
            var restart = tckSubject().restart();
            if (restart.isEmpty()) {
                Assumptions.abort("the fixture of " + type + " cannot restart its broker");
            }
            return restart.get();
        }
    }

    /** The bridge processor's copy loop between this adapter and the memory broker. */
    @Nested
    @DisplayName("Bridging")
    @Order(10)
    class Bridging {

        @Test
        @DisplayName("memory -> adapter, at least once across a bridge restart")
        void memoryToAdapter() throws Exception {
            BrokerAdapter memory = memoryAdapter();
            bridgeRun("memory (reference) -> " + adapter().type() + " (under test)", memory, adapter());
        }

        @Test
        @DisplayName("adapter -> memory, at least once across a bridge restart")
        void adapterToMemory() throws Exception {
            BrokerAdapter memory = memoryAdapter();
            bridgeRun(adapter().type() + " (under test) -> memory (reference)", adapter(), memory);
        }

        @Test
        @DisplayName("adapter -> adapter (two adapter instances), at least once across a bridge restart")
        void adapterToAdapter() throws Exception {
            BrokerAdapter other = trackAdapter(tckSubject().newAdapter());
            bridgeRun(adapter().type() + " -> " + other.type() + " (two instances under test)", adapter(), other);
        }
    }

    /**
     * {@link BrokerAdapterProvider#attach}: another participant's view of a flow, configured only
     * from its DESCRIBE (as the describing gateway shows it, {@code flow} and {@code type} added)
     * plus {@link TckSubject#attachCredentials()}. The description names the flow
     * {@code peer.<flow>} so the attached adapter must map the remote flow name to the described
     * topic or queue rather than derive it.
     */
    @Nested
    @DisplayName("RemoteAttach")
    @Order(11)
    class RemoteAttach {

        @Test
        @DisplayName("events published by the adapter arrive through the attached adapter's source, intact")
        void adapterToAttached() throws Exception {
            Remote remote = attached("attach");
            EventSource source = source(remote.attached(), remote.spec(), group("attach"));
            List<CloudEvent> sent = samples("to-attached");
            publish(sink(adapter(), remote.flow()), sent);
            assertSameById(events(receive(source, sent.size(), scaled(30))), sent);
        }

        @Test
        @DisplayName("events published through the attached adapter's sink arrive at the adapter, intact")
        void attachedToAdapter() throws Exception {
            Remote remote = attached("attach");
            EventSource source = source(adapter(), remote.flow(), group("attach"));
            List<CloudEvent> sent = samples("from-attached");
            publish(sink(remote.attached(), remote.spec()), sent);
            assertSameById(events(receive(source, sent.size(), scaled(30))), sent);
        }

        @Test
        @DisplayName("the attached adapter describes and reaches only the described flow, and closes cleanly")
        void attachedDescribesAndCloses() throws Exception {
            Remote remote = attached("attach");
            BrokerAdapter a = remote.attached();
            assertThat(a.type()).as("type() of the attached adapter").isEqualTo(adapter().type());
            a.checkReachable();
            FlowDescription d = a.describe(remote.spec());
            String place = remote.description().parameters().containsKey(FlowDescription.TOPIC)
                    ? FlowDescription.TOPIC : FlowDescription.QUEUE;
            assertThat(d.get(place)).as("described " + place).isEqualTo(remote.description().get(place));
            assertThat(d.parameters()).as("the attached adapter's describe").containsKeys(FlowDescription.SERVER, FlowDescription.TLS)
                    .doesNotContainKeys(FlowDescription.FLOW, FlowDescription.TYPE);
            FlowSpec other = newFlowSpec("attach-other", Map.of());
            assertThatThrownBy(() -> a.openSource(other, group("attach")))
                    .as("a source of a flow that was not described").isInstanceOf(BrokerException.NoSuchResource.class);
            try (EventSink sink = a.openSink(remote.spec()); EventSource source = a.openSource(remote.spec(), group("attach"))) {
                CloudEvent e = TckEvents.event(id("close"));
                publish(sink, e);
                assertThat(ids(receive(source, 1, scaled(20)))).containsExactly(e.getId());
            }
            a.close();
            a.close();
            assertThatThrownBy(() -> a.openSink(remote.spec())).as("openSink after close").isInstanceOf(BrokerException.class);
            // Closing the attached adapter leaves the original one and its flow alone.
            adapter().checkReachable();
            EventSource source = source(adapter(), remote.flow(), group("attach-after"));
            CloudEvent after = TckEvents.event(id("after-close"));
            publish(sink(adapter(), remote.flow()), after);
            // A new group starts at the earliest retained event: the one published through the attached adapter may come too.
            assertThat(distinctIds(receiveIds(source, List.of(after.getId()), scaled(20))))
                    .as("the original adapter after the attached one closed").contains(after.getId());
        }

        /** A created flow, its DESCRIBE as the gateway shows it, and an adapter attached from it. */
        private Remote attached(String area) throws Exception {
            BrokerAdapterProvider provider = tckSubject().provider().orElse(null);
            if (provider == null) {
                Assumptions.abort("subject offers no provider");
            }
            FlowSpec flow = newFlowSpec(area, withDefaults(Map.of()));
            FlowDescription local = createTracked(adapter(), flow);
            String remoteName = "peer." + flow.flow();
            var parameters = new LinkedHashMap<String, String>();
            parameters.put(FlowDescription.FLOW, remoteName);
            parameters.put(FlowDescription.TYPE, adapter().type());
            parameters.putAll(local.parameters());
            FlowDescription description = new FlowDescription(parameters);
            note("attached from " + description.parameters());
            BrokerAdapter attached = provider.attach("tck-peer-" + RUN, description, tckSubject().attachCredentials());
            cleanups.push(new Cleanup("close attached adapter " + attached, attached::close));
            return new Remote(flow, FlowSpec.of(description.get(FlowDescription.FLOW)), description, attached);
        }

        /** Every TCK sample shape, plus a keyed event. */
        private List<CloudEvent> samples(String prefix) {
            var out = new ArrayList<CloudEvent>();
            for (TckEvents.Sample sample : TckEvents.all()) {
                out.add(sample.create(id(prefix)));
            }
            out.add(TckEvents.keyed(id(prefix), "k1"));
            return out;
        }

        private void assertSameById(List<CloudEvent> got, List<CloudEvent> sent) {
            var byId = new LinkedHashMap<String, CloudEvent>();
            got.forEach(e -> byId.put(e.getId(), e));
            assertThat(byId.keySet()).as("ids received").containsExactlyInAnyOrderElementsOf(ids(sent, true));
            for (CloudEvent e : sent) {
                CloudEventsAssert.assertSameEvent(byId.get(e.getId()), e);
            }
        }
    }

    /** A flow of the adapter under test, and the adapter attached to it from its description. */
    private record Remote(FlowSpec flow, FlowSpec spec, FlowDescription description, BrokerAdapter attached) {
    }

    // ------------------------------------------------------------------ bridging helper

    /** Events sent in each bridging run. */
    protected static final int BRIDGE_EVENTS = 1000;

    private void bridgeRun(String name, BrokerAdapter from, BrokerAdapter to) throws Exception {
        FlowSpec in = newFlowSpec("bridge-in", withDefaults(Map.of()));
        FlowSpec out = newFlowSpec("bridge-out", withDefaults(Map.of()));
        createTracked(from, in);
        createTracked(to, out);
        SourceSettings bridgeGroup = group("bridge");
        EventSink producer = sink(from, in);
        EventSink target = sink(to, out);
        EventSource verify = source(to, out, group("verify"));
        BridgeSettings settings = BridgeSettings.defaults().withBatchSize(50).withMaxInFlight(32)
                .withPollTimeout(Duration.ofMillis(100)).withBackoff(Duration.ofMillis(10), Duration.ofSeconds(1));

        var sent = new ArrayList<String>();
        for (int i = 0; i < BRIDGE_EVENTS; i++) {
            sent.add(id("b" + i));
        }
        var producerFailure = new AtomicReference<Throwable>();
        Thread produce = Thread.ofPlatform().name("tck-bridge-producer").daemon(true).start(() -> {
            try {
                for (int i = 0; i < sent.size(); i++) {
                    CloudEvent e = TckEvents.keyed(sent.get(i), "k" + (i % 8));
                    producer.publish(e).get(scaled(30).toMillis(), TimeUnit.MILLISECONDS);
                    if (i % 25 == 0) {
                        Thread.sleep(1);
                    }
                }
            } catch (Throwable t) {
                producerFailure.set(t);
            }
        });
        cleanups.push(new Cleanup("stop the bridge producer", () -> {
            produce.interrupt();
            produce.join(5000);
        }));

        EventSource first = from.openSource(in, bridgeGroup);
        BridgeStats stats1;
        Bridge bridge1 = Bridge.start(first, target, settings);
        try {
            long deadline = System.nanoTime() + scaled(30).toNanos();
            while (bridge1.stats().eventsOut() < BRIDGE_EVENTS / 4 && System.nanoTime() < deadline
                    && bridge1.stats().status() == BridgeStats.Status.RUNNING) {
                Thread.sleep(1);
            }
        } finally {
            bridge1.close();
            first.close();
        }
        stats1 = bridge1.stats();
        assertThat(stats1.status()).as("first bridge status").isEqualTo(BridgeStats.Status.STOPPED);
        assertThat(stats1.eventsOut()).as("events the first bridge copied").isPositive();

        EventSource second = source(from, in, bridgeGroup);
        Bridge bridge2 = Bridge.start(second, target, settings);
        var counts = new HashMap<String, Integer>();
        BridgeStats stats2;
        try {
            produce.join(scaled(60).toMillis());
            assertThat(producerFailure.get()).as("producer failure").isNull();
            long deadline = System.nanoTime() + scaled(60).toNanos();
            while (counts.size() < sent.size() && System.nanoTime() < deadline) {
                for (Delivery d : verify.poll(100, scaled(0.2))) {
                    counts.merge(d.event().getId(), 1, Integer::sum);
                    d.ack();
                }
                assertThat(bridge2.stats().status()).as("second bridge status").isEqualTo(BridgeStats.Status.RUNNING);
            }
        } finally {
            bridge2.close();
        }
        stats2 = bridge2.stats();
        for (Delivery d : pollFor(verify, scaled(0.5))) {
            counts.merge(d.event().getId(), 1, Integer::sum);
            d.ack();
        }
        int duplicates = counts.values().stream().mapToInt(c -> c - 1).sum();
        var missing = new ArrayList<>(sent);
        missing.removeAll(counts.keySet());
        String detail = "first bridge copied " + stats1.eventsOut() + " (" + stats1.eventsIn() + " polled, "
                + stats1.failures() + " failures) before it was stopped; the second copied " + stats2.eventsOut()
                + " (" + stats2.eventsIn() + " polled, " + stats2.failures() + " failures)";
        currentReport().ifPresent(r -> r.bridgeRun(
                new TckReport.BridgeRun(name, sent.size(), counts.size(), duplicates, detail)));
        assertThat(stats2.status()).as("second bridge status").isEqualTo(BridgeStats.Status.STOPPED);
        assertThat(missing).as("events lost by the bridge (of " + sent.size() + ")").isEmpty();
    }

    // ------------------------------------------------------------------ helpers for the areas

    /** The test's adapter, created on first use and closed after the test. */
    protected final BrokerAdapter adapter() throws BrokerException {
        if (adapter == null) {
            adapter = trackAdapter(tckSubject().newAdapter());
        }
        return adapter;
    }

    /** The subject, asked once per test. */
    protected final TckSubject tckSubject() {
        if (subject == null) {
            subject = subject();
        }
        return subject;
    }

    /** Skips the test unless the adapter declares {@code capability}. */
    protected final void requires(Capability capability) throws BrokerException {
        BrokerAdapter a = adapter();
        if (!a.capabilities().contains(capability)) {
            Assumptions.abort("capability " + capability + " not declared by " + a.type());
        }
    }

    /** {@code seconds} scaled by the timeout multiplier. */
    protected final Duration scaled(double seconds) {
        double scaled = seconds * Math.max(tckSubject().timeoutMultiplier(), 0.01) * 1000.0;
        return Duration.ofMillis(Math.max(1, Math.round(scaled)));
    }

    /** A unique, DNS-valid flow name: {@code tck-<run>.<area>-<n>}. */
    protected static String flowName(String area) {
        return "tck-" + RUN + "." + area.toLowerCase(Locale.ROOT) + "-" + SEQUENCE.incrementAndGet();
    }

    /** A unique consumer group name. */
    protected static String groupName(String area) {
        return "tck-" + RUN + "-" + area + "-" + SEQUENCE.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A unique event id. */
    protected static String id(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    /** Adds a line to this test's entry in the report. */
    protected static void note(String text) {
        currentReport().ifPresent(r -> r.note(text));
    }

    private static java.util.Optional<TckReport> currentReport() {
        return TckReportExtension.current();
    }

    private SourceSettings group(String area) {
        return new SourceSettings(groupName(area));
    }

    private FlowSpec newFlowSpec(String area, Map<String, String> options) {
        return new FlowSpec(flowName(area), options);
    }

    private Map<String, String> withDefaults(Map<String, String> options) {
        var all = new LinkedHashMap<>(tckSubject().defaultFlowOptions());
        all.putAll(options);
        return all;
    }

    /** A created flow with the subject's default options plus those for {@code needs}. */
    private FlowSpec flow(String area, Capability... needs) throws BrokerException {
        var options = new LinkedHashMap<>(tckSubject().defaultFlowOptions());
        for (Capability c : needs) {
            options.putAll(tckSubject().flowOptions(c));
        }
        FlowSpec flow = newFlowSpec(area, options);
        createTracked(adapter(), flow);
        return flow;
    }

    private FlowDescription createTracked(BrokerAdapter on, FlowSpec flow) throws BrokerException {
        FlowDescription d = on.create(flow);
        cleanups.push(new Cleanup("delete flow " + flow.flow(), () -> on.delete(flow)));
        return d;
    }

    private BrokerAdapter trackAdapter(BrokerAdapter a) {
        recordAdapter(a);
        cleanups.push(new Cleanup("close adapter " + a, a::close));
        return a;
    }

    private void recordAdapter(BrokerAdapter a) {
        currentReport().ifPresent(r -> r.adapter(a.type(), a.getClass().getName(), a.capabilities(),
                tckSubject().timeoutMultiplier(), tckSubject().restart().isPresent()));
    }

    /** The memory adapter, found with ServiceLoader: adapter modules have it at test scope. */
    private BrokerAdapter memoryAdapter() throws BrokerException {
        for (BrokerAdapterProvider provider : ServiceLoader.load(BrokerAdapterProvider.class)) {
            if (MEMORY.equalsIgnoreCase(provider.name())) {
                return trackAdapter(provider.create(AdapterConfig.of("tck-bridge-" + RUN + "-" + SEQUENCE.incrementAndGet(),
                        Map.of())));
            }
        }
        return fail("the memory adapter is not on the test classpath: add org.eson:eson-adapter-memory at test scope"
                + " to run the memory bridging tests");
    }

    private NativeProbe probe() {
        NativeProbe p = tckSubject().probe();
        cleanups.push(new Cleanup("close probe", p::close));
        return p;
    }

    private EventSink sink(BrokerAdapter on, FlowSpec flow) throws BrokerException {
        EventSink s = on.openSink(flow);
        cleanups.push(new Cleanup("close sink of " + flow.flow(), s::close));
        return s;
    }

    private EventSource source(BrokerAdapter on, FlowSpec flow, SourceSettings g) throws BrokerException {
        EventSource s = on.openSource(flow, g);
        cleanups.push(new Cleanup("close source of " + flow.flow(), s::close));
        return s;
    }

    /** Opens a source on a flow the broker may create a moment later (a dead-letter flow). */
    private EventSource awaitSource(BrokerAdapter on, FlowSpec flow, SourceSettings g, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return source(on, flow, g);
            } catch (BrokerException.NoSuchResource e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private List<CloudEvent> events(String prefix, int n) {
        var out = new ArrayList<CloudEvent>();
        for (int i = 0; i < n; i++) {
            out.add(TckEvents.event(id(prefix + i)));
        }
        return out;
    }

    private void publish(EventSink sink, CloudEvent... events) throws Exception {
        publish(sink, List.of(events));
    }

    /** Publishes and waits for every confirmation. */
    private void publish(EventSink sink, List<CloudEvent> events) throws Exception {
        var futures = new ArrayList<CompletableFuture<Void>>();
        for (CloudEvent e : events) {
            futures.add(sink.publish(e));
        }
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get(scaled(30).toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("publish of " + events.get(i).getId() + " failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("publish of " + events.get(i).getId() + " was not confirmed within " + scaled(30));
            }
        }
    }

    private void publishRetrying(EventSink sink, CloudEvent e, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                sink.publish(e).get(scaled(10).toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException | TimeoutException failure) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("publish after the restart never succeeded: " + failure, failure);
                }
                Thread.sleep(200);
            }
        }
    }

    private void awaitReachable(BrokerAdapter a, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                a.checkReachable();
                return;
            } catch (BrokerException.Retriable e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("broker not reachable " + timeout + " after the restart", e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Polls until {@code count} deliveries arrived or {@code timeout} passed; settles nothing. */
    private List<Delivery> pollUntil(EventSource source, int count, Duration timeout) throws Exception {
        var got = new ArrayList<Delivery>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            got.addAll(source.poll(count - got.size(), Duration.ofNanos(Math.min(left, scaled(0.5).toNanos()))));
        }
        if (got.isEmpty()) {
            fail("no event delivered within " + timeout);
        }
        return got;
    }

    /** Polls until a first batch arrives (at most {@code max} events); settles nothing, fails at timeout. */
    private List<Delivery> pollSome(EventSource source, int max, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            List<Delivery> got = source.poll(max, Duration.ofNanos(Math.min(left, scaled(0.5).toNanos())));
            if (!got.isEmpty()) {
                return got;
            }
        }
        return fail("no event delivered within " + timeout);
    }

    /** Polls for {@code window}, acknowledging whatever arrives. */
    private List<Delivery> pollFor(EventSource source, Duration window) throws Exception {
        var got = new ArrayList<Delivery>();
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            for (Delivery d : source.poll(100, Duration.ofNanos(left))) {
                got.add(d);
                d.ack();
            }
        }
        return got;
    }

    /** Polls and acknowledges until {@code count} deliveries arrived; fails at timeout. */
    private List<Delivery> receive(EventSource source, int count, Duration timeout) throws Exception {
        var got = new ArrayList<Delivery>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("received " + got.size() + " of " + count + " events within " + timeout + ": " + ids(got));
            }
            for (Delivery d : source.poll(count - got.size(), Duration.ofNanos(Math.min(left, scaled(0.5).toNanos())))) {
                got.add(d);
                d.ack();
            }
        }
        return got;
    }

    /** Polls and acknowledges until every id of {@code wanted} arrived; fails at timeout naming the missing. */
    private List<Delivery> receiveIds(EventSource source, Collection<String> wanted, Duration timeout) throws Exception {
        var missing = new HashSet<>(wanted);
        var got = new ArrayList<Delivery>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!missing.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail(missing.size() + " of " + wanted.size() + " events not delivered within " + timeout
                        + ", for example " + missing.stream().limit(5).toList());
            }
            for (Delivery d : source.poll(100, Duration.ofNanos(Math.min(left, scaled(0.5).toNanos())))) {
                got.add(d);
                missing.remove(d.event().getId());
                d.ack();
            }
        }
        return got;
    }

    private static List<String> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.event().getId()).toList();
    }

    private static List<String> ids(List<CloudEvent> events, boolean unused) {
        return events.stream().map(CloudEvent::getId).toList();
    }

    private static Set<String> distinctIds(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.event().getId()).collect(Collectors.toSet());
    }

    private static List<CloudEvent> events(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::event).toList();
    }

    private static Map<String, List<String>> byKey(List<Delivery> deliveries) {
        var out = new LinkedHashMap<String, List<String>>();
        for (Delivery d : deliveries) {
            String key = Events.partitionKey(d.event()).orElse("null");
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(d.event().getId());
        }
        return new TreeMap<>(out);
    }

    private static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    /** Threads of the JVM and of the test runner, which come and go on their own. */
    private static boolean isJvmThread(Thread t) {
        String n = t.getName();
        return n.startsWith("ForkJoinPool.commonPool-worker") || n.equals("Common-Cleaner") || n.equals("process reaper")
                || n.equals("Attach Listener") || n.equals("Signal Dispatcher") || n.equals("Notification Thread")
                || n.equals("Reference Handler") || n.equals("Finalizer") || n.startsWith("surefire-")
                || n.startsWith("JFR ") || n.startsWith("junit-") || n.equals("DestroyJavaVM");
    }

    private static String describeThread(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        String where = stack.length == 0 ? "" : " at " + stack[0];
        for (StackTraceElement frame : stack) {
            if (!frame.getClassName().startsWith("java.") && !frame.getClassName().startsWith("jdk.")
                    && !frame.getClassName().startsWith("sun.")) {
                where = " in " + frame;
                break;
            }
        }
        return "'" + t.getName() + "' (" + t.getState() + (t.isDaemon() ? ", daemon" : "") + where + ")";
    }

    @AfterEach
    final void tckCleanUp() {
        var problems = new ArrayList<String>();
        while (!cleanups.isEmpty()) {
            Cleanup c = cleanups.pop();
            try {
                c.action().run();
            } catch (Exception | AssertionError e) {
                problems.add(c.what() + ": " + e);
            }
        }
        adapter = null;
        subject = null;
        if (!problems.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "TCK clean-up problems: {0}", problems);
        }
    }

    /** Thread-safe id collection for the concurrent publishers. */
    private static final class ConcurrentIds {
        private final Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();

        void add(String id) {
            ids.add(id);
        }

        Set<String> snapshot() {
            return Set.copyOf(ids);
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private record Cleanup(String what, Action action) {
    }
}
