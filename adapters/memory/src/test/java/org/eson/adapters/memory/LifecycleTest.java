package org.eson.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eson.adapters.memory.TestEvents.event;
import static org.eson.adapters.memory.TestEvents.failureOf;
import static org.eson.adapters.memory.TestEvents.ids;
import static org.eson.adapters.memory.TestEvents.pollNow;
import static org.eson.adapters.memory.TestEvents.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LifecycleTest {

    private static final FlowSpec FLOW = FlowSpec.of("flow");

    /** Starts a poll that would wait a day, and returns once it is really waiting. */
    private static CompletableFuture<List<Delivery>> blockedPoll(EventSource source) {
        return TestEvents.pollInBackground(source, 10, Duration.ofDays(1), TestEvents::awaitBlocked);
    }

    @Test
    void closeWakesABlockedPoll() throws Exception {
        var adapter = TestEvents.adapter();
        adapter.create(FLOW);
        EventSource source = adapter.openSource(FLOW, new SourceSettings("g"));
        var poll = blockedPoll(source);

        adapter.close();

        assertThat(failureOf(poll)).isInstanceOf(BrokerException.Retriable.class).hasMessageContaining("closed");
    }

    @Test
    void closingTheSourceWakesItsBlockedPoll() throws Exception {
        try (var adapter = TestEvents.adapter()) {
            adapter.create(FLOW);
            EventSource source = adapter.openSource(FLOW, new SourceSettings("g"));
            var poll = blockedPoll(source);
            source.close();
            assertThat(failureOf(poll)).isInstanceOf(BrokerException.Fatal.class);
        }
    }

    @Test
    void deleteWakesAndEndsSourcesAndSinks() throws Exception {
        try (var adapter = TestEvents.adapter()) {
            adapter.create(FLOW);
            EventSource blocked = adapter.openSource(FLOW, new SourceSettings("g"));
            EventSource other = adapter.openSource(FLOW, new SourceSettings("h"));
            EventSink sink = adapter.openSink(FLOW);
            publish(sink, event("before"));
            Delivery held = pollNow(other, 1).getFirst();
            assertThat(ids(pollNow(blocked, 10))).containsExactly("before");
            var poll = blockedPoll(blocked);

            adapter.delete(FLOW);

            assertThat(failureOf(poll)).isInstanceOf(BrokerException.NoSuchResource.class);
            assertThatThrownBy(() -> pollNow(other, 1)).isInstanceOf(BrokerException.NoSuchResource.class);
            assertThat(failureOf(sink.publish(event("after")))).isInstanceOf(BrokerException.NoSuchResource.class);
            held.ack();
            held.nack();

            // A new flow of the same name is a new log: the old handles stay ended.
            adapter.create(FLOW);
            assertThat(failureOf(sink.publish(event("after")))).isInstanceOf(BrokerException.NoSuchResource.class);
            assertThatThrownBy(() -> pollNow(blocked, 1)).isInstanceOf(BrokerException.NoSuchResource.class);
            blocked.close();
            other.close();
            sink.close();
            try (EventSource fresh = adapter.openSource(FLOW, new SourceSettings("g"))) {
                assertThat(pollNow(fresh, 10)).isEmpty();
            }
        }
    }

    @Test
    void afterCloseEverythingFailsRetriablyAndCloseIsIdempotent() throws Exception {
        var adapter = TestEvents.adapter();
        adapter.create(FLOW);
        EventSource source = adapter.openSource(FLOW, new SourceSettings("g"));
        EventSink sink = adapter.openSink(FLOW);
        publish(sink, event("e"));
        Delivery held = pollNow(source, 1).getFirst();
        adapter.checkReachable();

        adapter.close();
        adapter.close();

        assertThatThrownBy(adapter::checkReachable).isInstanceOf(BrokerException.Retriable.class);
        assertThatThrownBy(() -> adapter.create(FLOW)).isInstanceOf(BrokerException.Retriable.class);
        assertThatThrownBy(() -> adapter.describe(FLOW)).isInstanceOf(BrokerException.Retriable.class);
        assertThatThrownBy(() -> adapter.delete(FLOW)).isInstanceOf(BrokerException.Retriable.class);
        assertThatThrownBy(() -> adapter.openSource(FLOW, new SourceSettings("g"))).isInstanceOf(BrokerException.Retriable.class);
        assertThatThrownBy(() -> adapter.openSink(FLOW)).isInstanceOf(BrokerException.Retriable.class);
        assertThatThrownBy(() -> pollNow(source, 1)).isInstanceOf(BrokerException.Retriable.class);
        assertThat(failureOf(sink.publish(event("late")))).isInstanceOf(BrokerException.Retriable.class);
        sink.close();
        assertThat(failureOf(sink.publish(event("late")))).as("the broker being gone comes first")
                .isInstanceOf(BrokerException.Retriable.class);
        held.ack();
        held.nack();
        source.close();
        source.close();
    }

    @Test
    void closeLeavesNoThreadBehind() throws Exception {
        try (var adapter = TestEvents.adapter()) {
            adapter.create(FLOW);
            publish(adapter, FLOW.flow(), event("e"));
            try (EventSource source = adapter.openSource(FLOW, new SourceSettings("g"))) {
                pollNow(source, 1).getFirst().ack();
            }
        }
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread != Thread.currentThread() && thread.isAlive()) {
                assertThat(stack).as("thread %s", thread.getName())
                        .noneMatch(frame -> frame.getClassName().startsWith("org.eson.adapters.memory.Memory")
                                || frame.getClassName().startsWith("org.eson.adapters.memory.Flow"));
            }
        });
    }
}
