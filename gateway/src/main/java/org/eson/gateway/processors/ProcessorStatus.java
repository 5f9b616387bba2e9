package org.eson.gateway.processors;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of a processor. Counters cover this gateway process's life of the processor
 * (every pause and resume included) and start again at zero after a restart.
 *
 * @param eventsIn      deliveries read from the source, redeliveries included
 * @param eventsOut     events the sink confirmed
 * @param errors        failed polls and publishes
 * @param deadLettered  events moved to the dead-letter flow
 * @param lastEventTime when an event was last forwarded
 * @param lag           events waiting at the source, when the source can tell (no adapter can yet)
 */
public record ProcessorStatus(String id, ProcessorKind kind, ProcessorState state, long eventsIn, long eventsOut,
                              long errors, long deadLettered, Optional<Instant> lastEventTime, OptionalLong lag) {

    public ProcessorStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastEventTime, "lastEventTime");
        Objects.requireNonNull(lag, "lag");
    }
}
