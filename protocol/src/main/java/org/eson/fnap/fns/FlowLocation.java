package org.eson.fnap.fns;

import java.util.Objects;
import java.util.Optional;
import org.eson.fnap.name.FlowName;

/**
 * Everything the FNS says about one flow.
 *
 * @param flow  the flow that was resolved
 * @param fnaa  its owning FNAA
 * @param queue its broker queue, empty when the gateway publishes none (the flow is then only
 *              reachable through its FNAA, e.g. by subscribing)
 */
public record FlowLocation(FlowName flow, FnaaLocation fnaa, Optional<QueueLocation> queue) {

    /** Requires every component. */
    public FlowLocation {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(fnaa, "fnaa");
        Objects.requireNonNull(queue, "queue");
    }
}
