package org.eson.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eson.adapters.memory.TestEvents.event;
import static org.eson.adapters.memory.TestEvents.ids;
import static org.eson.adapters.memory.TestEvents.pollNow;
import static org.eson.adapters.memory.TestEvents.publish;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final FlowSpec FLOW = FlowSpec.of("bounded");

    private MemoryBrokerAdapter adapter;

    @BeforeEach
    void open() throws BrokerException {
        adapter = TestEvents.adapter(Map.of("max-events-per-flow", "5"), Clock.systemUTC());
        adapter.create(FLOW);
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    private static void assertFull(EventSink sink) {
        var future = sink.publish(event("overflow"));
        assertThat(future).isCompletedExceptionally();
        try {
            future.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(BrokerException.Retriable.class).hasMessage("flow full");
        }
    }

    private void fill() throws BrokerException {
        for (int i = 0; i < 5; i++) {
            publish(adapter, FLOW.flow(), event("e" + i));
        }
    }

    @Test
    void aFlowNobodyReadsFillsUpAndRefusesMore() throws Exception {
        fill();
        try (EventSink sink = adapter.openSink(FLOW)) {
            assertFull(sink);
        }
        assertThat(adapter.retainedEvents(FLOW.flow())).isEqualTo(5);
    }

    @Test
    void eventsEveryGroupAckedAreTrimmed() throws Exception {
        fill();
        try (EventSource a = adapter.openSource(FLOW, new SourceSettings("a"));
                EventSource b = adapter.openSource(FLOW, new SourceSettings("b"));
                EventSink sink = adapter.openSink(FLOW)) {
            pollNow(a, 10).forEach(Delivery::ack);
            assertThat(adapter.retainedEvents(FLOW.flow())).as("b has not acked yet").isEqualTo(5);
            assertFull(sink);

            List<Delivery> fromB = pollNow(b, 10);
            fromB.get(1).ack();
            fromB.get(2).ack();
            assertThat(adapter.retainedEvents(FLOW.flow())).as("e0 is still unsettled in b").isEqualTo(5);
            fromB.get(0).ack();
            assertThat(adapter.retainedEvents(FLOW.flow())).isEqualTo(2);

            publish(sink, event("e5"), event("e6"), event("e7"));
            assertFull(sink);
            assertThat(ids(pollNow(a, 10))).containsExactly("e5", "e6", "e7");
        }
    }

    @Test
    void nackedEventsAreNotTrimmed() throws Exception {
        fill();
        try (EventSource a = adapter.openSource(FLOW, new SourceSettings("a"))) {
            List<Delivery> got = pollNow(a, 10);
            got.forEach(Delivery::nack);
            assertThat(adapter.retainedEvents(FLOW.flow())).isEqualTo(5);
            assertThat(ids(pollNow(a, 10))).containsExactly("e0", "e1", "e2", "e3", "e4");
        }
    }

    @Test
    void aGroupWithoutSourcesStillPinsWhatItHasNotSettled() throws Exception {
        fill();
        try (EventSource a = adapter.openSource(FLOW, new SourceSettings("a"))) {
            pollNow(a, 2);
        }
        try (EventSource b = adapter.openSource(FLOW, new SourceSettings("b"))) {
            pollNow(b, 10).forEach(Delivery::ack);
        }
        assertThat(adapter.retainedEvents(FLOW.flow())).isEqualTo(5);
        try (EventSource a = adapter.openSource(FLOW, new SourceSettings("a"))) {
            assertThat(ids(pollNow(a, 10))).containsExactly("e0", "e1", "e2", "e3", "e4");
        }
    }

    @Test
    void flowsAreLimitedSeparately() throws Exception {
        fill();
        adapter.create(FlowSpec.of("other"));
        publish(adapter, "other", event("fits"));
        assertThat(adapter.retainedEvents("other")).isEqualTo(1);
    }
}
