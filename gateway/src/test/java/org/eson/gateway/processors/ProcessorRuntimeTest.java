package org.eson.gateway.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.eson.gateway.Gateway;
import org.eson.gateway.support.RawSession;
import org.eson.gateway.support.TestGateways;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;

/** Bridge processors in a real gateway over its memory broker: copying, lifecycle, restarts, dead letters. */
@Timeout(120)
class ProcessorRuntimeTest {

    private static final String A = "a.flows.unix.ar";
    private static final String B = "b.flows.unix.ar";
    private static final String C = "c.flows.unix.ar";
    private static final String D = "d.flows.unix.ar";

    @TempDir
    Path dataDir;
    Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateways.start(dataDir);
        // Registered flows, so a restarted gateway provisions them again before its processors start.
        try (var session = RawSession.connect(gateway.fnapPort()).greetAndAuthenticate("test", "test")) {
            for (String flow : List.of(A, B, C, D)) {
                assertThat(session.exchange("CREATE FLOW " + flow)).containsExactly("220 OK " + flow);
            }
        }
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aBridgeCopiesEventsFromOneFlowToAnotherAndCountsThem() throws Exception {
        ProcessorStatus created = runtime().create(bridge(A, B, ProcessorSettings.defaults()));
        assertThat(created.state()).isEqualTo(ProcessorState.RUNNING);
        assertThat(created.kind()).isEqualTo(ProcessorKind.BRIDGE);

        List<String> ids = ids("e", 0, 50);
        publish(A, ids);
        try (var reader = new Reader(B)) {
            reader.awaitAll(ids);
        }
        await("every event confirmed", () -> status(created.id()).eventsOut() == 50);
        ProcessorStatus status = status(created.id());
        assertThat(status.state()).isEqualTo(ProcessorState.RUNNING);
        assertThat(status.eventsIn()).isEqualTo(50);
        assertThat(status.errors()).isZero();
        assertThat(status.deadLettered()).isZero();
        assertThat(status.lastEventTime()).isPresent();
        assertThat(status.lag()).isEmpty();
        assertThat(runtime().list()).extracting(ProcessorStatus::id).containsExactly(created.id());
    }

    @Test
    void pauseStopsCopyingAndResumeContinuesWithoutLosingAnything() throws Exception {
        String id = runtime().create(bridge(A, B, ProcessorSettings.defaults().withBatchSize(5))).id();
        try (var reader = new Reader(B)) {
            publish(A, ids("e", 0, 20));
            reader.awaitAll(ids("e", 0, 20));

            assertThat(runtime().pause(id).state()).isEqualTo(ProcessorState.PAUSED);
            publish(A, ids("e", 20, 50));
            reader.drainFor(Duration.ofMillis(800));
            assertThat(reader.seen).doesNotContainAnyElementsOf(ids("e", 20, 50));
            assertThat(status(id).state()).isEqualTo(ProcessorState.PAUSED);

            assertThat(runtime().resume(id).state()).isEqualTo(ProcessorState.RUNNING);
            reader.awaitAll(ids("e", 0, 50));
        }
        await("counters", () -> status(id).eventsOut() >= 50);
    }

