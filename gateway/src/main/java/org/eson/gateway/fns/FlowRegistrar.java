package org.eson.gateway.fns;

import java.util.List;

import org.eson.fnap.name.FlowName;
import org.eson.spi.FlowDescription;

/**
 * Publishes flows in the Flow Name Service. The flow service calls it without knowing it is DNS;
 * every operation is idempotent so that a retry, or start-up reconciliation, is always safe.
 */
public interface FlowRegistrar {

    /** Writes the flow's records; succeeds when exactly those records are already there. */
    void register(FlowName flow, String brokerType, FlowDescription description) throws FnsException;

    /** Removes exactly the records {@link #register} writes; succeeds when none remain. */
    void unregister(FlowName flow, String brokerType, FlowDescription description) throws FnsException;

    /** Publishes each namespace's {@code _flow._tcp} SRV so user agents find this FNAA (thesis 6.3.2). */
    void publishNamespaces(List<String> namespaces) throws FnsException;

    /** Throws unless every zone's name server answers for the zone. */
    void checkReachable() throws FnsException;
}
