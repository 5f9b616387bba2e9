package org.eson.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.cloudevents.CloudEvent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;

/**
 * Random interleavings of polls, acks, nacks and source restarts by two competing consumers
 * (and an independent third group) never break per-key order and end with every event acked
 * exactly once per group. Single-threaded, so a failure reproduces from jqwik's seed.
 */
class OrderingPropertiesTest {

    private static final FlowSpec FLOW = FlowSpec.of("orders");

    /** One consumer: a source, what it holds unsettled, and its group's tracker. */
    private static final class Member {
        final String group;
        final GroupTracker tracker;
        EventSource source;
        final List<Delivery> held = new ArrayList<>();

        Member(String group, GroupTracker tracker) {
            this.group = group;
            this.tracker = tracker;
        }
    }

    @Property(tries = 80)
    void perKeyOrderAndExactlyOnceAcknowledgement(@ForAll @IntRange(min = 1, max = 12) int keys,
            @ForAll @IntRange(min = 1, max = 300) int events, @ForAll long seed) throws Exception {
        var random = new Random(seed);
        try (var adapter = TestEvents.adapter()) {
            adapter.create(FLOW);
            var competing = new GroupTracker("competing");
            var alone = new GroupTracker("alone");
            try (EventSink sink = adapter.openSink(FLOW)) {
                for (int i = 0; i < events; i++) {
                    CloudEvent event = random.nextInt(5) == 0
                            ? TestEvents.event("e" + i)
                            : TestEvents.keyed("e" + i, "k" + random.nextInt(keys));
                    competing.published(event);
                    alone.published(event);
                    sink.publish(event).join();
                }
            }
            List<Member> members = List.of(new Member("competing", competing), new Member("competing", competing),
                    new Member("alone", alone));
            for (Member m : members) {
                m.source = adapter.openSource(FLOW, new SourceSettings(m.group));
            }
            var stale = new ArrayList<Delivery>();

            int steps = 0;
            while (!(competing.done() && alone.done())) {
                assertThat(++steps).as("steps to settle everything").isLessThan(200_000);
                Member m = members.get(random.nextInt(members.size()));
                int action = random.nextInt(20);
                if (action < 8) {
                    List<Delivery> got = m.source.poll(1 + random.nextInt(4), Duration.ZERO);
                    assertThat(got.size()).isLessThanOrEqualTo(4);
                    m.tracker.delivered(got);
                    m.held.addAll(got);
                } else if (action < 18) {
                    if (!m.held.isEmpty()) {
                        Delivery d = m.held.remove(random.nextInt(m.held.size()));
                        if (random.nextInt(10) < 6) {
                            m.tracker.acking(d);
                            d.ack();
                        } else {
                            m.tracker.nacking(d);
                            d.nack();
                        }
                    }
                } else if (action == 18) {
                    m.tracker.released(m.held);
                    m.source.close();
                    stale.addAll(m.held);
                    m.held.clear();
                    m.source = adapter.openSource(FLOW, new SourceSettings(m.group));
                } else if (!stale.isEmpty()) {
                    // Settling a delivery of a closed source must change nothing.
                    Delivery d = stale.remove(random.nextInt(stale.size()));
                    if (random.nextBoolean()) {
                        d.ack();
                    } else {
                        d.nack();
                    }
                }
            }

            for (Member m : members) {
                assertThat(m.source.poll(10, Duration.ZERO)).isEmpty();
                m.source.close();
            }
            competing.verifyComplete(true);
            alone.verifyComplete(true);
            assertThat(adapter.retainedEvents(FLOW.flow())).as("everything settled by every group is trimmed").isZero();
        }
    }
}
