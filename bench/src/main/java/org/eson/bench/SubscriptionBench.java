package org.eson.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import org.eson.fixtures.kafka.KafkaBroker;
import org.eson.fnap.client.FnapClient;
import org.eson.fnap.client.FnapClientOptions;
import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnap.fns.Nameserver;
import org.eson.fnap.name.FlowName;
import org.eson.fnap.wire.Reply;
import org.eson.gateway.Gateway;
import org.eson.gateway.config.BrokerEntry;
import org.eson.gateway.config.FnsSettings;
import org.eson.gateway.config.GatewayConfig;
import org.eson.gateway.config.ListenerSettings;
import org.eson.gateway.config.NamespaceEntry;
import org.eson.gateway.config.PeerEntry;
import org.eson.gateway.config.SessionSettings;
import org.eson.gateway.config.SubscriptionSettings;
import org.eson.gateway.config.UserEntry;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerAdapterProvider;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.eson.spi.config.AdapterConfig;

/**
 * A Kafka -> memory subscription across two in-process gateways, next to a direct Kafka
 * sink -> source round trip on the same single-node KRaft broker. Gateway A keeps its flows on
 * Kafka and serves them from its embedded name server; gateway B (memory broker) resolves
 * through A's name server, subscribes over FNAP, and its subscription path is
 * A's original flow -> A's copy flow (both Kafka) -> B's local memory flow.
 *
 * <p>Latency: events sent one at a time, each carrying its publish time (System.nanoTime, one
 * JVM) in an extension, the next one sent once the previous arrived. Throughput: events
 * published as fast as the sink accepts, timed from the first publish to the last arrival.
 * Tunables: {@code -Dbench.latency.events=1500 -Dbench.direct.latency.events=500
 * -Dbench.throughput.events=20000 -Dbench.warmup.events=50}.
 */
public final class SubscriptionBench {

    private static final int LATENCY_EVENTS = Integer.getInteger("bench.latency.events", 1500);
    private static final int THROUGHPUT_EVENTS = Integer.getInteger("bench.throughput.events", 20_000);
    /** Fewer for the direct path by default: it is the reference, and this keeps a default run under 60 s. */
    private static final int DIRECT_LATENCY_EVENTS = Integer.getInteger("bench.direct.latency.events", 500);
    private static final int WARMUP_EVENTS = Integer.getInteger("bench.warmup.events", 50);
    private static final String SENT = "benchsentnanos";
    private static final String PEER_PASSWORD = "bench-peer";
    private static final byte[] DATA = "{\"tick\":0,\"pad\":\"0123456789abcdef0123456789abcdef\"}"
            .getBytes(StandardCharsets.UTF_8);

