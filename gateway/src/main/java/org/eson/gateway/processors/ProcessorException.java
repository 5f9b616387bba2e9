package org.eson.gateway.processors;

/**
 * A processor operation failed. {@link #retriable()} tells the coming FNAP handlers whether to
 * answer {@code 451} (try later: a broker is down) or a {@code 5xx} (the request cannot work).
 */
public final class ProcessorException extends RuntimeException {

    /** Why, so callers can map it without parsing messages. */
    public enum Reason {
        /** No processor with that id. */
        NOT_FOUND,
        /** The id is taken. */
        EXISTS,
        /** The kind is declared but not implemented. */
        UNSUPPORTED,
        /** The spec names an unknown broker or changes id or kind. */
        INVALID,
        /** A broker refused or failed; see {@link #retriable()}. */
        BROKER,
        /** The lifecycle does not allow the operation (a destroyed processor). */
        STATE
    }

    private final Reason reason;
    private final boolean retriable;

    public ProcessorException(Reason reason, String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retriable = retriable;
    }

    public ProcessorException(Reason reason, String message) {
        this(reason, message, false, null);
    }

    public Reason reason() {
        return reason;
    }

    public boolean retriable() {
        return retriable;
    }
}
