package org.eson.spi;

import java.util.Set;

import org.eson.spi.bridge.EventSink;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;

/**
 * One configured broker, as the gateway sees it. Thread-safe: the gateway calls it from many
 * sessions and processors at once.
 *
 * <p>Provisioning methods are idempotent, so the gateway can retry them and reconcile its
 * registry with the broker at start-up.
 */
public interface BrokerAdapter extends AutoCloseable {

    /** The broker type, equal to the provider's {@link BrokerAdapterProvider#name()}. */
    String type();

    /** What this broker guarantees; the TCK tests exactly what is declared here. */
    Set<Capability> capabilities();

    /**
     * Creates the broker resource (topic, queue) of a flow, or accepts an existing one.
     *
     * @return the same parameters {@link #describe(FlowSpec)} would give
     */
    FlowDescription create(FlowSpec flow) throws BrokerException;

    /**
     * The parameters a native client of this broker needs to produce to and consume from the
     * flow: at least {@code topic} or {@code queue}, {@code server} and {@code tls}.
     *
     * @throws BrokerException.NoSuchResource when the broker has no resource for the flow
     */
    FlowDescription describe(FlowSpec flow) throws BrokerException;

    /** Deletes the flow's broker resource; deleting a missing resource is not an error. */
    void delete(FlowSpec flow) throws BrokerException;

    /** Checks that the broker answers; used by the gateway's readiness check. */
    void checkReachable() throws BrokerException;

    /** Opens a source that delivers the flow's events to one member of a consumer group. */
    EventSource openSource(FlowSpec flow, SourceSettings settings) throws BrokerException;

    /** Opens a sink that publishes events to the flow. */
    EventSink openSink(FlowSpec flow) throws BrokerException;

    /** Releases every client, thread and connection; calling it again does nothing. */
    @Override
    void close();
}
