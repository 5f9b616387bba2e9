package org.eson.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowDescription;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.eson.spi.config.AdapterConfig;
import org.junit.jupiter.api.Test;

/** JVM-unique server URIs and {@link MemoryBrokerProvider#attach}: two gateways in one JVM. */
class AttachTest {

    private static MemoryBrokerAdapter broker(String name) throws BrokerException {
        return new MemoryBrokerAdapter(AdapterConfig.of(name, Map.of()), Clock.systemUTC());
    }

    /** What gateway A's DESCRIBE FLOW shows: flow and type, then the adapter's parameters. */
    private static FlowDescription remote(String flow, FlowDescription local) {
        var p = new LinkedHashMap<String, String>();
        p.put("flow", flow);
        p.put("type", "memory");
        p.putAll(local.parameters());
        return new FlowDescription(p);
    }

    @Test
    void theOnlyBrokerOfANameKeepsItAndAClashIsSuffixedUntilClosed() throws Exception {
        String name = "attach-" + System.nanoTime();
        try (var first = broker(name)) {
            assertThat(first.server()).isEqualTo("memory://" + name);
            assertThat(first.create(FlowSpec.of("a")).get("server")).isEqualTo("memory://" + name);
            try (var second = broker(name)) {
                assertThat(second.server()).matches("memory://" + name + "-[0-9a-f]{6}");
                assertThat(second.create(FlowSpec.of("a")).get("server")).isEqualTo(second.server());
                assertThat(MemoryBrokerAdapter.running(second.server())).containsSame(second);
            }
            assertThat(MemoryBrokerAdapter.running(first.server())).containsSame(first);
        }
        assertThat(MemoryBrokerAdapter.running("memory://" + name)).as("removed on close").isEmpty();
        try (var again = broker(name)) {
            assertThat(again.server()).as("free again after close").isEqualTo("memory://" + name);
        }
    }

    @Test
    void attachOpensSourcesAndSinksOfTheDescribedTopicOnTheOtherBroker() throws Exception {
        try (var a = broker("attach-a-" + System.nanoTime()); var b = broker("attach-b-" + System.nanoTime())) {
            FlowDescription d = remote("time.flows.unix.ar", a.create(FlowSpec.of("time.flows.unix.ar")));
            BrokerAdapter attached = new MemoryBrokerProvider().attach("b/peer-a", d, Map.of());
            FlowSpec flow = FlowSpec.of(d.get("flow"));
            assertThat(attached.describe(flow)).isEqualTo(a.describe(flow));
            attached.checkReachable();
            try (EventSink onA = a.openSink(flow); EventSource viaB = attached.openSource(flow, new SourceSettings("b"))) {
                TestEvents.publish(onA, TestEvents.event("1"));
                var got = viaB.poll(10, Duration.ofSeconds(5));
                assertThat(got).extracting(x -> x.event().getId()).containsExactly("1");
                got.forEach(x -> x.ack());
            }
            assertThatThrownBy(() -> attached.create(FlowSpec.of("x"))).isInstanceOf(BrokerException.Fatal.class);
            assertThatThrownBy(() -> attached.delete(flow)).isInstanceOf(BrokerException.Fatal.class);
            assertThatThrownBy(() -> attached.openSink(FlowSpec.of("other"))).isInstanceOf(BrokerException.NoSuchResource.class);
            assertThatThrownBy(() -> b.describe(flow)).as("the view used a, not b").isInstanceOf(BrokerException.NoSuchResource.class);
            attached.close();
        }
    }

    @Test
    void closingTheViewClosesItsSourcesAndSinksButNotTheBroker() throws Exception {
        try (var a = broker("attach-c-" + System.nanoTime())) {
            FlowDescription d = remote("peer.flow", a.create(FlowSpec.of("topic-1")));
            BrokerAdapter attached = new MemoryBrokerProvider().attach("view", d, Map.of());
            EventSink sink = attached.openSink(FlowSpec.of("peer.flow"));
            attached.close();
            attached.close();
            assertThat(sink.publish(TestEvents.event("late"))).isCompletedExceptionally();
            assertThatThrownBy(() -> attached.openSink(FlowSpec.of("peer.flow"))).isInstanceOf(BrokerException.Retriable.class);
            a.checkReachable();
            assertThat(a.describe(FlowSpec.of("topic-1")).get("topic")).isEqualTo("topic-1");
        }
    }

    @Test
    void aServerOfAnotherProcessOrAnotherTypeIsFatal() throws Exception {
        var provider = new MemoryBrokerProvider();
        var d = new FlowDescription(Map.of("flow", "f", "type", "memory", "topic", "f", "server", "memory://nowhere-in-this-jvm",
                "tls", "false"));
        assertThatThrownBy(() -> provider.attach("x", d, Map.of())).isInstanceOf(BrokerException.Fatal.class)
                .hasMessage("memory broker memory://nowhere-in-this-jvm is in another process;"
                        + " memory flows cannot be shared across processes");
        assertThatThrownBy(() -> provider.attach("x", new FlowDescription(Map.of("type", "kafka", "topic", "f",
                "server", "kf1:9092")), Map.of())).isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("kafka");
        assertThatThrownBy(() -> provider.attach("x", new FlowDescription(Map.of("topic", "f")), Map.of()))
                .isInstanceOf(BrokerException.Fatal.class).hasMessageContaining("'server'");
    }
}
