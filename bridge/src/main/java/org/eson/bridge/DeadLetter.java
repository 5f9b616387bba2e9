package org.eson.bridge;

import java.util.Objects;

import io.cloudevents.CloudEvent;
import org.eson.spi.BrokerException;

/**
 * What a {@link Bridge} does with an event its sink refuses for good. Without it a
 * {@code BrokerException.Fatal} from the sink stops the bridge; with it the bridge retries the
 * event (backing off) until it was attempted {@code maxAttempts} times, then hands it to the
 * {@link Handler} and acknowledges it, so one poisonous event cannot hold up a whole flow.
 *
 * <p>Only {@code Fatal} publish failures count: a retriable failure or a missing sink flow says
 * nothing about the event, so those keep being retried as before.
 *
 * @param maxAttempts publishes refused with {@code Fatal} before the event is dead-lettered (at
 *                    least 1); counted as the larger of the bridge's own count and
 *                    {@code Delivery.deliveryCount()}, so redeliveries after a restart count too
 * @param handler     stores the event elsewhere; called on the bridge's thread
 */
public record DeadLetter(int maxAttempts, Handler handler) {

    public DeadLetter {
        Objects.requireNonNull(handler, "handler");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** Takes an event the sink refused {@code maxAttempts} times. */
    @FunctionalInterface
    public interface Handler {

        /**
         * Stores the event, blocking until it is durable. If it throws, the event is nacked and
         * offered again after a back-off, exactly like a retriable publish failure.
         *
         * @param failure the sink's last refusal
         */
        void deadLetter(CloudEvent event, BrokerException failure) throws BrokerException, InterruptedException;
    }
}
