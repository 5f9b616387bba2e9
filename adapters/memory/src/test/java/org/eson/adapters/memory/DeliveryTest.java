package org.eson.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eson.adapters.memory.TestEvents.event;
import static org.eson.adapters.memory.TestEvents.ids;
import static org.eson.adapters.memory.TestEvents.keyed;
import static org.eson.adapters.memory.TestEvents.pollNow;
import static org.eson.adapters.memory.TestEvents.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DeliveryTest {

    private static final FlowSpec FLOW = FlowSpec.of("flow");

    private MemoryBrokerAdapter adapter;

    @BeforeEach
    void open() throws BrokerException {
        adapter = TestEvents.adapter();
        adapter.create(FLOW);
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    private EventSource source(String group) throws BrokerException {
        return adapter.openSource(FLOW, new SourceSettings(group));
    }

    private void publishAll(int count) throws BrokerException {
        for (int i = 0; i < count; i++) {
            publish(adapter, FLOW.flow(), event("e" + i));
        }
    }

    @Test
    void publishReturnsACompletedFuture() throws Exception {
        try (EventSink sink = adapter.openSink(FLOW)) {
            var future = sink.publish(event("1"));
            assertThat(future).isCompleted();
            assertThat(future.join()).isNull();
        }
    }

    @Test
    void nackRedeliversWithACountOfTwo() throws Exception {
        publishAll(2);
        try (EventSource source = source("g")) {
            Delivery first = pollNow(source, 1).getFirst();
            assertThat(first.event().getId()).isEqualTo("e0");
            assertThat(first.deliveryCount()).isEqualTo(1);
            first.nack();

            List<Delivery> again = pollNow(source, 10);
            assertThat(ids(again)).containsExactly("e0", "e1");
            assertThat(again.get(0).event()).isSameAs(first.event());
            assertThat(again.get(0).deliveryCount()).isEqualTo(2);
            assertThat(again.get(1).deliveryCount()).isEqualTo(1);
            again.forEach(Delivery::ack);
            assertThat(pollNow(source, 10)).isEmpty();
        }
    }

    @Test
    void nackedEventGoesAheadOfLaterEventsOfItsKey() throws Exception {
        publish(adapter, FLOW.flow(), keyed("k1", "a"), keyed("k2", "a"), keyed("k3", "a"), event("free"));
        try (EventSource source = source("g")) {
            List<Delivery> first = pollNow(source, 10);
            assertThat(ids(first)).as("later events of key a wait").containsExactly("k1", "free");
            first.get(0).nack();
            first.get(1).ack();

            List<Delivery> second = pollNow(source, 10);
            assertThat(ids(second)).containsExactly("k1");
            assertThat(second.getFirst().deliveryCount()).isEqualTo(2);
            second.getFirst().ack();

            Delivery k2 = pollNow(source, 10).getFirst();
            assertThat(k2.event().getId()).isEqualTo("k2");
            assertThat(pollNow(source, 10)).isEmpty();
            k2.ack();
            assertThat(ids(pollNow(source, 10))).containsExactly("k3");
        }
    }

    @Test
    void keysCompareByCanonicalText() throws Exception {
        publish(adapter, FLOW.flow(), keyed("int", 5), keyed("text", "5"), keyed("other", "6"));
        try (EventSource source = source("g")) {
            List<Delivery> got = pollNow(source, 10);
            assertThat(ids(got)).containsExactly("int", "other");
            got.get(0).ack();
            assertThat(ids(pollNow(source, 10))).containsExactly("text");
        }
    }

    @Test
    void competingConsumersShare() throws Exception {
        publishAll(10);
        try (EventSource a = source("g"); EventSource b = source("g")) {
            List<Delivery> fromA = pollNow(a, 3);
            List<Delivery> fromB = pollNow(b, 3);
            assertThat(ids(fromA)).containsExactly("e0", "e1", "e2");
            assertThat(ids(fromB)).containsExactly("e3", "e4", "e5");

            fromA.get(1).nack();
            List<Delivery> next = pollNow(b, 2);
            assertThat(ids(next)).containsExactly("e1", "e6");
            assertThat(next.getFirst().deliveryCount()).isEqualTo(2);

            var all = new ArrayList<String>();
            all.addAll(ids(List.of(fromA.get(0), fromA.get(2))));
            all.addAll(ids(fromB));
            all.addAll(ids(next));
            all.addAll(ids(pollNow(a, 100)));
            all.addAll(ids(pollNow(b, 100)));
            assertThat(all).containsExactlyInAnyOrder("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        }
    }

    @Test
    void everyGroupGetsEveryEvent() throws Exception {
        publishAll(5);
        try (EventSource a = source("a"); EventSource b = source("b")) {
            List<Delivery> fromA = pollNow(a, 100);
            fromA.forEach(Delivery::ack);
            List<Delivery> fromB = pollNow(b, 100);
            assertThat(ids(fromA)).containsExactly("e0", "e1", "e2", "e3", "e4");
            assertThat(ids(fromB)).containsExactly("e0", "e1", "e2", "e3", "e4");
            assertThat(fromB).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(1));
        }
        try (EventSource late = source("late")) {
            assertThat(ids(pollNow(late, 100))).as("b has not acked, so nothing was trimmed")
                    .containsExactly("e0", "e1", "e2", "e3", "e4");
        }
    }

    @Test
    void closingASourceLosesNothing() throws Exception {
        publish(adapter, FLOW.flow(), keyed("k1", "a"), keyed("k2", "a"), event("e1"), event("e2"));
        List<Delivery> held;
        try (EventSource source = source("g")) {
            held = pollNow(source, 2);
            assertThat(ids(held)).containsExactly("k1", "e1");
        }
        held.getFirst().ack(); // a delivery of a closed source settles nothing

        try (EventSource reopened = source("g")) {
            List<Delivery> again = pollNow(reopened, 10);
            assertThat(ids(again)).containsExactly("k1", "e1", "e2");
            assertThat(again.get(0).deliveryCount()).isEqualTo(2);
            assertThat(again.get(1).deliveryCount()).isEqualTo(2);
            assertThat(again.get(2).deliveryCount()).isEqualTo(1);
            again.forEach(Delivery::ack);
            assertThat(ids(pollNow(reopened, 10))).containsExactly("k2");
        }
    }

    @Test
    void settlingTwiceDoesNothing() throws Exception {
        publishAll(2);
        try (EventSource source = source("g")) {
            List<Delivery> got = pollNow(source, 2);
            got.get(0).ack();
            got.get(0).ack();
            got.get(0).nack();
            got.get(1).nack();
            got.get(1).nack();
            got.get(1).ack();

            List<Delivery> again = pollNow(source, 10);
            assertThat(ids(again)).containsExactly("e1");
            assertThat(again.getFirst().deliveryCount()).isEqualTo(2);
            got.get(1).ack(); // stale: must not settle the new delivery
            again.getFirst().nack();
            assertThat(pollNow(source, 10).getFirst().deliveryCount()).isEqualTo(3);
        }
    }

    @Test
    void settlingFromAnotherThreadWorks() throws Exception {
        publishAll(1);
        try (EventSource source = source("g")) {
            Delivery d = pollNow(source, 1).getFirst();
            Thread acker = TestEvents.daemon("acker", d::ack);
            acker.join();
            assertThat(pollNow(source, 10)).isEmpty();
        }
    }

    @Test
    void pollReturnsAtMostMaxAndDoesNotWaitWhenEventsAreThere() throws Exception {
        publishAll(3);
        try (EventSource source = source("g")) {
            // A day-long timeout: were poll to wait despite available events, @Timeout would fail the test.
            assertThat(ids(source.poll(2, Duration.ofDays(1)))).containsExactly("e0", "e1");
            assertThat(ids(source.poll(2, Duration.ofDays(1)))).containsExactly("e2");
            assertThat(source.poll(2, Duration.ofMillis(1))).isEmpty();
            assertThat(source.poll(2, Duration.ofSeconds(-1))).isEmpty();
            assertThatThrownBy(() -> source.poll(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            publish(adapter, FLOW.flow(), event("e3"));
            assertThat(ids(source.poll(1, Duration.ofSeconds(Long.MAX_VALUE)))).as("a huge timeout does not overflow")
                    .containsExactly("e3");
        }
    }

    @Test
    void aBlockedPollWakesUpForAPublish() throws Exception {
        try (EventSource source = source("g")) {
            var result = TestEvents.pollInBackground(source, 10, Duration.ofDays(1), TestEvents::awaitBlocked);
            publishAll(1);
            assertThat(ids(result.get())).containsExactly("e0");
        }
    }

    @Test
    void pollHonoursInterruption() throws Exception {
        try (EventSource source = source("g")) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> source.poll(1, Duration.ofDays(1))).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isFalse();

            var poller = new Thread[1];
            var result = TestEvents.pollInBackground(source, 10, Duration.ofDays(1), t -> {
                TestEvents.awaitBlocked(t);
                poller[0] = t;
            });
            poller[0].interrupt();
            assertThat(TestEvents.failureOf(result)).isInstanceOf(InterruptedException.class);

            publishAll(1);
            assertThat(ids(pollNow(source, 10))).as("nothing was lost to the interruption").containsExactly("e0");
        }
    }

    @Test
    void closedSourcesAndSinksRefuseWork() throws Exception {
        EventSource source = source("g");
        source.close();
        source.close();
        assertThatThrownBy(() -> pollNow(source, 1)).isInstanceOf(BrokerException.Fatal.class);

        EventSink sink = adapter.openSink(FLOW);
        sink.close();
        sink.close();
        assertThat(sink.publish(event("x"))).failsWithin(Duration.ZERO)
                .withThrowableThat().havingCause().isInstanceOf(BrokerException.Fatal.class);
    }

    @Test
    void aNewGroupStartsAtTheEarliestRetainedEvent() throws Exception {
        publish(adapter, FLOW.flow(), event("1"), event("2"), event("3"));
        try (EventSource only = source("first")) {
            pollNow(only, 2).forEach(Delivery::ack);
        }
        try (EventSource late = source("second")) {
            assertThat(ids(pollNow(late, 10))).as("1 and 2 were acked by every group known, so trimmed")
                    .containsExactly("3");
        }
    }
}
