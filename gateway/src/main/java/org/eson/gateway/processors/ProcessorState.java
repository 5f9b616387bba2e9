package org.eson.gateway.processors;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a processor is in the Figure 12 lifecycle. Sealed rather than an enum because
 * {@link Failed} carries its reason.
 */
public sealed interface ProcessorState {

    /** Persisted, not started yet. */
    ProcessorState CREATED = new Simple("CREATED");
    /** Copying (also while backing off from a broker outage). */
    ProcessorState RUNNING = new Simple("RUNNING");
    /** Stopped on request; resuming continues from the consumer group's acknowledged position. */
    ProcessorState PAUSED = new Simple("PAUSED");
    /** Gone for good; never persisted (the row is deleted). */
    ProcessorState DESTROYED = new Simple("DESTROYED");

    /** The upper-case name the store keeps. */
    String name();

    /** The lower-case name of metrics labels. */
    default String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ProcessorState failed(String reason) {
        return new Failed(reason);
    }

    /** Rebuilds a stored state. */
    static ProcessorState parse(String name, String failure) {
        return switch (name) {
            case "CREATED" -> CREATED;
            case "RUNNING" -> RUNNING;
            case "PAUSED" -> PAUSED;
            case "DESTROYED" -> DESTROYED;
            case "FAILED" -> new Failed(failure == null ? "unknown" : failure);
            default -> throw new IllegalArgumentException("unknown processor state " + name);
        };
    }

    /** A state without data. */
    record Simple(String name) implements ProcessorState {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Stopped by a failure retrying cannot cure (the source flow deleted, a broker refusing
     * for good, a broker no longer configured); {@code resume} tries again.
     */
    record Failed(String reason) implements ProcessorState {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String name() {
            return "FAILED";
        }

        @Override
        public String toString() {
            return "FAILED(" + reason + ")";
        }
    }
}
