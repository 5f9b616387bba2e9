package org.eson.bridge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cloudevents.CloudEvent;

import org.eson.spi.BrokerException;
import org.eson.spi.Events;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;

/**
 * Copies a flow's events from an {@link EventSource} to an {@link EventSink}, at least once, on
 * one virtual thread. The rules are in the {@linkplain org.eson.bridge package documentation}.
 *
 * <p>Thread-safe: {@link #stats()} and {@link #close()} may be called from any thread.
 */
public final class Bridge implements AutoCloseable {

    /** How long {@link #close()} waits for in-flight publishes to be confirmed. */
    public static final Duration DEFAULT_SETTLE_TIMEOUT = Duration.ofSeconds(10);

    /** The CloudEvents Partitioning extension that orders events of one key. */
    public static final String PARTITION_KEY = Events.PARTITION_KEY;

    private static final System.Logger LOG = System.getLogger(Bridge.class.getName());
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Longest single wait for a confirmation while events may be waiting at the source. */
    private static final long BUSY_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final EventSource source;
    private final EventSink sink;
    private final BridgeSettings settings;
    private final String name;

    /** Outcomes of publishes, handed from whatever thread completes a future to the loop. */
    private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();

    private final AtomicLong eventsIn = new AtomicLong();
    private final AtomicLong eventsOut = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile Instant lastEventTime;
    private volatile BridgeStats.Status status = BridgeStats.Status.RUNNING;
    private volatile boolean stopping;
    private volatile Duration settleTimeout = DEFAULT_SETTLE_TIMEOUT;

    // Loop state, touched by the loop thread only.
    /** Polled, not yet published, in delivery order. */
    private final ArrayDeque<Delivery> pending = new ArrayDeque<>();
    /** Keys with a publish awaiting its confirmation. */
    private final Set<String> busyKeys = new HashSet<>();
    private int inFlight;
    private long backoffUntil;
    private long backoffNanos;
    /** Fatal refusals per event (source + id), only while a dead letter is set. */
    private final Map<String, Integer> refusals = new HashMap<>();

    private final Thread thread;

    private Bridge(EventSource source, EventSink sink, BridgeSettings settings) {
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.name = "eson-bridge-" + SEQUENCE.incrementAndGet();
        this.backoffNanos = settings.backoffMin().toNanos();
        this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
    }

    /**
     * Starts copying from {@code source} to {@code sink}. The caller keeps owning both: the
     * bridge never closes them.
     */
    public static Bridge start(EventSource source, EventSink sink, BridgeSettings settings) {
        var bridge = new Bridge(source, sink, settings);
        bridge.thread.start();
        return bridge;
    }

    /** Starts with {@link BridgeSettings#defaults()}. */
    public static Bridge start(EventSource source, EventSink sink) {
        return start(source, sink, BridgeSettings.defaults());
    }

    /** A snapshot of the counters and the status. */
    public BridgeStats stats() {
        return new BridgeStats(eventsIn.get(), eventsOut.get(), failures.get(), Optional.ofNullable(lastEventTime),
                status, deadLettered.get());
    }

    /** The bridge's thread name, as logs show it. */
    public String name() {
        return name;
    }

    /** Whether the copy loop has ended (closed or failed). */
    public boolean isDone() {
        return !thread.isAlive();
    }

    /**
     * Waits until the loop ended by itself (a fatal failure) or {@code timeout} passed.
     *
     * @return whether it ended
     */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    /**
     * Stops with {@link #DEFAULT_SETTLE_TIMEOUT}.
     *
     * @see #close(Duration)
     */
    @Override
    public void close() {
        close(DEFAULT_SETTLE_TIMEOUT);
    }