    private SubscriptionBench() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.SEVERE);
        for (var handler : root.getHandlers()) {
            handler.setLevel(java.util.logging.Level.SEVERE);
        }
        long began = System.nanoTime();
        try (KafkaBroker kafka = KafkaBroker.create();
             Gateway a = Gateway.start(configA(Files.createTempDirectory("eson-bench-a"), kafka.bootstrapServers()));
             Gateway b = Gateway.start(configB(Files.createTempDirectory("eson-bench-b"),
                     a.fnsPort().orElseThrow(() -> new IllegalStateException("A runs no embedded FNS"))));
             BrokerAdapter direct = kafkaAdapter(kafka.bootstrapServers())) {
            String remote = "time.flows.a.bench.example";
            String local = "time.flows.b.bench.example";
            try (FnapClient atA = client(a.fnapPort()); FnapClient atB = client(b.fnapPort())) {
                atA.createFlow(new FlowName(remote));
                Reply reply = atB.expectOk("SUBSCRIBE " + remote + " LOCAL " + local);
                System.out.printf(Locale.ROOT, "subscription bench: %d cores, %s, Kafka %s; %s%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                        kafka.bootstrapServers(), String.join(" ", reply.data()));
            }
            String directFlow = "direct.bench.example";
            direct.create(FlowSpec.of(directFlow));

            Result subscription;
            Result baseline;
            try (EventSink subSink = a.brokers().adapter("kafka").openSink(FlowSpec.of(remote));
                 Receiver subReceiver = new Receiver(b.brokers().adapter("memory").openSource(FlowSpec.of(local),
                         new SourceSettings("bench-" + UUID.randomUUID())));
                 EventSink directSink = direct.openSink(FlowSpec.of(directFlow));
                 Receiver directReceiver = new Receiver(direct.openSource(FlowSpec.of(directFlow),
                         new SourceSettings("bench-" + UUID.randomUUID())))) {
                // Warm-up both paths (JIT, Kafka metadata, consumer assignment), then measure.
                long ready = System.nanoTime();
                latencies(subSink, subReceiver, WARMUP_EVENTS);
                latencies(directSink, directReceiver, WARMUP_EVENTS);
                long warm = System.nanoTime();
                long[] subLat = latencies(subSink, subReceiver, LATENCY_EVENTS);
                long subLatDone = System.nanoTime();
                long[] directLat = latencies(directSink, directReceiver, DIRECT_LATENCY_EVENTS);
                long directLatDone = System.nanoTime();
                double subRate = throughput(subSink, subReceiver, THROUGHPUT_EVENTS);
                double directRate = throughput(directSink, directReceiver, THROUGHPUT_EVENTS);
                subscription = new Result(subLat, subRate, subReceiver.duplicates());
                baseline = new Result(directLat, directRate, directReceiver.duplicates());
                System.err.printf(Locale.ROOT, "phases: set-up %.1f s, warm-up %.1f s, latency %.1f + %.1f s, "
                        + "throughput %.1f s%n", (ready - began) / 1e9, (warm - ready) / 1e9,
                        (subLatDone - warm) / 1e9, (directLatDone - subLatDone) / 1e9,
                        (System.nanoTime() - directLatDone) / 1e9);
            }
            System.out.printf(Locale.ROOT, "%-34s %14s %14s %8s%n", "", "A->B (FNAP sub)", "direct Kafka", "ratio");
            System.out.printf(Locale.ROOT, "%-34s %14d %14d%n", "latency samples (one at a time)", LATENCY_EVENTS,
                    DIRECT_LATENCY_EVENTS);
            row("latency p50 (ms)", subscription.p(50), baseline.p(50));
            row("latency p95 (ms)", subscription.p(95), baseline.p(95));
            row("latency p99 (ms)", subscription.p(99), baseline.p(99));
            System.out.printf(Locale.ROOT, "%-34s %14.0f %14.0f %8.2f%n",
                    "throughput (events/s, " + THROUGHPUT_EVENTS + ")", subscription.rate, baseline.rate,
                    subscription.rate / baseline.rate);
            System.out.printf(Locale.ROOT, "%-34s %14d %14d%n", "duplicates received", subscription.duplicates,
                    baseline.duplicates);
            System.out.printf(Locale.ROOT, "total run %.1f s%n", (System.nanoTime() - began) / 1e9);
        }
    }

    private record Result(long[] latencies, double rate, long duplicates) {
        double p(int percentile) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    private static void row(String what, double sub, double direct) {
        System.out.printf(Locale.ROOT, "%-34s %14.2f %14.2f %8.2f%n", what, sub, direct, sub / direct);
    }

    /** Polls a source on its own thread, acknowledging, recording arrival latency and counting distinct sequence numbers. */
    private static final class Receiver implements AutoCloseable {
        private final EventSource source;
        private final Thread thread;
        private volatile boolean running = true;
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong highest = new AtomicLong(-1);
        private final AtomicLong lastArrival = new AtomicLong();
        private final java.util.concurrent.ConcurrentHashMap<Long, Long> latencyBySeq =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.BitSet seen = new java.util.BitSet();
        private final AtomicInteger distinct = new AtomicInteger();
        private final AtomicLong duplicates = new AtomicLong();
        private volatile Throwable failure;

        Receiver(EventSource source) {
            this.source = source;
            this.thread = Thread.ofPlatform().daemon().name("bench-receiver").start(this::run);
        }

        private void run() {
            try {
                while (running) {
                    for (Delivery d : source.poll(1000, Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        CloudEvent e = d.event();
                        long seq = Long.parseLong(e.getSubject());
                        Object sent = e.getExtension(SENT);
                        latencyBySeq.putIfAbsent(seq, now - Long.parseLong(String.valueOf(sent)));
                        synchronized (seen) {
                            if (seen.get((int) seq)) {
                                duplicates.incrementAndGet();
                            } else {
                                seen.set((int) seq);
                                distinct.incrementAndGet();
                            }
                        }
                        received.incrementAndGet();
                        highest.accumulateAndGet(seq, Math::max);
                        lastArrival.set(now);
                        d.ack();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure = t;
            }
        }

        boolean has(long seq) {
            synchronized (seen) {
                return seen.get((int) seq);
            }
        }

        int distinct() {
            return distinct.get();
        }

        long duplicates() {
            return duplicates.get();
        }

        void check() {
            if (failure != null) {
                throw new IllegalStateException("receiver failed", failure);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
            source.close();
        }
    }

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static CloudEvent event(long seq) {
        return CloudEventBuilder.v1()
                .withId("bench-" + seq)
                .withSource(URI.create("urn:eson:bench"))
                .withType("example.bench.tick")
                .withSubject(Long.toString(seq))
                .withDataContentType("application/json")
                .withExtension(SENT, Long.toString(System.nanoTime()))
                .withData(DATA)
                .build();
    }

    /** Sends {@code count} events one at a time, each after the previous one arrived; returns their latencies (ns). */
    private static long[] latencies(EventSink sink, Receiver receiver, int count) throws Exception {
        long[] result = new long[count];
        for (int i = 0; i < count; i++) {
            long seq = SEQUENCE.getAndIncrement();
            sink.publish(event(seq)).get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!receiver.has(seq)) {
                receiver.check();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("event " + seq + " did not arrive within 30 s");
                }
                Thread.onSpinWait();
            }
            result[i] = receiver.latencyBySeq.get(seq);
        }
        return result;
    }

    /** Publishes {@code count} events as fast as the sink accepts; events per second from first publish to last arrival. */
    private static double throughput(EventSink sink, Receiver receiver, int count) throws Exception {
        int before = receiver.distinct();
        long start = System.nanoTime();
        var pending = new ArrayList<CompletableFuture<Void>>(count);
        for (int i = 0; i < count; i++) {
            pending.add(sink.publish(event(SEQUENCE.getAndIncrement())));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (receiver.distinct() < before + count) {
            receiver.check();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException((receiver.distinct() - before) + " of " + count + " arrived");
            }
            Thread.sleep(1);
        }
        return count / ((receiver.lastArrival.get() - start) / 1e9);
    }

    private static FnapClient client(int port) throws Exception {
        FnapClient c = FnapClient.connect(new FnapEndpoint("127.0.0.1", port, false), FnapClientOptions.defaults());
        c.authenticatePlain("dev", "dev");
        return c;
    }

    private static BrokerAdapter kafkaAdapter(String bootstrap) throws Exception {
        for (BrokerAdapterProvider p : ServiceLoader.load(BrokerAdapterProvider.class)) {
            if (p.name().equals("kafka")) {
                return p.create(AdapterConfig.of("direct", Map.of("bootstrap.servers", bootstrap)));
            }
        }
        throw new IllegalStateException("no kafka adapter on the class path");
    }

    private static GatewayConfig configA(Path data, String bootstrap) {
        String fqdn = "fnaa.a.bench.example";
        return new GatewayConfig(fqdn, data, true,
                new ListenerSettings("127.0.0.1", 0), Optional.empty(), new ListenerSettings("127.0.0.1", 0),
                new SessionSettings(1000, Duration.ofMinutes(5), 100),
                List.of(new UserEntry("dev", Optional.empty(), Optional.of("dev")),
                        new UserEntry("b", Optional.empty(), Optional.of(PEER_PASSWORD))),
                List.of(new BrokerEntry("kafka", "kafka", Map.of("bootstrap.servers", bootstrap))),
                List.of(new NamespaceEntry("flows.a.bench.example", "dev", "kafka", 100, List.of("b"), false)),
                FnsSettings.embedded(fqdn, "127.0.0.1", 0),
                SubscriptionSettings.defaults());
    }

    private static GatewayConfig configB(Path data, int fnsPortOfA) {
        String fqdn = "fnaa.b.bench.example";
        return new GatewayConfig(fqdn, data, true,
                new ListenerSettings("127.0.0.1", 0), Optional.empty(), new ListenerSettings("127.0.0.1", 0),
                new SessionSettings(1000, Duration.ofMinutes(5), 100),
                List.of(new UserEntry("dev", Optional.empty(), Optional.of("dev"))),
                List.of(new BrokerEntry("memory", "memory", Map.of("max-events-per-flow", "1000000"))),
                List.of(new NamespaceEntry("flows.b.bench.example", "dev", "memory", 100)),
                FnsSettings.embedded(fqdn, "127.0.0.1", 0),
                new SubscriptionSettings(List.of(new Nameserver("127.0.0.1", fnsPortOfA)), Duration.ofSeconds(2),
                        List.of(new PeerEntry("fnaa.a.bench.example", "b", PEER_PASSWORD)),
                        SubscriptionSettings.DEFAULT_CHECK_INTERVAL));
    }
}
