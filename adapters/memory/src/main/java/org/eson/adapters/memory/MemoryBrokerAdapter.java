package org.eson.adapters.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import io.cloudevents.CloudEvent;
import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerException;
import org.eson.spi.Capability;
import org.eson.spi.FlowDescription;
import org.eson.spi.FlowOptions;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.eson.spi.config.AdapterConfig;
import org.eson.spi.config.AdapterConfigException;

/**
 * The in-process broker: every flow is a log in this object's memory, gone when it closes. The
 * semantics it commits to are listed in the {@linkplain org.eson.adapters.memory package
 * documentation}.
 *
 * <p>The registry of flows has its own lock, held only for lookups and changes of the registry,
 * never while waiting or while a flow's lock is held, so provisioning cannot block on traffic.
 * The constructor is public so that tests and the TCK can inject a {@link Clock} and drive ttl
 * without waiting.
 */
public final class MemoryBrokerAdapter implements BrokerAdapter {

    /** The broker type, and provider name. */
    public static final String TYPE = "memory";
    /** Adapter setting: retained events per flow beyond which publishing fails. */
    public static final String MAX_EVENTS_PER_FLOW = "max-events-per-flow";
    public static final int DEFAULT_MAX_EVENTS_PER_FLOW = 100_000;
    /** Largest accepted {@link #MAX_EVENTS_PER_FLOW}: the log is an array. */
    public static final int LIMIT_MAX_EVENTS_PER_FLOW = 1 << 30;
    /** Flow option: ISO-8601 duration after which undelivered events are not delivered ({@link FlowOptions#TTL}). */
    public static final String OPTION_TTL = FlowOptions.TTL;
    /** Flow option: deliveries per consumer group before an event is dead-lettered ({@link FlowOptions#MAX_DELIVERIES}). */
    public static final String OPTION_MAX_DELIVERIES = FlowOptions.MAX_DELIVERIES;
    /** Flow option: the flow receiving dead-lettered events ({@link FlowOptions#DEAD_LETTER_FLOW}). */
    public static final String OPTION_DEAD_LETTER_FLOW = FlowOptions.DEAD_LETTER_FLOW;
    /** The default dead-letter flow is this prefix followed by the flow's name ({@link FlowOptions#DEAD_LETTER_PREFIX}). */
    public static final String DEAD_LETTER_PREFIX = FlowOptions.DEAD_LETTER_PREFIX;
    /** The scheme of {@link #server()}. */
    public static final String SCHEME = "memory://";

