package org.eson.gateway.flows.store;

/** The registry store cannot do what was asked: database unreachable, closed, locked or corrupt. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
