package org.eson.gateway.processors;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.cloudevents.CloudEvent;
import org.eson.bridge.Bridge;
import org.eson.bridge.BridgeSettings;
import org.eson.bridge.BridgeStats;
import org.eson.bridge.DeadLetter;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerException;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;

/**
 * The bridge processor of Figure 13: one {@link Bridge} from the source flow to the sink flow,
 * reading as consumer group {@code processor-<id>}. Every pause closes the bridge and every
 * resume opens a new one on the same group, so the broker, not this object, remembers how far
 * the processor got; that is what makes pause, update and gateway restarts lose nothing.
 *
 * <p>Lifecycle methods are synchronized; {@link #status()} is not, so a scrape never waits for a
 * bridge to settle. The dead-letter path runs on the bridge's thread and must not take this
 * object's lock: {@link #pause()} holds it while it waits for that thread to end.
 */
final class BridgeProcessor implements Processor {

    private static final System.Logger LOG = System.getLogger(BridgeProcessor.class.getName());
    /** A dead-letter publish that takes longer is retried later rather than stalling the bridge. */
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(30);

    private final Function<String, BrokerAdapter> adapters;
    private final RemoteAttacher attacher;
    private final BridgeSettings bridgeSettings;
    private final UnaryOperator<EventSink> sinkWrapper;
    private final BiConsumer<BridgeProcessor, String> onFailure;

    private volatile ProcessorSpec spec;
    private volatile ProcessorState state;
    private volatile Run run;

    // Totals of the bridges that already ended, so counters survive pause and resume.
    private final AtomicLong eventsIn = new AtomicLong();
    private final AtomicLong eventsOut = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile Instant lastEventTime;

    private final Object deadLetterLock = new Object();
    /** Guarded by {@link #deadLetterLock}. */
    private EventSink deadLetterSink;

    private record Run(EventSource source, EventSink sink, Bridge bridge, java.util.List<BrokerAdapter> attached) {
    }

    /** An endpoint opened for one run: its adapter, and whether the run attached it (and must close it). */
    private record Opened(BrokerAdapter adapter, FlowSpec flow, boolean attached) {
    }

    /**
     * @param adapters       the configured brokers by name; throws IllegalArgumentException for others
     * @param bridgeSettings poll timeout, in-flight bound and back-off; batch size and dead letter
     *                       come from the spec
     * @param sinkWrapper    wraps the sink the adapter opened; tests inject failures through it
     * @param onFailure      told when the bridge gives up by itself, to persist FAILED
     */
    BridgeProcessor(ProcessorSpec spec, ProcessorState initial, Function<String, BrokerAdapter> adapters,
                    BridgeSettings bridgeSettings, UnaryOperator<EventSink> sinkWrapper,
                    BiConsumer<BridgeProcessor, String> onFailure) {
        this(spec, initial, adapters, RemoteAttacher.none(), bridgeSettings, sinkWrapper, onFailure);
    }

    BridgeProcessor(ProcessorSpec spec, ProcessorState initial, Function<String, BrokerAdapter> adapters,
                    RemoteAttacher attacher, BridgeSettings bridgeSettings, UnaryOperator<EventSink> sinkWrapper,
                    BiConsumer<BridgeProcessor, String> onFailure) {
        this.attacher = Objects.requireNonNull(attacher, "attacher");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.state = Objects.requireNonNull(initial, "initial");
        this.adapters = Objects.requireNonNull(adapters, "adapters");
        this.bridgeSettings = Objects.requireNonNull(bridgeSettings, "bridgeSettings");
        this.sinkWrapper = Objects.requireNonNull(sinkWrapper, "sinkWrapper");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        if (spec.kind() != ProcessorKind.BRIDGE) {
            throw new IllegalArgumentException("not a bridge: " + spec.kind());
        }
    }

    @Override
    public ProcessorSpec spec() {
        return spec;
    }

    /** The consumer group: fixed by the id so every bridge of this processor continues where the last stopped. */
    String consumerGroup() {
        return "processor-" + spec.id();
    }

    @Override
    public synchronized void start() {
        requireAlive();
        if (run != null) {
            if (!(run.bridge().stats().status() instanceof BridgeStats.Status.Failed)) {
                return;
            }
            // The bridge gave up but its watcher has not recorded it yet: a resume must not be a no-op.
            stopRun();
        }
        try {
            run = open(spec);
        } catch (ProcessorException e) {
            state = ProcessorState.failed(e.getMessage());
            throw e;
        }
        state = ProcessorState.RUNNING;
        LOG.log(Level.INFO, "event=processor.started id=" + spec.id() + " kind=bridge source=" + spec.source()
                + " sink=" + spec.sink() + " group=" + consumerGroup() + " batch_size=" + spec.settings().batchSize());
    }