    /**
     * Stops polling, waits up to {@code settleTimeout} for the publishes in flight, acknowledges
     * those the sink confirmed and leaves every other delivery unacknowledged, so the source
     * delivers it again to whoever reads the consumer group next. Returns once the bridge's thread
     * has ended (at most about {@code pollTimeout + settleTimeout}). Calling it again does nothing.
     */
    public void close(Duration settleTimeout) {
        Objects.requireNonNull(settleTimeout, "settleTimeout");
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("close() called from the bridge's own thread");
        }
        if (!stopping) {
            this.settleTimeout = settleTimeout.isNegative() ? Duration.ZERO : settleTimeout;
            stopping = true;
        }
        completions.offer(Completion.WAKE);
        boolean interrupted = false;
        try {
            Duration bound = settings.pollTimeout().plus(this.settleTimeout).plusSeconds(1);
            if (!thread.join(bound)) {
                // The source ignored its poll timeout: interrupt the poll rather than leak the thread.
                LOG.log(System.Logger.Level.WARNING, "{0}: the source did not return within {1}, interrupting it",
                        name, bound);
                thread.interrupt();
                thread.join();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException again) {
                // Keep the caller's interrupt; the thread was interrupted and will end.
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "Bridge[" + name + ", " + stats() + "]";
    }

    private void run() {
        LOG.log(System.Logger.Level.DEBUG, "{0}: started, {1}", name, settings);
        try {
            copy();
        } catch (InterruptedException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: interrupted", name);
        } catch (RuntimeException | Error e) {
            fail("unexpected " + e, e);
        }
        try {
            settleInFlight();
        } catch (InterruptedException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: interrupted while settling", name);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: settling failed: {1}", name, e);
        }
        if (!(status instanceof BridgeStats.Status.Failed)) {
            status = BridgeStats.Status.STOPPED;
        }
        LOG.log(System.Logger.Level.DEBUG, "{0}: ended {1}", name, stats());
    }

    /** The copy loop proper; returns when stopping or failed. */
    private void copy() throws InterruptedException {
        while (!stopping && !failed()) {
            drainCompletions();
            if (stopping || failed()) {
                return;
            }
            long now = System.nanoTime();
            if (now - backoffUntil < 0) {
                awaitCompletion(backoffUntil - now);
                continue;
            }
            dispatch();
            if (failed()) {
                return;
            }
            if (pending.size() < settings.batchSize()) {
                boolean idle = inFlight == 0 && pending.isEmpty();
                List<Delivery> batch;
                try {
                    batch = source.poll(settings.batchSize() - pending.size(),
                            idle ? settings.pollTimeout() : Duration.ZERO);
                } catch (BrokerException e) {
                    pollFailed(e);
                    continue;
                }
                if (batch != null && !batch.isEmpty()) {
                    eventsIn.addAndGet(batch.size());
                    pending.addAll(batch);
                    dispatch();
                    continue;
                }
                if (idle) {
                    continue;
                }
            }
            if (inFlight > 0) {
                awaitCompletion(Math.min(BUSY_WAIT_NANOS, settings.pollTimeout().toNanos()));
            }
        }
    }

