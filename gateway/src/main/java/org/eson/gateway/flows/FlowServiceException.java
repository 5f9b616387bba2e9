package org.eson.gateway.flows;

/** Why a flow operation could not be done; FNAP handlers map each reason to one reply. */
public final class FlowServiceException extends Exception {

    /** The reasons, each with a fixed FNAP meaning. */
    public enum Reason {
        /** No namespace of the caller's contains the flow (or it is someone else's). */
        NO_SUCH_NAMESPACE,
        /** The flow does not exist, or it is not the caller's: deliberately the same. */
        NO_SUCH_FLOW,
        /** The name is a namespace, or otherwise unusable as a flow. */
        INVALID_NAME,
        /** The namespace's max-flows is reached. */
        QUOTA_EXCEEDED,
        /** The broker could not be reached; retry later. */
        BROKER_UNAVAILABLE,
        /** The broker refused the request permanently. */
        BROKER_REFUSED,
        /** The registry store failed; retry later. */
        STORE_UNAVAILABLE,
        /** The DNS name server could not be reached (or failed); retry later. */
        NAME_SERVICE_UNAVAILABLE,
        /** The DNS name server or a record in the way refused the change permanently. */
        NAME_SERVICE_REFUSED
    }

    private final Reason reason;

    public FlowServiceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public FlowServiceException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
