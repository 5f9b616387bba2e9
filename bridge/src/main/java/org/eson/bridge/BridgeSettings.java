package org.eson.bridge;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Bridge} copies.
 *
 * @param batchSize    the most events one {@code poll} may return (at least 1)
 * @param pollTimeout  how long an idle bridge waits in {@code poll}; also bounds how long
 *                     {@link Bridge#close()} may wait for a poll to return (positive)
 * @param maxInFlight  publishes awaiting their confirmation at once, over all keys (at least 1)
 * @param backoffMin   the pause after a first failure (positive)
 * @param backoffMax   the cap of the pause, which doubles with every failure in a row (at least
 *                     {@code backoffMin})
 * @param deadLetter   where events the sink refuses for good go; empty keeps the original rule
 *                     that a {@code Fatal} publish failure stops the bridge
 */
public record BridgeSettings(int batchSize, Duration pollTimeout, int maxInFlight, Duration backoffMin,
        Duration backoffMax, Optional<DeadLetter> deadLetter) {

    public BridgeSettings {
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(deadLetter, "deadLetter");
        Objects.requireNonNull(backoffMin, "backoffMin");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        if (pollTimeout.isNegative() || pollTimeout.isZero()) {
            throw new IllegalArgumentException("pollTimeout must be positive, got " + pollTimeout);
        }
        if (backoffMin.isNegative() || backoffMin.isZero()) {
            throw new IllegalArgumentException("backoffMin must be positive, got " + backoffMin);
        }
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoffMax " + backoffMax + " is below backoffMin " + backoffMin);
        }
    }

    /** Settings without a dead letter. */
    public BridgeSettings(int batchSize, Duration pollTimeout, int maxInFlight, Duration backoffMin,
            Duration backoffMax) {
        this(batchSize, pollTimeout, maxInFlight, backoffMin, backoffMax, Optional.empty());
    }

    /** 100 events a poll, 500 ms poll timeout, 256 in flight, back-off from 100 ms up to 30 s. */
    public static BridgeSettings defaults() {
        return new BridgeSettings(100, Duration.ofMillis(500), 256, Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    public BridgeSettings withBatchSize(int batchSize) {
        return new BridgeSettings(batchSize, pollTimeout, maxInFlight, backoffMin, backoffMax, deadLetter);
    }

    public BridgeSettings withPollTimeout(Duration pollTimeout) {
        return new BridgeSettings(batchSize, pollTimeout, maxInFlight, backoffMin, backoffMax, deadLetter);
    }

    public BridgeSettings withMaxInFlight(int maxInFlight) {
        return new BridgeSettings(batchSize, pollTimeout, maxInFlight, backoffMin, backoffMax, deadLetter);
    }

    public BridgeSettings withBackoff(Duration backoffMin, Duration backoffMax) {
        return new BridgeSettings(batchSize, pollTimeout, maxInFlight, backoffMin, backoffMax, deadLetter);
    }

    /** These settings with a dead letter, or without one when {@code deadLetter} is null. */
    public BridgeSettings withDeadLetter(DeadLetter deadLetter) {
        return new BridgeSettings(batchSize, pollTimeout, maxInFlight, backoffMin, backoffMax,
                Optional.ofNullable(deadLetter));
    }
}
