package org.eson.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.eson.adapters.memory.TestEvents.event;
import static org.eson.adapters.memory.TestEvents.ids;
import static org.eson.adapters.memory.TestEvents.pollNow;
import static org.eson.adapters.memory.TestEvents.publish;

import java.util.List;
import java.util.Map;

import org.eson.spi.BrokerException;
import org.eson.spi.FlowDescription;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProvisioningTest {

    private final MemoryBrokerAdapter adapter = TestEvents.adapter();

    ProvisioningTest() throws BrokerException {
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    @Test
    void createIsIdempotentAndDescribesInOrder() throws Exception {
        FlowDescription first = adapter.create(FlowSpec.of("shop.orders"));
        FlowDescription again = adapter.create(FlowSpec.of("shop.orders"));

        assertThat(first).isEqualTo(again).isEqualTo(adapter.describe(FlowSpec.of("shop.orders")));
        assertThat(first.parameters()).containsExactly(
                entry("topic", "shop.orders"),
                entry("server", "memory://test"),
                entry("tls", "false"),
                entry("delivery", "at-least-once"));
    }

    @Test
    void createAgainKeepsTheEventsAndTheOriginalOptions() throws Exception {
        adapter.create(FlowSpec.of("a"));
        publish(adapter, "a", event("1"));

        FlowDescription again = adapter.create(new FlowSpec("a", Map.of("max-deliveries", "3")));

        assertThat(again.parameters()).doesNotContainKey("dead-letter");
        try (EventSource source = adapter.openSource(FlowSpec.of("a"), new SourceSettings("g"))) {
            assertThat(ids(pollNow(source, 10))).containsExactly("1");
        }
    }

    @Test
    void describeAddsTheDeadLetterFlowWhenMaxDeliveriesIsSet() throws Exception {
        assertThat(adapter.create(new FlowSpec("a", Map.of("max-deliveries", "3"))).parameters())
                .containsExactly(entry("topic", "a"), entry("server", "memory://test"), entry("tls", "false"),
                        entry("delivery", "at-least-once"), entry("dead-letter", "dlq.a"));
        assertThat(adapter.create(new FlowSpec("b", Map.of("max-deliveries", "1", "dead-letter-flow", "b.failed")))
                .parameters()).containsEntry("dead-letter", "b.failed");
        assertThat(adapter.create(new FlowSpec("c", Map.of("dead-letter-flow", "c.failed"))).parameters())
                .doesNotContainKey("dead-letter");
    }

    @Test
    void describeOfAnUnknownFlowFails() {
        assertThatThrownBy(() -> adapter.describe(FlowSpec.of("nope")))
                .isInstanceOf(BrokerException.NoSuchResource.class)
                .hasMessageContaining("nope");
    }

    @Test
    void deleteIsIdempotentAndRemovesTheEvents() throws Exception {
        adapter.create(FlowSpec.of("a"));
        publish(adapter, "a", event("old"));

        adapter.delete(FlowSpec.of("a"));
        adapter.delete(FlowSpec.of("a"));
        adapter.delete(FlowSpec.of("never-created"));

        assertThatThrownBy(() -> adapter.describe(FlowSpec.of("a"))).isInstanceOf(BrokerException.NoSuchResource.class);
        adapter.create(FlowSpec.of("a"));
        try (EventSource source = adapter.openSource(FlowSpec.of("a"), new SourceSettings("g"))) {
            assertThat(pollNow(source, 10)).isEmpty();
        }
    }

    @Test
    void flowsAreIsolated() throws Exception {
        adapter.create(FlowSpec.of("a"));
        adapter.create(FlowSpec.of("b"));
        publish(adapter, "a", event("a1"), event("a2"));
        publish(adapter, "b", event("b1"));
        adapter.delete(FlowSpec.of("b"));
        adapter.create(FlowSpec.of("b"));
        publish(adapter, "b", event("b2"));

        try (EventSource a = adapter.openSource(FlowSpec.of("a"), new SourceSettings("g"));
                EventSource b = adapter.openSource(FlowSpec.of("b"), new SourceSettings("g"))) {
            assertThat(ids(pollNow(a, 10))).containsExactly("a1", "a2");
            assertThat(ids(pollNow(b, 10))).containsExactly("b2");
        }
        assertThat(adapter.describe(FlowSpec.of("a")).parameters()).containsEntry("topic", "a");
    }

    @Test
    void sourcesAndSinksNeedAnExistingFlow() {
        assertThatThrownBy(() -> adapter.openSource(FlowSpec.of("x"), new SourceSettings("g")))
                .isInstanceOf(BrokerException.NoSuchResource.class);
        assertThatThrownBy(() -> adapter.openSink(FlowSpec.of("x")))
                .isInstanceOf(BrokerException.NoSuchResource.class);
    }

    @Test
    void badOptionsAreFatal() {
        for (Map<String, String> options : List.of(
                Map.of("ttl", "5 minutes"), Map.of("ttl", "PT0S"), Map.of("ttl", "-PT1M"),
                Map.of("max-deliveries", "three"), Map.of("max-deliveries", "0"),
                Map.of("max-deliveries", "2", "dead-letter-flow", "bad"), Map.of("dead-letter-flow", " "))) {
            assertThatThrownBy(() -> adapter.create(new FlowSpec("bad", options)))
                    .as("options %s", options)
                    .isInstanceOf(BrokerException.Fatal.class)
                    .hasMessageContaining("bad");
        }
        assertThatThrownBy(() -> adapter.describe(FlowSpec.of("bad"))).isInstanceOf(BrokerException.NoSuchResource.class);
    }

    @Test
    void optionsOfOtherAdaptersAreIgnored() throws Exception {
        assertThat(adapter.create(new FlowSpec("a", Map.of("partitions", "12", "retention", "P7D"))).parameters())
                .containsOnlyKeys("topic", "server", "tls", "delivery");
    }
}
