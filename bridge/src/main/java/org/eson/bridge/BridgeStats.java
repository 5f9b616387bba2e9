package org.eson.bridge;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a {@link Bridge}'s progress.
 *
 * @param eventsIn      deliveries polled from the source, redeliveries included
 * @param eventsOut     events the sink confirmed (each of them was then acknowledged)
 * @param failures      failed polls and failed publishes
 * @param lastEventTime when the sink last confirmed an event, empty before the first one
 * @param status        whether the bridge runs, stopped on request, or gave up
 * @param deadLettered  events handed to the {@link DeadLetter} handler (each then acknowledged);
 *                      not part of {@code eventsOut}
 */
public record BridgeStats(long eventsIn, long eventsOut, long failures, Optional<Instant> lastEventTime,
        Status status, long deadLettered) {

    public BridgeStats {
        Objects.requireNonNull(lastEventTime, "lastEventTime");
        Objects.requireNonNull(status, "status");
    }

    /** Stats of a bridge that dead-lettered nothing. */
    public BridgeStats(long eventsIn, long eventsOut, long failures, Optional<Instant> lastEventTime, Status status) {
        this(eventsIn, eventsOut, failures, lastEventTime, status, 0);
    }

    /** Where a bridge is in its life. */
    public sealed interface Status permits Status.Running, Status.Stopped, Status.Failed {

        /** Copying (also while it backs off after retriable failures). */
        Status RUNNING = new Running();
        /** Stopped by {@link Bridge#close()}. */
        Status STOPPED = new Stopped();

        /** Copying. */
        record Running() implements Status {
            @Override
            public String toString() {
                return "RUNNING";
            }
        }

        /** Closed on request. */
        record Stopped() implements Status {
            @Override
            public String toString() {
                return "STOPPED";
            }
        }

        /**
         * Stopped by a failure that retrying cannot cure ({@code BrokerException.Fatal}, the
         * source's flow gone, an unexpected exception).
         */
        record Failed(String reason) implements Status {
            public Failed {
                Objects.requireNonNull(reason, "reason");
            }

            @Override
            public String toString() {
                return "FAILED(" + reason + ")";
            }
        }
    }
}
