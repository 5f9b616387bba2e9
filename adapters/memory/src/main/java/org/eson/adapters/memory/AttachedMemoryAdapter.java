package org.eson.adapters.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerException;
import org.eson.spi.Capability;
import org.eson.spi.FlowDescription;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;

/**
 * What {@link MemoryBrokerProvider#attach} returns: a view over another gateway's memory broker
 * in this JVM, limited to one flow. The remote flow name maps to the described {@code topic};
 * {@code describe}, {@code openSource}, {@code openSink} and {@code checkReachable} go to the
 * target broker, {@code create} and {@code delete} are refused ({@code Fatal}: the view does not
 * provision the other gateway's broker). Closing the view closes the sources and sinks opened
 * through it, never the target broker; closing the target ends the view's sources and sinks as it
 * ends all of them.
 */
final class AttachedMemoryAdapter implements BrokerAdapter {

    private final String name;
    private final MemoryBrokerAdapter target;
    private final String remoteFlow;
    private final FlowSpec topic;
    /** Guarded by {@code this}. */
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** Guarded by {@code this}. */
    private boolean closed;

    AttachedMemoryAdapter(String name, MemoryBrokerAdapter target, String remoteFlow, String topic) {
        this.name = Objects.requireNonNull(name, "name");
        this.target = target;
        this.remoteFlow = remoteFlow;
        this.topic = FlowSpec.of(topic);
    }

    @Override
    public String type() {
        return MemoryBrokerAdapter.TYPE;
    }

    /** The target broker's: sources and sinks are the target's own. */
    @Override
    public Set<Capability> capabilities() {
        return target.capabilities();
    }

    @Override
    public FlowDescription create(FlowSpec flow) throws BrokerException {
        throw refused("create", flow);
    }

    /** The target's description of the described topic (without {@code flow} and {@code type}). */
    @Override
    public FlowDescription describe(FlowSpec flow) throws BrokerException {
        return target.describe(topic(flow));
    }

    @Override
    public void delete(FlowSpec flow) throws BrokerException {
        throw refused("delete", flow);
    }

    @Override
    public void checkReachable() throws BrokerException {
        failIfClosed();
        target.checkReachable();
    }

    @Override
    public EventSource openSource(FlowSpec flow, SourceSettings settings) throws BrokerException {
        FlowSpec t = topic(flow);
        synchronized (this) {
            failIfClosed();
            EventSource source = target.openSource(t, settings);
            opened.add(source);
            return source;
        }
    }

    @Override
    public EventSink openSink(FlowSpec flow) throws BrokerException {
        FlowSpec t = topic(flow);
        synchronized (this) {
            failIfClosed();
            EventSink sink = target.openSink(t);
            opened.add(sink);
            return sink;
        }
    }

    /** Closes the sources and sinks opened through this view; the target broker stays open. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(opened);
            opened.clear();
        }
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                System.getLogger(AttachedMemoryAdapter.class.getName())
                        .log(System.Logger.Level.WARNING, name + ": closing " + c + " failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "AttachedMemoryAdapter[" + name + ": " + remoteFlow + " -> " + topic.flow() + " on " + target.server() + "]";
    }

    private FlowSpec topic(FlowSpec flow) throws BrokerException {
        failIfClosed();
        if (!remoteFlow.equals(flow.flow())) {
            throw new BrokerException.NoSuchResource(flow.flow());
        }
        return topic;
    }

    private synchronized void failIfClosed() throws BrokerException.Retriable {
        if (closed) {
            throw new BrokerException.Retriable("Attached memory adapter " + name + " is closed");
        }
    }

    private BrokerException.Fatal refused(String operation, FlowSpec flow) {
        return new BrokerException.Fatal("Attached memory adapter " + name + " cannot " + operation + " flow " + flow.flow()
                + ": it only opens sources and sinks of " + remoteFlow + " on " + target.server());
    }
}
