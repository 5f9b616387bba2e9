package org.eson.spi;

/**
 * A broker operation failed. {@link Retriable} failures (broker down, timeout) may succeed
 * later and map to FNAP {@code 451}; {@link Fatal} ones (bad config, refused request) will not.
 */
public abstract sealed class BrokerException extends Exception
        permits BrokerException.Retriable, BrokerException.Fatal, BrokerException.NoSuchResource {

    private BrokerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether retrying the same operation later may succeed. */
    public abstract boolean retriable();

    /** The broker is unreachable or overloaded; try again. */
    public static final class Retriable extends BrokerException {
        public Retriable(String message, Throwable cause) {
            super(message, cause);
        }

        public Retriable(String message) {
            this(message, null);
        }

        @Override
        public boolean retriable() {
            return true;
        }
    }

    /** The request can never succeed as made. */
    public static final class Fatal extends BrokerException {
        public Fatal(String message, Throwable cause) {
            super(message, cause);
        }

        public Fatal(String message) {
            this(message, null);
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }

    /** The flow has no resource on the broker. */
    public static final class NoSuchResource extends BrokerException {
        public NoSuchResource(String flow) {
            super("No broker resource for flow " + flow, null);
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }
}