    @Test
    void updateRestartsWithTheNewSettingsAndKeepsCopying() throws Exception {
        ProcessorSpec spec = bridge(A, B, ProcessorSettings.defaults());
        runtime().create(spec);
        try (var reader = new Reader(B)) {
            publish(A, ids("e", 0, 10));
            reader.awaitAll(ids("e", 0, 10));

            ProcessorSpec updated = spec.withSettings(spec.settings().withBatchSize(3).withMaxAttempts(2));
            assertThat(runtime().update(updated).state()).isEqualTo(ProcessorState.RUNNING);
            assertThat(runtime().spec(spec.id())).contains(updated);

            publish(A, ids("e", 10, 30));
            reader.awaitAll(ids("e", 0, 30));
        }
        assertThatThrownBy(() -> runtime().update(new ProcessorSpec(spec.id(), ProcessorKind.BRIDGE, spec.source(),
                new LocalFlow(B, "nowhere"), spec.settings())))
                .isInstanceOfSatisfying(ProcessorException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProcessorException.Reason.INVALID));
    }

    @Test
    void destroyStopsTheProcessorAndForgetsItEvenAcrossARestart() throws Exception {
        String id = runtime().create(bridge(A, B, ProcessorSettings.defaults())).id();
        runtime().destroy(id);
        assertThat(runtime().list()).isEmpty();
        assertThat(runtime().status(id)).isEmpty();
        publish(A, List.of("after-destroy"));
        try (var reader = new Reader(B)) {
            reader.drainFor(Duration.ofMillis(800));
            assertThat(reader.seen).isEmpty();
        }
        assertThatThrownBy(() -> runtime().pause(id)).isInstanceOfSatisfying(ProcessorException.class,
                e -> assertThat(e.reason()).isEqualTo(ProcessorException.Reason.NOT_FOUND));

        gateway.close();
        gateway = TestGateways.start(dataDir);
        assertThat(runtime().list()).isEmpty();
    }

    @Test
    void aRestartBringsBackRunningProcessorsAndKeepsPausedOnesPaused() throws Exception {
        String running = runtime().create(bridge(A, B, ProcessorSettings.defaults())).id();
        String paused = runtime().create(bridge(C, D, ProcessorSettings.defaults())).id();
        runtime().pause(paused);

        gateway.close();
        gateway = TestGateways.start(dataDir);

        assertThat(status(running).state()).isEqualTo(ProcessorState.RUNNING);
        assertThat(status(paused).state()).isEqualTo(ProcessorState.PAUSED);
        assertThat(runtime().list()).extracting(ProcessorStatus::id).containsExactly(running, paused);
        // The memory broker forgot its events at the restart; new ones must flow again.
        publish(A, ids("new", 0, 10));
        try (var reader = new Reader(B)) {
            reader.awaitAll(ids("new", 0, 10));
        }
        publish(C, List.of("held"));
        try (var reader = new Reader(D)) {
            reader.drainFor(Duration.ofMillis(600));
            assertThat(reader.seen).isEmpty();
        }
        runtime().resume(paused);
        try (var reader = new Reader(D)) {
            reader.awaitAll(List.of("held"));
        }
    }

    @Test
    void anEventTheSinkRefusesForGoodGoesToTheDeadLetterFlowAndLaterEventsStillFlow() throws Exception {
        UnaryOperator<EventSink> refusePoison = sink -> new EventSink() {
            @Override
            public CompletableFuture<Void> publish(CloudEvent event) {
                if (event.getId().equals("poison")) {
                    return CompletableFuture.failedFuture(new BrokerException.Fatal("schema violation"));
                }
                return sink.publish(event);
            }

            @Override
            public void close() {
                sink.close();
            }
        };
        ProcessorSpec spec = bridge(A, B, ProcessorSettings.defaults().withMaxAttempts(3));
        runtime().create(spec, refusePoison);

        publish(A, List.of("e1", "poison", "e2", "e3"));
        try (var reader = new Reader(B)) {
            reader.awaitAll(List.of("e1", "e2", "e3"));
            await("dead-lettered", () -> status(spec.id()).deadLettered() == 1);
            try (var dlq = new Reader("dlq." + A)) {
                dlq.awaitAll(List.of("poison"));
            }
            publish(A, List.of("e4"));
            reader.awaitAll(List.of("e4"));
            assertThat(reader.seen).doesNotContain("poison");
        }
        // The reader can see an event before the bridge's loop has handled its confirmation.
        await("every confirmation counted", () -> status(spec.id()).eventsOut() == 4);
        ProcessorStatus status = status(spec.id());
        assertThat(status.state()).isEqualTo(ProcessorState.RUNNING);
        assertThat(status.errors()).isGreaterThanOrEqualTo(3);
        assertThat(gateway.metrics().scrape()).contains("eson_processor_dead_lettered_total{processor=\""
                + spec.id() + "\",kind=\"bridge\"} 1");
    }

    @Test
    void aProcessorWhoseSourceFlowIsDeletedFailsAndResumesOnceItIsBack() throws Exception {
        String id = runtime().create(bridge(A, B, ProcessorSettings.defaults())).id();
        local().delete(FlowSpec.of(A));
        await("failed", () -> status(id).state() instanceof ProcessorState.Failed);
        assertThat(((ProcessorState.Failed) status(id).state()).reason()).contains(A);
        assertThat(gateway.metrics().scrape()).contains("eson_processors{state=\"failed\"} 1");

        local().create(FlowSpec.of(A));
        assertThat(runtime().resume(id).state()).isEqualTo(ProcessorState.RUNNING);
        publish(A, List.of("back"));
        try (var reader = new Reader(B)) {
            reader.awaitAll(List.of("back"));
        }
    }

    @Test
    void aFailedProcessorResumesByItselfOnceItsBrokerResourceIsBack() throws Exception {
        String id = runtime().create(bridge(A, B, ProcessorSettings.defaults())).id();
        local().delete(FlowSpec.of(A));
        await("failed", () -> status(id).state() instanceof ProcessorState.Failed);

        local().create(FlowSpec.of(A));
        // No resume call: the runtime's reviver tries failed processors again with back-off.
        await("revived", () -> status(id).state() == ProcessorState.RUNNING);
        publish(A, List.of("revived"));
        try (var reader = new Reader(B)) {
            reader.awaitAll(List.of("revived"));
        }
    }

    @Test
    void kindsOfFigure13ThatAreNotImplementedAreRefusedClearly() {
        assertThat(ProcessorKind.implemented()).containsExactly(ProcessorKind.BRIDGE);
        for (ProcessorKind kind : List.of(ProcessorKind.COLLECTOR, ProcessorKind.DISTRIBUTOR, ProcessorKind.SIGNAL)) {
            var spec = new ProcessorSpec(java.util.UUID.randomUUID().toString(), kind, new LocalFlow(A, "local"),
                    new LocalFlow(B, "local"), ProcessorSettings.defaults());
            assertThatThrownBy(() -> runtime().create(spec)).isInstanceOfSatisfying(ProcessorException.class, e -> {
                assertThat(e.reason()).isEqualTo(ProcessorException.Reason.UNSUPPORTED);
                assertThat(e.getMessage()).contains(kind.label()).contains("not supported yet").contains("bridge");
            });
        }
        assertThatThrownBy(() -> runtime().create(ProcessorSpec.bridge(new LocalFlow(A, "local"),
                new LocalFlow(B, "elsewhere"), ProcessorSettings.defaults())))
                .isInstanceOfSatisfying(ProcessorException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProcessorException.Reason.INVALID));
        assertThatThrownBy(() -> runtime().create(bridge("missing.flows.unix.ar", B, ProcessorSettings.defaults())))
                .isInstanceOfSatisfying(ProcessorException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProcessorException.Reason.BROKER));
        assertThat(runtime().list()).isEmpty();
    }

    @Test
    void theMetricsEndpointShowsEachProcessor() throws Exception {
        String id = runtime().create(bridge(A, B, ProcessorSettings.defaults())).id();
        String idle = runtime().create(bridge(C, D, ProcessorSettings.defaults())).id();
        runtime().pause(idle);
        publish(A, ids("e", 0, 5));
        await("copied", () -> status(id).eventsOut() == 5);

        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.httpPort() + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        String labels = "{processor=\"" + id + "\",kind=\"bridge\"}";
        assertThat(response.body())
                .contains("# TYPE eson_processors gauge")
                .contains("eson_processors{state=\"running\"} 1")
                .contains("eson_processors{state=\"paused\"} 1")
                .contains("eson_processors{state=\"failed\"} 0")
                .contains("eson_processor_events_in_total" + labels + " 5")
                .contains("eson_processor_events_out_total" + labels + " 5")
                .contains("eson_processor_errors_total" + labels + " 0")
                .contains("eson_processor_dead_lettered_total" + labels + " 0")
                .contains("eson_processor_last_event_timestamp_seconds" + labels + " ")
                .doesNotContain("eson_processor_last_event_timestamp_seconds{processor=\"" + idle);
    }

    private ProcessorRuntime runtime() {
        return gateway.processors();
    }

    private ProcessorStatus status(String id) {
        return runtime().status(id).orElseThrow();
    }

    private static ProcessorSpec bridge(String from, String to, ProcessorSettings settings) {
        return ProcessorSpec.bridge(new LocalFlow(from, "local"), new LocalFlow(to, "local"), settings);
    }

    private BrokerAdapter local() {
        return gateway.brokers().adapter("local");
    }

    private static List<String> ids(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    }

    private void publish(String flow, Collection<String> ids) throws Exception {
        try (EventSink sink = local().openSink(FlowSpec.of(flow))) {
            for (String id : ids) {
                sink.publish(CloudEventBuilder.v1().withId(id).withSource(URI.create("urn:eson:test"))
                        .withType("org.eson.test").build()).get(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Reads a flow as its own consumer group, acknowledging everything. */
    private final class Reader implements AutoCloseable {
        final Set<String> seen = new LinkedHashSet<>();
        private final EventSource source;

        Reader(String flow) throws BrokerException {
            source = local().openSource(FlowSpec.of(flow), new SourceSettings("test-reader-" + flow));
        }

        void awaitAll(Collection<String> ids) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!seen.containsAll(ids)) {
                if (System.nanoTime() > deadline) {
                    var missing = new ArrayList<>(ids);
                    missing.removeAll(seen);
                    throw new AssertionError("never arrived: " + missing);
                }
                pollOnce(Duration.ofMillis(100));
            }
        }

        void drainFor(Duration duration) throws Exception {
            long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline) {
                pollOnce(Duration.ofMillis(50));
            }
        }

        private void pollOnce(Duration timeout) throws Exception {
            for (Delivery delivery : source.poll(100, timeout)) {
                seen.add(delivery.event().getId());
                delivery.ack();
            }
        }

        @Override
        public void close() {
            source.close();
        }
    }

}
