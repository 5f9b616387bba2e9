package org.eson.gateway.flows.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscription as the registry stores it.
 *
 * @param role        {@code subscriber} (this gateway copies {@code copyFlow} into {@code localFlow})
 *                    or {@code publisher} (this gateway made {@code copyFlow} of its {@code remoteFlow})
 * @param account     who subscribed: the local user (subscriber) or the authenticated peer account (publisher)
 * @param localFlow   the subscriber's flow; empty for a publisher row
 * @param remoteFlow  the flow subscribed to
 * @param copyFlow    the copy flow made at the publisher
 * @param peerFqdn    the publisher's FQDN for a remote subscriber row; empty when in-process
 * @param processorId the bridge that copies the events on this side
 * @param state       active, revoked or failed
 */
public record SubscriptionRow(String id, String role, String account, Optional<String> localFlow, String remoteFlow,
                              String copyFlow, Optional<String> peerFqdn, Optional<String> processorId, String state,
                              Instant createdAt) {

    public static final String SUBSCRIBER = "subscriber";
    public static final String PUBLISHER = "publisher";

    public SubscriptionRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(localFlow, "localFlow");
        Objects.requireNonNull(remoteFlow, "remoteFlow");
        Objects.requireNonNull(copyFlow, "copyFlow");
        Objects.requireNonNull(peerFqdn, "peerFqdn");
        Objects.requireNonNull(processorId, "processorId");
        Objects.requireNonNull(state, "state");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    }

    public SubscriptionRow withState(String next) {
        return new SubscriptionRow(id, role, account, localFlow, remoteFlow, copyFlow, peerFqdn, processorId, next, createdAt);
    }
}
