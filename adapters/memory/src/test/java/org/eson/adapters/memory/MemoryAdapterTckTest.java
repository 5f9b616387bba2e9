package org.eson.adapters.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.BrokerException;
import org.eson.spi.Capability;
import org.eson.spi.FlowDescription;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.eson.spi.config.AdapterConfig;
import org.eson.tck.AdapterTck;
import org.eson.tck.NativeProbe;
import org.eson.tck.TckSubject;

/**
 * The memory adapter runs the TCK as its reference implementation. There is no broker fixture:
 * the broker lives inside each adapter instance, so every adapter gets its own broker name and
 * the probe finds the instance again from DESCRIBE's {@code server=memory://<broker>}, through
 * the JVM-wide registry {@link MemoryBrokerAdapter#running(String)} that {@code attach} uses too.
 * No restart: the memory broker cannot restart and keep its data, so the Restart tests are skipped.
 */
class MemoryAdapterTckTest extends AdapterTck {

    @Override
    protected TckSubject subject() {
        return new TckSubject() {
            @Override
            public BrokerAdapter newAdapter() throws BrokerException {
                String broker = "tck-" + UUID.randomUUID().toString().substring(0, 8);
                // Minimal configuration: the broker name only, every setting at its default.
                return new MemoryBrokerAdapter(AdapterConfig.of(broker, Map.of()), Clock.systemUTC());
            }

            @Override
            public Optional<BrokerAdapterProvider> provider() {
                return Optional.of(new MemoryBrokerProvider());
            }

            @Override
            public NativeProbe probe() {
                return new MemoryProbe();
            }

            @Override
            public Map<String, String> flowOptions(Capability capability) {
                return capability == Capability.DEAD_LETTER
                        ? Map.of(MemoryBrokerAdapter.OPTION_MAX_DELIVERIES, "2")
                        : Map.of();
            }
        };
    }

    /**
     * The memory broker's "native client". For an in-process broker the SPI is the native
     * client: there is no wire protocol, so this probe resolves the description's
     * {@code server=memory://<broker>} to the running adapter instance and publishes and
     * consumes the description's {@code topic} through that instance's sink and source. It uses
     * nothing but the description to find the flow, which is what the TCK checks.
     */
    static final class MemoryProbe implements NativeProbe {

        private final List<AutoCloseable> opened = new ArrayList<>();

        @Override
        public void publish(FlowDescription description, CloudEvent event) throws Exception {
            try (EventSink sink = broker(description).openSink(topic(description))) {
                sink.publish(event).get(10, TimeUnit.SECONDS);
            }
        }

        @Override
        public List<CloudEvent> consume(FlowDescription description, String group, int count, Duration timeout)
                throws Exception {
            var events = new ArrayList<CloudEvent>();
            try (EventSource source = broker(description).openSource(topic(description), new SourceSettings(group))) {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (events.size() < count) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    for (Delivery d : source.poll(count - events.size(), Duration.ofNanos(left))) {
                        events.add(d.event());
                        d.ack();
                    }
                }
            }
            return events;
        }

        @Override
        public void close() {
            // Sinks and sources are closed after each call; nothing is held.
        }

        private static MemoryBrokerAdapter broker(FlowDescription description) {
            String server = description.parameters().get("server");
            if (server == null || !server.startsWith(MemoryBrokerAdapter.SCHEME)) {
                throw new IllegalArgumentException("not a memory broker: " + server);
            }
            return MemoryBrokerAdapter.running(server)
                    .orElseThrow(() -> new IllegalArgumentException("no running memory broker " + server));
        }

        private static FlowSpec topic(FlowDescription description) {
            return FlowSpec.of(description.parameters().get("topic"));
        }
    }
}