    /** Publishes every pending delivery whose key is free, while there is room in flight. */
    private void dispatch() {
        Iterator<Delivery> it = pending.iterator();
        while (it.hasNext() && inFlight < settings.maxInFlight() && !stopping) {
            Delivery delivery = it.next();
            String key = partitionKey(delivery.event());
            if (key != null && busyKeys.contains(key)) {
                continue;
            }
            it.remove();
            if (key != null) {
                busyKeys.add(key);
            }
            inFlight++;
            CompletableFuture<Void> future;
            try {
                future = sink.publish(delivery.event());
                if (future == null) {
                    future = CompletableFuture.failedFuture(new IllegalStateException("publish returned null"));
                }
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            future.whenComplete((ok, failure) -> completions.offer(new Completion(delivery, key, unwrap(failure))));
        }
    }

    /** Handles every completion already queued, without waiting. */
    private void drainCompletions() {
        Completion completion;
        while ((completion = completions.poll()) != null) {
            handle(completion);
        }
    }

    /** Waits up to {@code nanos} for one completion, then handles all that are queued. */
    private void awaitCompletion(long nanos) throws InterruptedException {
        Completion completion = completions.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        if (completion != null) {
            handle(completion);
            drainCompletions();
        }
    }

    private void handle(Completion completion) {
        if (completion == Completion.WAKE) {
            return;
        }
        inFlight--;
        if (completion.key() != null) {
            busyKeys.remove(completion.key());
        }
        Throwable failure = completion.failure();
        if (failure == null) {
            forget(completion.delivery());
            completion.delivery().ack();
            eventsOut.incrementAndGet();
            lastEventTime = Instant.now();
            backoffNanos = settings.backoffMin().toNanos();
            return;
        }
        failures.incrementAndGet();
        if (failure instanceof BrokerException.Fatal fatal && settings.deadLetter().isPresent()
                && refused(completion.delivery(), fatal, settings.deadLetter().get())) {
            return;
        }
        // Nack the failed event and, behind it, the pending events of its key, so the source
        // hands them out again in their order; publishing them now would overtake it.
        completion.delivery().nack();
        if (completion.key() != null) {
            for (Iterator<Delivery> it = pending.iterator(); it.hasNext();) {
                Delivery later = it.next();
                if (completion.key().equals(partitionKey(later.event()))) {
                    it.remove();
                    later.nack();
                }
            }
        }
        if (failure instanceof BrokerException.Fatal && settings.deadLetter().isEmpty()) {
            fail("sink failed: " + failure.getMessage(), failure);
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "{0}: publish of {1} failed ({2}), backing off",
                name, completion.delivery().event().getId(), failure);
        backOff();
    }

    /**
     * Counts a Fatal refusal; once the event reached its attempts, hands it to the dead letter
     * and acknowledges it.
     *
     * @return whether the delivery was settled here (dead-lettered); otherwise the caller nacks
     *         it and backs off
     */
    private boolean refused(Delivery delivery, BrokerException.Fatal failure, DeadLetter deadLetter) {
        String key = eventKey(delivery.event());
        int attempts = Math.max(refusals.merge(key, 1, Integer::sum), delivery.deliveryCount());
        if (attempts < deadLetter.maxAttempts()) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: sink refused {1} ({2}), attempt {3} of {4}",
                    name, delivery.event().getId(), failure.getMessage(), attempts, deadLetter.maxAttempts());
            return false;
        }
        try {
            deadLetter.handler().deadLetter(delivery.event(), failure);
        } catch (BrokerException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: dead-lettering {1} failed, will retry: {2}",
                    name, delivery.event().getId(), e.toString());
            return false;
        } catch (InterruptedException e) {
            // close() interrupts only a stuck loop; the caller nacks the event, so it is delivered again.
            Thread.currentThread().interrupt();
            return false;
        }
        refusals.remove(key);
        delivery.ack();
        deadLettered.incrementAndGet();
        LOG.log(System.Logger.Level.INFO, "{0}: dead-lettered {1} after {2} attempts: {3}",
                name, delivery.event().getId(), attempts, failure.getMessage());
        return true;
    }

    private void forget(Delivery delivery) {
        if (!refusals.isEmpty()) {
            refusals.remove(eventKey(delivery.event()));
        }
    }

    private static String eventKey(CloudEvent event) {
        return event.getSource() + "\u0000" + event.getId();
    }

    private void pollFailed(BrokerException e) {
        failures.incrementAndGet();
        switch (e) {
            case BrokerException.Retriable retriable -> {
                LOG.log(System.Logger.Level.DEBUG, "{0}: poll failed ({1}), backing off", name, retriable.getMessage());
                backOff();
            }
            case BrokerException.NoSuchResource gone -> fail("source failed: " + gone.getMessage(), gone);
            case BrokerException.Fatal fatal -> fail("source failed: " + fatal.getMessage(), fatal);
        }
    }

    private void backOff() {
        backoffUntil = System.nanoTime() + backoffNanos;
        backoffNanos = Math.min(settings.backoffMax().toNanos(), backoffNanos * 2);
    }

    /**
     * After the loop: no more publishes. Waits (bounded) for the ones in flight; their handling
     * acknowledges the confirmed ones. Pending deliveries are left unacknowledged.
     */
    private void settleInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + settleTimeout.toNanos();
        drainCompletions();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: {1} publishes still unconfirmed; they will be redelivered",
                        name, inFlight);
                break;
            }
            awaitCompletion(left);
        }
        pending.clear();
    }

    private boolean failed() {
        return status instanceof BridgeStats.Status.Failed;
    }

    private void fail(String reason, Throwable cause) {
        if (failed()) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, name + ": stopping, " + reason, cause);
        status = new BridgeStats.Status.Failed(reason);
    }

    /** The canonical text of the event's {@code partitionkey}, or null when it has none. */
    static String partitionKey(CloudEvent event) {
        return Events.partitionKey(event).orElse(null);
    }

    private static Throwable unwrap(Throwable failure) {
        while ((failure instanceof CompletionException || failure instanceof ExecutionException)
                && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }

    /** One publish's outcome; {@link #WAKE} only wakes the loop. */
    private record Completion(Delivery delivery, String key, Throwable failure) {
        static final Completion WAKE = new Completion(null, null, null);
    }

    /** For tests: the loop's thread. */
    Thread thread() {
        return thread;
    }
}
