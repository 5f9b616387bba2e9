package org.eson.gateway.fnap;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;

import org.eson.fnap.wire.LineFramer;
import org.eson.fnap.wire.LineFramer.Frame;
import org.eson.fnap.wire.Reply;
import org.eson.fnap.wire.ReplyCodes;
import org.eson.gateway.observe.GatewayMetrics;

/**
 * Owns one FNAP socket on a Helidon listener: frames bytes into lines, feeds them to the
 * session, writes replies. Runs on the virtual thread Helidon gives each connection.
 */
final class FnapConnection implements ServerConnection {

    private static final System.Logger LOG = System.getLogger(FnapConnection.class.getName());
    /** How long a shutdown waits for a command in progress before closing its session anyway. */
    private static final Duration COMMAND_GRACE = Duration.ofSeconds(10);

    private final ConnectionContext context;
    private final FnapSession session;
    private final SessionRegistry registry;
    private final GatewayMetrics metrics;
    private final String fqdn;
    private final LineFramer framer = new LineFramer();
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Held while the frames of one read are executed, so a shutdown lets the running command finish. */
    private final ReentrantLock commandLock = new ReentrantLock();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Set only after the farewell is written, so the session thread cannot close the socket under it. */
    private volatile boolean stopRequested;

    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean busy;
    private volatile Thread thread;

    FnapConnection(ConnectionContext context, FnapSession session, SessionRegistry registry,
                   GatewayMetrics metrics, String fqdn) {
        this.context = context;
        this.session = session;
        this.registry = registry;
        this.metrics = metrics;
        this.fqdn = fqdn;
    }

    @Override
    public void handle(Limit limit) {
        thread = Thread.currentThread();
        if (registry.isDraining()) {
            write(Reply.of(ReplyCodes.SHUTTING_DOWN, fqdn + " Service shutting down"));
            return;
        }
        if (!registry.admit(this)) {
            metrics.sessionRejected();
            write(Reply.of(ReplyCodes.SHUTTING_DOWN, fqdn + " Too many sessions, try again later"));
            return;
        }
        metrics.sessionOpened();
        String peer = context.remotePeer().address().toString();
        LOG.log(Level.DEBUG, () -> "event=session.open session=" + context.childSocketId() + " peer=" + peer
                + " tls=" + context.isSecure());
        try {
            write(session.greeting());
            serve();
        } catch (RuntimeException e) {
            // The peer left, the socket was closed under us for idle/shutdown, or a write failed.
            if (!closing.get()) {
                LOG.log(Level.DEBUG, () -> "event=session.io session=" + context.childSocketId() + " error=" + e);
            }
        } finally {
            registry.release(this);
            metrics.sessionClosed();
            LOG.log(Level.DEBUG, () -> "event=session.close session=" + context.childSocketId()
                    + " user=" + session.userName().orElse("-"));
        }
    }

    private void serve() {
        DataReader reader = context.dataReader();
        List<Frame> frames = new ArrayList<>();
        while (true) {
            reader.ensureAvailable();
            byte[] chunk = reader.readBytes(reader.available());
            lastActivityNanos = System.nanoTime();
            frames.clear();
            framer.feed(chunk, 0, chunk.length, frames::add);
            commandLock.lock();
            try {
                if (stopRequested) {
                    return;
                }
                busy = true;
                for (Frame frame : frames) {
                    SessionStep step = session.onFrame(frame);
                    step.reply().ifPresent(this::write);
                    if (step.close()) {
                        return;
                    }
                }
            } finally {
                busy = false;
                lastActivityNanos = System.nanoTime();
                commandLock.unlock();
            }
        }
    }

    private void write(Reply reply) {
        writeLock.lock();
        try {
            context.dataWriter().writeNow(BufferData.create(reply.encode()));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Duration idleTime() {
        return busy ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - lastActivityNanos);
    }

    /**
     * Called by Helidon's idle-timeout task, by Helidon's shutdown and by {@link SessionRegistry#drain()}:
     * let a running command finish and send its reply, tell the client why, then unblock the
     * reading thread.
     */
    @Override
    public void close(boolean interrupt) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        String why = registry.isDraining() ? " Service shutting down" : " Idle timeout";
        boolean locked = false;
        try {
            locked = commandLock.tryLock(COMMAND_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            write(Reply.of(ReplyCodes.SHUTTING_DOWN, fqdn + why));
        } catch (RuntimeException e) {
            LOG.log(Level.TRACE, "event=session.farewell-failed", e);
        } finally {
            stopRequested = true;
            if (locked) {
                commandLock.unlock();
            }
        }
        try {
            context.serverSocket().close();
        } catch (RuntimeException e) {
            LOG.log(Level.TRACE, "event=session.socket-close-failed", e);
        }
        Thread reading = thread;
        if (reading != null) {
            reading.interrupt();
        }
    }
}
