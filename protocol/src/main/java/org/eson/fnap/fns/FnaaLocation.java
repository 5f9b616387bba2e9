package org.eson.fnap.fns;

import java.util.List;
import java.util.Objects;
import org.eson.fnap.client.FnapEndpoint;

/**
 * Where the FNAA of a flow or namespace listens.
 *
 * @param serviceName the SRV owner that was resolved, e.g. {@code _flow._tcp.time.flows.unix.ar}
 *                    (lower case, no trailing dot)
 * @param targets     at least one target, in RFC 2782 selection order: connect to the first, fall
 *                    back to the next
 * @param tls         whether the listener expects implicit TLS ({@code tls} in its TXT record)
 */
public record FnaaLocation(String serviceName, List<ServiceTarget> targets, boolean tls) {

    /**
     * @throws IllegalArgumentException if there is no target
     */
    public FnaaLocation {
        Objects.requireNonNull(serviceName, "serviceName");
        targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("an FNAA location needs at least one target");
        }
    }

    /**
     * @return the first target, the one RFC 2782 says to try first
     */
    public ServiceTarget primary() {
        return targets.get(0);
    }

    /**
     * @return one client endpoint per target, same order; targets with port 0 are left out because
     *         nothing can be connected to there
     */
    public List<FnapEndpoint> endpoints() {
        return targets.stream()
                .filter(t -> t.port() > 0)
                .map(t -> new FnapEndpoint(t.host(), t.port(), tls))
                .toList();
    }
}
