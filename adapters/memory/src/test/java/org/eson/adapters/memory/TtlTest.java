package org.eson.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eson.adapters.memory.TestEvents.event;
import static org.eson.adapters.memory.TestEvents.ids;
import static org.eson.adapters.memory.TestEvents.keyed;
import static org.eson.adapters.memory.TestEvents.pollNow;
import static org.eson.adapters.memory.TestEvents.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Time only moves when a test moves the injected clock. */
class TtlTest {

    private static final FlowSpec FLOW = new FlowSpec("expiring", Map.of("ttl", "PT5M"));
    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

    private final TestEvents.MutableClock clock = new TestEvents.MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private MemoryBrokerAdapter adapter;

    private MemoryBrokerAdapter adapter(Map<String, String> settings) throws BrokerException {
        adapter = TestEvents.adapter(settings, clock);
        adapter.create(FLOW);
        return adapter;
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    private EventSource source(String group) throws BrokerException {
        return adapter.openSource(FLOW, new SourceSettings(group));
    }

    @Test
    void eventsOlderThanTtlAreNotDelivered() throws Exception {
        adapter(Map.of());
        publish(adapter, FLOW.flow(), event("old"));
        clock.advance(ONE_MINUTE.multipliedBy(3));
        publish(adapter, FLOW.flow(), event("young"));
        clock.advance(ONE_MINUTE.multipliedBy(3));

        try (EventSource source = source("g")) {
            assertThat(ids(pollNow(source, 10))).containsExactly("young");
        }
    }

    @Test
    void anEventExactlyTtlOldIsStillDelivered() throws Exception {
        adapter(Map.of());
        publish(adapter, FLOW.flow(), event("edge"));
        clock.advance(Duration.ofMinutes(5));
        try (EventSource source = source("g")) {
            assertThat(ids(pollNow(source, 10))).containsExactly("edge");
        }
    }

    @Test
    void ttlAppliesToRedeliveriesButNotToEventsInFlight() throws Exception {
        adapter(Map.of());
        publish(adapter, FLOW.flow(), event("nacked"), event("acked"));
        try (EventSource source = source("g")) {
            List<Delivery> got = pollNow(source, 10);
            clock.advance(Duration.ofMinutes(6));
            got.get(0).nack();
            got.get(1).ack();
            assertThat(pollNow(source, 10)).isEmpty();
        }
    }

    @Test
    void anExpiredEventDoesNotBlockItsKeyAndExpiresForEveryGroup() throws Exception {
        adapter(Map.of());
        publish(adapter, FLOW.flow(), keyed("k1", "a"), keyed("k2", "a"));
        clock.advance(Duration.ofMinutes(4));
        publish(adapter, FLOW.flow(), keyed("k3", "a"));
        try (EventSource source = source("g")) {
            Delivery k1 = pollNow(source, 10).getFirst();
            assertThat(k1.event().getId()).isEqualTo("k1");
            clock.advance(Duration.ofMinutes(2));
            k1.ack();
            assertThat(ids(pollNow(source, 10))).as("k2 expired while waiting behind k1").containsExactly("k3");
        }
        try (EventSource other = source("other")) {
            assertThat(ids(pollNow(other, 10))).containsExactly("k3");
        }
    }

    @Test
    void expiredEventsAreTrimmedAndFreeTheFlow() throws Exception {
        adapter(Map.of("max-events-per-flow", "3"));
        publish(adapter, FLOW.flow(), event("1"), event("2"), event("3"));
        assertThat(adapter.openSink(FLOW).publish(event("4"))).isCompletedExceptionally();

        clock.advance(Duration.ofMinutes(6));
        publish(adapter, FLOW.flow(), event("4"));

        assertThat(adapter.retainedEvents(FLOW.flow())).isEqualTo(1);
        try (EventSource source = source("g")) {
            assertThat(ids(pollNow(source, 10))).containsExactly("4");
        }
    }

    @Test
    void withoutTtlNothingExpires() throws Exception {
        adapter(Map.of());
        adapter.create(FlowSpec.of("forever"));
        publish(adapter, "forever", event("1"));
        clock.advance(Duration.ofDays(3650));
        try (EventSource source = adapter.openSource(FlowSpec.of("forever"), new SourceSettings("g"))) {
            assertThat(ids(pollNow(source, 10))).containsExactly("1");
        }
    }
}