    private static final System.Logger LOG = System.getLogger(MemoryBrokerAdapter.class.getName());

    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.ORDERING_PER_KEY, Capability.COMPETING_CONSUMERS, Capability.TTL, Capability.DEAD_LETTER));

    /**
     * Every memory broker of this JVM by {@link #server()}: what {@code attach} resolves a
     * described {@code server} with. Weakly held, so an adapter dropped without {@code close()}
     * does not pin its name; {@link #close()} removes its entry.
     */
    private static final ConcurrentHashMap<String, WeakReference<MemoryBrokerAdapter>> RUNNING = new ConcurrentHashMap<>();

    private final String brokerName;
    /** JVM-unique while this adapter is open: {@code memory://<brokerName>}, suffixed on a clash. */
    private final String server;
    private final int maxEventsPerFlow;
    private final Clock clock;

    private final ReentrantLock registryLock = new ReentrantLock();
    /** Guarded by {@link #registryLock}. */
    private final Map<String, FlowLog> flows = new HashMap<>();
    /** Written under {@link #registryLock}; volatile so {@link #checkReachable()} needs no lock. */
    private volatile boolean closed;

    /**
     * Creates a started adapter.
     *
     * @param config the broker's settings; {@value #MAX_EVENTS_PER_FLOW} is the only key read
     * @param clock  what ttl is measured with
     * @throws BrokerException.Fatal when a setting is malformed or out of range
     */
    public MemoryBrokerAdapter(AdapterConfig config, Clock clock) throws BrokerException.Fatal {
        this.brokerName = Objects.requireNonNull(config, "config").brokerName();
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.maxEventsPerFlow = config.integer(MAX_EVENTS_PER_FLOW, DEFAULT_MAX_EVENTS_PER_FLOW);
        } catch (AdapterConfigException e) {
            throw new BrokerException.Fatal(e.getMessage(), e);
        }
        if (maxEventsPerFlow < 1 || maxEventsPerFlow > LIMIT_MAX_EVENTS_PER_FLOW) {
            throw new BrokerException.Fatal(new AdapterConfigException(brokerName, MAX_EVENTS_PER_FLOW,
                    "must be between 1 and " + LIMIT_MAX_EVENTS_PER_FLOW + ", got " + maxEventsPerFlow).getMessage());
        }
        this.server = register(this);
        LOG.log(System.Logger.Level.DEBUG, () -> "Memory broker " + brokerName + " started as " + server + ", "
                + MAX_EVENTS_PER_FLOW + "=" + maxEventsPerFlow);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Everything but {@link Capability#PERSISTENCE}: nothing survives {@link #close()}. */
    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** Keeps an existing flow as it is, options included, and describes it. */
    @Override
    public FlowDescription create(FlowSpec flow) throws BrokerException {
        MemoryFlowOptions options = MemoryFlowOptions.of(flow);
        registryLock.lock();
        try {
            failIfClosed();
            FlowLog log = flows.get(flow.flow());
            if (log == null) {
                log = new FlowLog(flow.flow(), options, this);
                flows.put(flow.flow(), log);
                LOG.log(System.Logger.Level.DEBUG, "Memory broker {0}: created flow {1}", brokerName, flow.flow());
            } else if (!log.options().equals(options)) {
                LOG.log(System.Logger.Level.DEBUG, "Memory broker {0}: flow {1} exists, keeping its options {2}",
                        brokerName, flow.flow(), log.options());
            }
            return describe(log);
        } finally {
            registryLock.unlock();
        }
    }

    /** Describes the flow as it was created, whatever options {@code flow} carries now. */
    @Override
    public FlowDescription describe(FlowSpec flow) throws BrokerException {
        return describe(existing(flow));
    }

    @Override
    public void delete(FlowSpec flow) throws BrokerException {
        FlowLog log;
        registryLock.lock();
        try {
            failIfClosed();
            log = flows.remove(flow.flow());
        } finally {
            registryLock.unlock();
        }
        if (log != null) {
            log.end(FlowStatus.DELETED);
            LOG.log(System.Logger.Level.DEBUG, "Memory broker {0}: deleted flow {1}", brokerName, flow.flow());
        }
    }

    @Override
    public void checkReachable() throws BrokerException {
        failIfClosed();
    }

    /** @throws BrokerException.NoSuchResource when the flow was not created */
    @Override
    public EventSource openSource(FlowSpec flow, SourceSettings settings) throws BrokerException {
        Objects.requireNonNull(settings, "settings");
        return existing(flow).openSource(settings.consumerGroup());
    }

    /** @throws BrokerException.NoSuchResource when the flow was not created */
    @Override
    public EventSink openSink(FlowSpec flow) throws BrokerException {
        return existing(flow).openSink();
    }

    /** Drops every flow and wakes every blocked poll; there is no thread to stop. */
    @Override
    public void close() {
        var ended = new ArrayList<FlowLog>();
        registryLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            ended.addAll(flows.values());
            flows.clear();
        } finally {
            registryLock.unlock();
        }
        RUNNING.computeIfPresent(server, (key, ref) -> ref.get() == this || ref.get() == null ? null : ref);
        ended.forEach(log -> log.end(FlowStatus.BROKER_CLOSED));
        LOG.log(System.Logger.Level.DEBUG, "Memory broker {0} closed", brokerName);
    }

    @Override
    public String toString() {
        return "MemoryBrokerAdapter[" + brokerName + ", " + server + "]";
    }

    String brokerName() {
        return brokerName;
    }

    /**
     * What DESCRIBE shows as {@code server}, unique among the open memory brokers of this JVM:
     * {@code memory://<brokerName>} when no other open memory broker has it (the only or first
     * broker named {@code local} is {@code memory://local}), else
     * {@code memory://<brokerName>-<6 hex digits>}. The name is free again once its adapter closed.
     */
    public String server() {
        return server;
    }

    /**
     * The open memory broker of this JVM whose {@link #server()} is {@code server}, if any.
     * Tests and in-process native clients use it; {@link MemoryBrokerProvider#attach} too.
     */
    public static java.util.Optional<MemoryBrokerAdapter> running(String server) {
        WeakReference<MemoryBrokerAdapter> ref = RUNNING.get(server.strip());
        MemoryBrokerAdapter adapter = ref == null ? null : ref.get();
        return adapter == null || adapter.closed ? java.util.Optional.empty() : java.util.Optional.of(adapter);
    }

    /** Claims {@code memory://<name>}, or a suffixed variant when an open broker has it. */
    private static String register(MemoryBrokerAdapter adapter) {
        String base = SCHEME + adapter.brokerName;
        String candidate = base;
        while (true) {
            var mine = new WeakReference<>(adapter);
            WeakReference<MemoryBrokerAdapter> holder = RUNNING.compute(candidate,
                    (key, ref) -> ref == null || ref.get() == null || ref.get().closed ? mine : ref);
            if (holder == mine) {
                return candidate;
            }
            candidate = base + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        }
    }

    int maxEventsPerFlow() {
        return maxEventsPerFlow;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Appends a dead-lettered event to {@code target}, creating that flow with no options if it
     * does not exist. Called without any flow's lock held.
     *
     * @return null when appended, else why not
     */
    BrokerException deadLetter(String target, CloudEvent event) {
        BrokerException failure = null;
        // A second attempt covers the target being deleted between lookup and append.
        for (int attempt = 0; attempt < 2; attempt++) {
            FlowLog log;
            registryLock.lock();
            try {
                if (closed) {
                    return closedFailure(brokerName);
                }
                log = flows.computeIfAbsent(target, name -> new FlowLog(name, MemoryFlowOptions.none(name), this));
            } finally {
                registryLock.unlock();
            }
            try {
                log.append(event);
                return null;
            } catch (BrokerException e) {
                failure = e;
                if (!(e instanceof BrokerException.NoSuchResource)) {
                    break;
                }
            }
        }
        return failure;
    }

    /** Events the flow retains now (tests check retention with it); -1 for an unknown flow. */
    int retainedEvents(String flow) {
        FlowLog log;
        registryLock.lock();
        try {
            log = flows.get(flow);
        } finally {
            registryLock.unlock();
        }
        return log == null ? -1 : log.retained();
    }

    static BrokerException.Retriable closedFailure(String brokerName) {
        return new BrokerException.Retriable("Memory broker " + brokerName + " is closed");
    }

    private FlowLog existing(FlowSpec flow) throws BrokerException {
        registryLock.lock();
        try {
            failIfClosed();
            FlowLog log = flows.get(flow.flow());
            if (log == null) {
                throw new BrokerException.NoSuchResource(flow.flow());
            }
            return log;
        } finally {
            registryLock.unlock();
        }
    }

    private FlowDescription describe(FlowLog log) {
        var description = FlowDescription.builder()
                .put(FlowDescription.TOPIC, log.name())
                .put(FlowDescription.SERVER, server)
                .put(FlowDescription.TLS, "false")
                .put("delivery", "at-least-once");
        if (log.options().maxDeliveries().isPresent()) {
            description.put(FlowDescription.DEAD_LETTER, log.options().deadLetterFlow());
        }
        return description.build();
    }

    private void failIfClosed() throws BrokerException.Retriable {
        if (closed) {
            throw closedFailure(brokerName);
        }
    }
}
