package org.eson.gateway.processors;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.eson.bridge.BridgeSettings;
import org.eson.gateway.flows.store.ProcessorRow;
import org.eson.gateway.flows.store.RegistryStore;
import org.eson.gateway.flows.store.StoreException;
import org.eson.gateway.observe.GatewayMetrics;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.bridge.EventSink;

/**
 * The gateway's processors: the FNAA side of the thesis's IPC interface. Every lifecycle change
 * is written to the registry store, so {@link #startPersisted()} can bring back after a restart
 * exactly the processors that should run. {@link #close()} stops them without writing anything:
 * a shutdown is not a pause.
 *
 * <p>Lifecycle calls are serialised (they can wait for a bridge to settle); {@link #status},
 * {@link #list} and {@link #samples} never wait for them.
 */
public final class ProcessorRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProcessorRuntime.class.getName());

    private final RegistryStore store;
    private final Function<String, BrokerAdapter> adapters;
    private final Clock clock;
    private final BridgeSettings bridgeSettings;
    private final RemoteAttacher attacher;
    /** In creation order; replaced under the runtime's lock, read without it. */
    private final Map<String, Processor> processors = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile boolean closed;
    private volatile Thread reviver;

    private static final Duration REVIVE_FIRST = Duration.ofSeconds(1);
    private static final Duration REVIVE_MAX = Duration.ofSeconds(60);

    /**
     * @param adapters the configured brokers by name; throws IllegalArgumentException for an unknown one
     */
    public ProcessorRuntime(RegistryStore store, Function<String, BrokerAdapter> adapters, Clock clock) {
        this(store, adapters, clock, BridgeSettings.defaults(), RemoteAttacher.none());
    }

    /** With {@code attacher} opening the brokers of {@link RemoteFlow} endpoints. */
    public ProcessorRuntime(RegistryStore store, Function<String, BrokerAdapter> adapters, Clock clock,
                            RemoteAttacher attacher) {
        this(store, adapters, clock, BridgeSettings.defaults(), attacher);
    }

    /** With bridge timings of its own; tests use short poll timeouts and back-offs. */
    ProcessorRuntime(RegistryStore store, Function<String, BrokerAdapter> adapters, Clock clock,
                     BridgeSettings bridgeSettings) {
        this(store, adapters, clock, bridgeSettings, RemoteAttacher.none());
    }

    ProcessorRuntime(RegistryStore store, Function<String, BrokerAdapter> adapters, Clock clock,
                     BridgeSettings bridgeSettings, RemoteAttacher attacher) {
        this.attacher = Objects.requireNonNull(attacher, "attacher");
        this.store = Objects.requireNonNull(store, "store");
        this.adapters = Objects.requireNonNull(adapters, "adapters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bridgeSettings = Objects.requireNonNull(bridgeSettings, "bridgeSettings");
    }

    /**
     * Loads every stored processor and starts those that were not paused. A processor that
     * cannot start (its broker is down or no longer configured, its flow is gone) is kept as
     * FAILED: the gateway still starts, and the next start or a resume tries again.
     */
    public synchronized void startPersisted() {
        int started = 0;
        int paused = 0;
        int failed = 0;
        for (ProcessorRow row : store.processors()) {
            ProcessorSpec spec;
            ProcessorState stored;
            try {
                spec = spec(row);
                stored = ProcessorState.parse(row.state(), row.failure().orElse(null));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "event=processor.unreadable id=" + row.id() + " detail=\"" + e.getMessage() + "\"");
                failed++;
                continue;
            }
            if (stored == ProcessorState.DESTROYED) {
                continue;
            }
            if (!spec.kind().isImplemented()) {
                LOG.log(Level.WARNING, "event=processor.unsupported id=" + row.id() + " kind=" + spec.kind().label());
                failed++;
                continue;
            }
            boolean wasPaused = stored == ProcessorState.PAUSED;
            Processor processor = newProcessor(spec, wasPaused ? ProcessorState.PAUSED : ProcessorState.CREATED,
                    UnaryOperator.identity());
            processors.put(spec.id(), processor);
            if (wasPaused) {
                paused++;
                continue;
            }
            if (startAndRecord(processor)) {
                started++;
            } else {
                failed++;
            }
        }
        LOG.log(Level.INFO, "event=processors.loaded started=" + started + " paused=" + paused + " failed=" + failed);
        startReviver();
    }

    /**
     * Tries FAILED processors again with a doubling delay (1 s up to 60 s), so one whose broker
     * was down when it had to open its source or sink resumes by itself once the broker is back;
     * a running bridge already retries outages on its own.
     */
    private void startReviver() {
        if (reviver == null) {
            reviver = Thread.ofVirtual().name("eson-processor-reviver").start(this::reviveFailed);
        }
    }

    private void reviveFailed() {
        Map<String, Long> nextAttemptNanos = new java.util.HashMap<>();
        Map<String, Duration> delays = new java.util.HashMap<>();
        while (!closed) {
            try {
                Thread.sleep(REVIVE_FIRST.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            for (ProcessorStatus status : list()) {
                String id = status.id();
                if (!(status.state() instanceof ProcessorState.Failed)) {
                    nextAttemptNanos.remove(id);
                    delays.remove(id);
                    continue;
                }
                long now = System.nanoTime();
                if (nextAttemptNanos.getOrDefault(id, now) > now) {
                    continue;
                }
                try {
                    resume(id);
                    nextAttemptNanos.remove(id);
                    delays.remove(id);
                    LOG.log(Level.INFO, "event=processor.revived id=" + id);
                } catch (ProcessorException | IllegalStateException e) {
                    if (closed) {
                        return;
                    }
                    Duration delay = delays.merge(id, REVIVE_FIRST, (previous, first) ->
                            previous.multipliedBy(2).compareTo(REVIVE_MAX) > 0 ? REVIVE_MAX : previous.multipliedBy(2));
                    nextAttemptNanos.put(id, now + delay.toNanos());
                }
            }
        }
    }

    /**
     * Creates, persists and starts a processor.
     *
     * @throws ProcessorException UNSUPPORTED for a kind declared but not implemented, INVALID for
     *                            an unknown broker, EXISTS for a taken id, BROKER when it cannot
     *                            start (nothing is kept then)
     */
    public ProcessorStatus create(ProcessorSpec spec) {
        return create(spec, UnaryOperator.identity());
    }

    /** {@link #create(ProcessorSpec)} with the sink wrapped; tests make a sink refuse events through it. */
    synchronized ProcessorStatus create(ProcessorSpec spec, UnaryOperator<EventSink> sinkWrapper) {
        requireOpen();
        validate(spec);
        if (processors.containsKey(spec.id())) {
            throw exists(spec.id());
        }
        Instant now = clock.instant();
        if (!store.insertProcessor(row(spec, ProcessorState.CREATED, now, now))) {
            throw exists(spec.id());
        }
        Processor processor = newProcessor(spec, ProcessorState.CREATED, sinkWrapper);
        try {
            processor.start();
        } catch (RuntimeException e) {
            // A create that cannot start leaves nothing behind, so the client can simply retry it.
            processor.close();
            store.deleteProcessor(spec.id());
            throw e;
        }
        processors.put(spec.id(), processor);
        record(spec.id(), ProcessorState.RUNNING);
        LOG.log(Level.INFO, "event=processor.created id=" + spec.id() + " kind=" + spec.kind().label()
                + " source=" + spec.source() + " sink=" + spec.sink());
        return processor.status();
    }

    /** Stops copying; the consumer group keeps the position. */
    public synchronized ProcessorStatus pause(String id) {
        requireOpen();
        Processor processor = find(id);
        processor.pause();
        record(id, ProcessorState.PAUSED);
        return processor.status();
    }

    /** Starts copying again from the consumer group's acknowledged position; also retries a FAILED processor. */
    public synchronized ProcessorStatus resume(String id) {
        requireOpen();
        Processor processor = find(id);
        if (!startAndRecord(processor)) {
            ProcessorState state = processor.status().state();
            throw new ProcessorException(ProcessorException.Reason.BROKER, "processor " + id + " did not resume: "
                    + state, true, null);
        }
        return processor.status();
    }

    /**
     * Replaces endpoints and settings (same id and kind). A running processor restarts with them
     * on the same consumer group; a paused one stays paused.
     */
    public synchronized ProcessorStatus update(ProcessorSpec spec) {
        requireOpen();
        validate(spec);
        Processor processor = find(spec.id());
        try {
            processor.update(spec);
        } finally {
            ProcessorStatus status = processor.status();
            Instant now = clock.instant();
            store.updateProcessor(row(processor.spec(), status.state(), now, now));
        }
        return processor.status();
    }

    /** Stops the processor for good and forgets it, in memory and in the store. */
    public synchronized void destroy(String id) {
        requireOpen();
        Processor processor = find(id);
        processor.destroy();
        store.deleteProcessor(id);
        processors.remove(id);
    }

    /** What the processor was created or last updated with. */
    public Optional<ProcessorSpec> spec(String id) {
        return Optional.ofNullable(processors.get(id)).map(Processor::spec);
    }

    public Optional<ProcessorStatus> status(String id) {
        return Optional.ofNullable(processors.get(id)).map(Processor::status);
    }

    /** Every processor, oldest first. */
    public List<ProcessorStatus> list() {
        List<Processor> snapshot;
        synchronized (processors) {
            snapshot = new ArrayList<>(processors.values());
        }
        return snapshot.stream().map(Processor::status).toList();
    }

    /** What {@code /observe/metrics} shows, read at scrape time. */
    public List<GatewayMetrics.ProcessorSample> samples() {
        return list().stream().map(s -> new GatewayMetrics.ProcessorSample(s.id(), s.kind().label(),
                s.state().label(), s.eventsIn(), s.eventsOut(), s.errors(), s.deadLettered(),
                s.lastEventTime().map(t -> OptionalDouble.of(t.toEpochMilli() / 1000.0))
                        .orElse(OptionalDouble.empty()))).toList();
    }

    /**
     * Stops every processor at once (each waits a bounded time for its publishes in flight),
     * leaving the stored states alone so the next start resumes them.
     */
    @Override
    public void close() {
        List<Processor> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            Thread revive = reviver;
            if (revive != null) {
                revive.interrupt();
            }
            synchronized (processors) {
                all = new ArrayList<>(processors.values());
            }
        }
        List<Thread> stopping = all.stream()
                .map(p -> Thread.ofVirtual().name("eson-processor-stop-" + p.spec().id()).start(() -> {
                    try {
                        p.close();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "event=processor.close-failed id=" + p.spec().id() + " detail=\"" + e + "\"");
                    }
                }))
                .toList();
        boolean interrupted = false;
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.INFO, "event=processors.stopped count=" + all.size());
    }

    private boolean startAndRecord(Processor processor) {
        String id = processor.spec().id();
        try {
            processor.start();
            record(id, ProcessorState.RUNNING);
            return true;
        } catch (ProcessorException e) {
            LOG.log(Level.WARNING, "event=processor.start-failed id=" + id + " retriable=" + e.retriable()
                    + " detail=\"" + e.getMessage() + "\"");
            record(id, processor.status().state());
            return false;
        }
    }

    private Processor newProcessor(ProcessorSpec spec, ProcessorState initial, UnaryOperator<EventSink> sinkWrapper) {
        return switch (spec.kind()) {
            case BRIDGE -> new BridgeProcessor(spec, initial, adapters, attacher, bridgeSettings, sinkWrapper,
                    (processor, reason) -> recordQuietly(processor.spec().id(), ProcessorState.failed(reason)));
            case COLLECTOR, DISTRIBUTOR, SIGNAL -> throw unsupported(spec.kind());
        };
    }

    private void validate(ProcessorSpec spec) {
        if (!spec.kind().isImplemented()) {
            throw unsupported(spec.kind());
        }
        for (Endpoint endpoint : List.of(spec.source(), spec.sink())) {
            if (!(endpoint instanceof LocalFlow local)) {
                continue;
            }
            try {
                adapters.apply(local.broker());
            } catch (IllegalArgumentException e) {
                throw new ProcessorException(ProcessorException.Reason.INVALID,
                        "broker '" + local.broker() + "' is not configured on this gateway");
            }
        }
    }

    private void record(String id, ProcessorState state) {
        Optional<String> failure = state instanceof ProcessorState.Failed failed
                ? Optional.of(failed.reason()) : Optional.empty();
        store.updateProcessorState(id, state.name(), failure, clock.instant());
    }

    /** From a bridge's watcher thread, which has no caller to report a store failure to. */
    private void recordQuietly(String id, ProcessorState state) {
        try {
            record(id, state);
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "event=processor.persist-failed id=" + id + " state=" + state.name()
                    + " detail=\"" + e.getMessage() + "\"");
        }
    }

    private Processor find(String id) {
        Processor processor = processors.get(id);
        if (processor == null) {
            throw new ProcessorException(ProcessorException.Reason.NOT_FOUND, "no processor " + id);
        }
        return processor;
    }

    private void requireOpen() {
        if (closed) {
            throw new ProcessorException(ProcessorException.Reason.STATE, "the processor runtime is shut down");
        }
    }

    private static ProcessorException exists(String id) {
        return new ProcessorException(ProcessorException.Reason.EXISTS, "processor " + id + " already exists");
    }

    private static ProcessorException unsupported(ProcessorKind kind) {
        return new ProcessorException(ProcessorException.Reason.UNSUPPORTED, "processor kind " + kind.label()
                + " is not supported yet; this gateway implements: "
                + ProcessorKind.implemented().stream().map(ProcessorKind::label).collect(Collectors.joining(", ")));
    }

    /** The broker column of a remote endpoint: not a configured broker's name. */
    static final String REMOTE_BROKER_PREFIX = "remote:";

    static ProcessorRow row(ProcessorSpec spec, ProcessorState state, Instant created, Instant updated) {
        Optional<String> failure = state instanceof ProcessorState.Failed failed
                ? Optional.of(failed.reason()) : Optional.empty();
        return new ProcessorRow(spec.id(), spec.kind().name(), spec.source().flow(), brokerColumn(spec.source()),
                spec.sink().flow(), brokerColumn(spec.sink()), spec.settings().toText(), state.name(), failure,
                created, updated, remoteColumn(spec.source()), remoteColumn(spec.sink()));
    }

    private static String brokerColumn(Endpoint endpoint) {
        return switch (endpoint) {
            case LocalFlow local -> local.broker();
            case RemoteFlow remote -> REMOTE_BROKER_PREFIX + remote.type();
        };
    }

    private static Optional<String> remoteColumn(Endpoint endpoint) {
        return switch (endpoint) {
            case LocalFlow local -> Optional.empty();
            case RemoteFlow remote -> Optional.of(remote.toText());
        };
    }

    static ProcessorSpec spec(ProcessorRow row) {
        Endpoint source = row.sourceRemote().<Endpoint>map(text -> RemoteFlow.parse(row.sourceFlow(), text))
                .orElseGet(() -> new LocalFlow(row.sourceFlow(), row.sourceBroker()));
        Endpoint sink = row.sinkRemote().<Endpoint>map(text -> RemoteFlow.parse(row.sinkFlow(), text))
                .orElseGet(() -> new LocalFlow(row.sinkFlow(), row.sinkBroker()));
        return new ProcessorSpec(row.id(), ProcessorKind.parse(row.kind()), source, sink,
                ProcessorSettings.parse(row.settings()));
    }
}