    @Override
    public synchronized void update(ProcessorSpec next) {
        requireAlive();
        if (!next.id().equals(spec.id()) || next.kind() != spec.kind()) {
            throw new ProcessorException(ProcessorException.Reason.INVALID,
                    "an update keeps the processor's id and kind");
        }
        boolean running = run != null;
        stopRun();
        closeDeadLetterSink();
        spec = next;
        LOG.log(Level.INFO, "event=processor.updated id=" + next.id() + " source=" + next.source() + " sink="
                + next.sink() + " batch_size=" + next.settings().batchSize() + " max_attempts="
                + next.settings().maxAttempts() + " restart=" + running);
        if (running) {
            start();
        }
    }

    @Override
    public synchronized void pause() {
        requireAlive();
        stopRun();
        state = ProcessorState.PAUSED;
        LOG.log(Level.INFO, "event=processor.paused id=" + spec.id());
    }

    @Override
    public synchronized void resume() {
        requireAlive();
        start();
    }

    @Override
    public synchronized void destroy() {
        if (state == ProcessorState.DESTROYED) {
            return;
        }
        stopRun();
        closeDeadLetterSink();
        state = ProcessorState.DESTROYED;
        LOG.log(Level.INFO, "event=processor.destroyed id=" + spec.id());
    }

    @Override
    public synchronized void close() {
        stopRun();
        closeDeadLetterSink();
    }

    @Override
    public ProcessorStatus status() {
        Run current = run;
        long in = eventsIn.get();
        long out = eventsOut.get();
        long err = errors.get();
        long dead = deadLettered.get();
        Instant last = lastEventTime;
        ProcessorState shown = state;
        if (current != null) {
            BridgeStats stats = current.bridge().stats();
            in += stats.eventsIn();
            out += stats.eventsOut();
            err += stats.failures();
            dead += stats.deadLettered();
            last = later(last, stats.lastEventTime().orElse(null));
            // The watcher records the failure a moment later; say so already.
            if (stats.status() instanceof BridgeStats.Status.Failed failed) {
                shown = ProcessorState.failed(failed.reason());
            }
        }
        return new ProcessorStatus(spec.id(), spec.kind(), shown, in, out, err, dead, Optional.ofNullable(last),
                OptionalLong.empty());
    }

    private void requireAlive() {
        if (state == ProcessorState.DESTROYED) {
            throw new ProcessorException(ProcessorException.Reason.STATE, "processor " + spec.id() + " was destroyed");
        }
    }

    private Opened endpoint(Endpoint endpoint) {
        return switch (endpoint) {
            case LocalFlow local -> new Opened(adapter(local.broker()), FlowSpec.of(local.flow()), false);
            case RemoteFlow remote -> {
                try {
                    yield new Opened(attacher.attach(remote), FlowSpec.of(remote.flow()), true);
                } catch (BrokerException e) {
                    throw brokerFailure("cannot attach to " + remote, e);
                }
            }
        };
    }

    private Run open(ProcessorSpec s) {
        var attached = new java.util.ArrayList<BrokerAdapter>();
        Opened source = endpoint(s.source());
        if (source.attached()) {
            attached.add(source.adapter());
        }
        Opened sink;
        try {
            sink = endpoint(s.sink());
        } catch (RuntimeException e) {
            attached.forEach(BridgeProcessor::closeQuietly);
            throw e;
        }
        if (sink.attached()) {
            attached.add(sink.adapter());
        }
        EventSource events;
        try {
            events = source.adapter().openSource(source.flow(), new SourceSettings(consumerGroup()));
        } catch (BrokerException e) {
            attached.forEach(BridgeProcessor::closeQuietly);
            throw brokerFailure("cannot read " + s.source(), e);
        } catch (RuntimeException e) {
            attached.forEach(BridgeProcessor::closeQuietly);
            throw e;
        }
        EventSink out;
        try {
            out = sinkWrapper.apply(sink.adapter().openSink(sink.flow()));
        } catch (BrokerException e) {
            events.close();
            attached.forEach(BridgeProcessor::closeQuietly);
            throw brokerFailure("cannot write " + s.sink(), e);
        } catch (RuntimeException e) {
            events.close();
            attached.forEach(BridgeProcessor::closeQuietly);
            throw e;
        }
        BridgeSettings settings = bridgeSettings.withBatchSize(s.settings().batchSize())
                .withDeadLetter(new DeadLetter(s.settings().maxAttempts(), this::deadLetter));
        var opened = new Run(events, out, Bridge.start(events, out, settings), java.util.List.copyOf(attached));
        Thread.ofVirtual().name("eson-processor-watch-" + s.id()).start(() -> watch(opened));
        return opened;
    }

