package org.eson.gateway.fns;

/**
 * A DNS registration that did not happen. {@link #isTransient() Transient} failures (the name
 * server is unreachable, timed out, or answered SERVFAIL) may succeed on retry; permanent ones
 * (refused, a foreign record in the way) will not until someone changes something.
 */
public final class FnsException extends Exception {

    private final boolean transientFailure;

    private FnsException(boolean transientFailure, String message, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public static FnsException unavailable(String message, Throwable cause) {
        return new FnsException(true, message, cause);
    }

    public static FnsException refused(String message) {
        return new FnsException(false, message, null);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
