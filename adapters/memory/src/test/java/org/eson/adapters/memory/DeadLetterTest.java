package org.eson.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eson.adapters.memory.TestEvents.event;
import static org.eson.adapters.memory.TestEvents.ids;
import static org.eson.adapters.memory.TestEvents.keyed;
import static org.eson.adapters.memory.TestEvents.pollNow;
import static org.eson.adapters.memory.TestEvents.publish;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static final FlowSpec FLOW = new FlowSpec("orders", Map.of("max-deliveries", "3"));

    private MemoryBrokerAdapter adapter;

    private void start(Map<String, String> settings) throws BrokerException {
        adapter = TestEvents.adapter(settings, Clock.systemUTC());
        adapter.create(FLOW);
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    private EventSource source(String flow, String group) throws BrokerException {
        return adapter.openSource(FlowSpec.of(flow), new SourceSettings(group));
    }

    /** Polls one delivery and nacks it; returns its delivery count. */
    private int nackOnce(EventSource source) throws Exception {
        Delivery d = pollNow(source, 1).getFirst();
        d.nack();
        return d.deliveryCount();
    }

    @Test
    void anEventNackedMaxDeliveriesTimesMovesToTheDeadLetterFlowUnchanged() throws Exception {
        start(Map.of());
        CloudEvent poison = keyed("poison", "a");
        publish(adapter, FLOW.flow(), poison, keyed("next", "a"));

        try (EventSource source = source("orders", "g")) {
            assertThat(nackOnce(source)).isEqualTo(1);
            assertThat(nackOnce(source)).isEqualTo(2);
            assertThatThrownBy(() -> adapter.describe(FlowSpec.of("dlq.orders"))).as("not before it is needed")
                    .isInstanceOf(BrokerException.NoSuchResource.class);
            assertThat(nackOnce(source)).isEqualTo(3);

            List<Delivery> after = pollNow(source, 10);
            assertThat(ids(after)).as("the key moves on").containsExactly("next");
            after.getFirst().ack();
        }
        assertThat(adapter.describe(FLOW).parameters()).containsEntry("dead-letter", "dlq.orders");
        try (EventSource dlq = source("dlq.orders", "inspect")) {
            List<Delivery> dead = pollNow(dlq, 10);
            assertThat(dead).hasSize(1);
            assertThat(dead.getFirst().event()).isSameAs(poison);
            assertThat(dead.getFirst().deliveryCount()).isEqualTo(1);
        }
    }

    @Test
    void theDeadLetterFlowIsCreatedOnDemand() throws Exception {
        start(Map.of());
        adapter.create(new FlowSpec("payments", Map.of("max-deliveries", "1", "dead-letter-flow", "payments.failed")));
        publish(adapter, "payments", event("p1"));
        assertThat(adapter.retainedEvents("payments.failed")).as("absent until something is dead-lettered").isEqualTo(-1);

        try (EventSource source = source("payments", "g")) {
            nackOnce(source);
            assertThat(pollNow(source, 10)).isEmpty();
        }
        try (EventSource dlq = source("payments.failed", "g")) {
            assertThat(ids(pollNow(dlq, 10))).containsExactly("p1");
        }
    }

    @Test
    void closingASourceCountsTowardsMaxDeliveries() throws Exception {
        start(Map.of());
        publish(adapter, FLOW.flow(), event("crashes-consumers"));
        for (int i = 1; i <= 3; i++) {
            try (EventSource source = source("orders", "g")) {
                assertThat(pollNow(source, 1).getFirst().deliveryCount()).isEqualTo(i);
            }
        }
        try (EventSource source = source("orders", "g")) {
            assertThat(pollNow(source, 10)).isEmpty();
        }
        assertThat(adapter.retainedEvents("dlq.orders")).isEqualTo(1);
    }

    @Test
    void eachGroupThatGivesUpDeadLettersItsOwnCopy() throws Exception {
        start(Map.of());
        publish(adapter, FLOW.flow(), event("e"));
        try (EventSource a = source("orders", "a"); EventSource b = source("orders", "b")) {
            for (int i = 0; i < 3; i++) {
                nackOnce(a);
            }
            assertThat(adapter.retainedEvents("dlq.orders")).isEqualTo(1);
            pollNow(b, 1).getFirst().ack();
        }
        try (EventSource a = source("orders", "a")) {
            assertThat(pollNow(a, 1)).isEmpty();
        }
        assertThat(adapter.retainedEvents("dlq.orders")).isEqualTo(1);
        assertThat(adapter.retainedEvents(FLOW.flow())).as("settled by both groups").isZero();
    }

    @Test
    void aFullDeadLetterFlowKeepsTheEventInItsGroup() throws Exception {
        start(Map.of("max-events-per-flow", "1"));
        adapter.create(FlowSpec.of("dlq.orders"));
        publish(adapter, "dlq.orders", event("already-there"));
        publish(adapter, FLOW.flow(), event("e"));

        try (EventSource source = source("orders", "g")) {
            for (int i = 0; i < 3; i++) {
                nackOnce(source);
            }
            Delivery again = pollNow(source, 1).getFirst();
            assertThat(again.deliveryCount()).as("redelivered rather than lost").isEqualTo(4);
            again.ack();
        }
    }

    @Test
    void withoutMaxDeliveriesEventsAreRedeliveredForEver() throws Exception {
        start(Map.of());
        adapter.create(FlowSpec.of("plain"));
        publish(adapter, "plain", event("e"));
        try (EventSource source = source("plain", "g")) {
            for (int i = 1; i <= 50; i++) {
                assertThat(nackOnce(source)).isEqualTo(i);
            }
        }
        assertThat(adapter.retainedEvents("dlq.plain")).isEqualTo(-1);
    }

    @Test
    void flowsMayDeadLetterIntoEachOther() throws Exception {
        start(Map.of());
        adapter.create(new FlowSpec("ping", Map.of("max-deliveries", "1", "dead-letter-flow", "pong")));
        adapter.create(new FlowSpec("pong", Map.of("max-deliveries", "1", "dead-letter-flow", "ping")));
        publish(adapter, "ping", event("ball"));
        for (int round = 0; round < 4; round++) {
            String flow = round % 2 == 0 ? "ping" : "pong";
            try (EventSource source = source(flow, "g")) {
                List<Delivery> got = pollNow(source, 10);
                assertThat(ids(got)).as("round %d on %s", round, flow).containsExactly("ball");
                got.getFirst().nack();
            }
        }
    }
}