    /** Waits for a bridge to end; when it ended by itself, the processor has failed. */
    private void watch(Run watched) {
        try {
            while (!watched.bridge().awaitDone(Duration.ofHours(1))) {
                // keep waiting: a healthy bridge runs for as long as the processor does
            }
        } catch (InterruptedException e) {
            return;
        }
        String reason;
        synchronized (this) {
            if (run != watched) {
                return; // closed on purpose
            }
            reason = watched.bridge().stats().status() instanceof BridgeStats.Status.Failed failed
                    ? failed.reason() : "the bridge stopped";
            stopRun();
            state = ProcessorState.failed(reason);
        }
        LOG.log(Level.WARNING, "event=processor.failed id=" + spec.id() + " reason=\"" + reason + "\"");
        onFailure.accept(this, reason);
    }

    /** Closes the current bridge (it settles what is in flight) and folds its counters into the totals. */
    private void stopRun() {
        Run current = run;
        if (current == null) {
            return;
        }
        run = null;
        try {
            current.bridge().close();
        } finally {
            BridgeStats stats = current.bridge().stats();
            eventsIn.addAndGet(stats.eventsIn());
            eventsOut.addAndGet(stats.eventsOut());
            errors.addAndGet(stats.failures());
            deadLettered.addAndGet(stats.deadLettered());
            lastEventTime = later(lastEventTime, stats.lastEventTime().orElse(null));
            closeQuietly(current.source());
            closeQuietly(current.sink());
            current.attached().forEach(BridgeProcessor::closeQuietly);
        }
    }

    /**
     * The bridge's dead letter: publishes the event unchanged to the dead-letter flow on the
     * source's broker, creating that flow first. The source's broker, because the source's owner
     * is who can look at what their events did wrong; the sink may be another organisation's.
     */
    private void deadLetter(CloudEvent event, BrokerException failure) throws BrokerException, InterruptedException {
        ProcessorSpec s = spec;
        LocalFlow source = deadLetterHome(s);
        String flow = s.settings().deadLetterFlowFor(source.flow());
        synchronized (deadLetterLock) {
            if (deadLetterSink == null) {
                BrokerAdapter adapter = adapter(source.broker());
                adapter.create(FlowSpec.of(flow));
                deadLetterSink = adapter.openSink(FlowSpec.of(flow));
            }
            try {
                deadLetterSink.publish(event).get(DEAD_LETTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                closeDeadLetterSinkLocked();
                if (e.getCause() instanceof BrokerException broker) {
                    throw broker;
                }
                throw new BrokerException.Retriable("dead-letter publish failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new BrokerException.Retriable("dead-letter publish to " + flow + " timed out", e);
            }
        }
        LOG.log(Level.WARNING, "event=processor.dead-lettered id=" + s.id() + " event_id=" + event.getId()
                + " flow=" + flow + " reason=\"" + failure.getMessage() + "\"");
    }

    private void closeDeadLetterSink() {
        synchronized (deadLetterLock) {
            closeDeadLetterSinkLocked();
        }
    }

    private void closeDeadLetterSinkLocked() {
        if (deadLetterSink != null) {
            closeQuietly(deadLetterSink);
            deadLetterSink = null;
        }
    }

    private BrokerAdapter adapter(String broker) {
        try {
            return adapters.apply(broker);
        } catch (IllegalArgumentException e) {
            throw new ProcessorException(ProcessorException.Reason.INVALID,
                    "broker '" + broker + "' is not configured on this gateway");
        }
    }

    /**
     * Where dead letters go: the source's broker when the source is local (its owner looks at what
     * their events did wrong), else the sink's: a remote source's broker is not ours to write to.
     */
    static LocalFlow deadLetterHome(ProcessorSpec s) {
        return switch (s.source()) {
            case LocalFlow local -> local;
            case RemoteFlow remote -> switch (s.sink()) {
                case LocalFlow local -> new LocalFlow(remote.flow(), local.broker());
                case RemoteFlow other -> throw new ProcessorException(ProcessorException.Reason.INVALID,
                        "a bridge needs at least one local flow");
            };
        };
    }

    private static ProcessorException brokerFailure(String what, BrokerException e) {
        return new ProcessorException(ProcessorException.Reason.BROKER, what + ": " + e.getMessage(), e.retriable(), e);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "event=processor.close-failed detail=\"" + e + "\"");
        }
    }

    @Override
    public String toString() {
        return "BridgeProcessor[" + spec.id() + ", " + spec.source() + " -> " + spec.sink() + ", " + state + "]";
    }
}
