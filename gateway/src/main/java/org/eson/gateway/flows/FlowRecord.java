package org.eson.gateway.flows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A registered flow.
 *
 * @param flow      the flow name without scheme ({@code time.flows.unix.ar} for
 *                  {@code flow://time.flows.unix.ar}), the registry's key
 * @param namespace the namespace it was created in
 * @param owner     the user who created it
 * @param broker    the broker holding its events, fixed at creation so a later change of the
 *                  namespace's broker does not orphan existing flows
 * @param createdAt truncated to microseconds, the finest precision H2 and PostgreSQL both keep,
 *                  so a record read back equals the one written
 */
public record FlowRecord(String flow, String namespace, String owner, String broker, Instant createdAt) {

    public FlowRecord {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(broker, "broker");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    }
}
