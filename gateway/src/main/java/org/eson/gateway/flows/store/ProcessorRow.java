package org.eson.gateway.flows.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A processor as the registry stores it. Plain strings, so the store does not depend on the
 * processor types; {@code org.eson.gateway.processors} converts.
 *
 * @param settings  key=value lines
 * @param state     CREATED, RUNNING, PAUSED or FAILED
 * @param failure   why a FAILED processor failed
 * @param sourceRemote the DESCRIBE parameters (key=value lines) when the source is a remote flow
 * @param sinkRemote   the same for the sink
 * @param createdAt truncated to microseconds like {@link org.eson.gateway.flows.FlowRecord}, so
 *                  a row read back equals the one written
 */
public record ProcessorRow(String id, String kind, String sourceFlow, String sourceBroker, String sinkFlow,
                           String sinkBroker, String settings, String state, Optional<String> failure,
                           Instant createdAt, Instant updatedAt, Optional<String> sourceRemote,
                           Optional<String> sinkRemote) {

    /** The widest failure text the schema keeps. */
    public static final int MAX_FAILURE = 1000;

    public ProcessorRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sourceFlow, "sourceFlow");
        Objects.requireNonNull(sourceBroker, "sourceBroker");
        Objects.requireNonNull(sinkFlow, "sinkFlow");
        Objects.requireNonNull(sinkBroker, "sinkBroker");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(state, "state");
        failure = Objects.requireNonNull(failure, "failure")
                .map(f -> f.length() > MAX_FAILURE ? f.substring(0, MAX_FAILURE) : f);
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(sourceRemote, "sourceRemote");
        Objects.requireNonNull(sinkRemote, "sinkRemote");
    }

    /** Both endpoints local flows. */
    public ProcessorRow(String id, String kind, String sourceFlow, String sourceBroker, String sinkFlow,
                        String sinkBroker, String settings, String state, Optional<String> failure,
                        Instant createdAt, Instant updatedAt) {
        this(id, kind, sourceFlow, sourceBroker, sinkFlow, sinkBroker, settings, state, failure, createdAt, updatedAt,
                Optional.empty(), Optional.empty());
    }
}
