package org.eson.fnap.sasl;

/**
 * A PLAIN response could not be decoded. The message is for logs only; the server's reply is
 * always the fixed {@code 501 Invalid authentication string}, which reveals nothing.
 */
public final class InvalidPlainMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason why the message was rejected, never containing the credentials
     */
    public InvalidPlainMessageException(String reason) {
        super(reason);
    }
}
