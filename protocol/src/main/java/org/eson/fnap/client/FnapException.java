package org.eson.fnap.client;

/**
 * An FNAP exchange failed: the connection could not be made, broke, timed out, or the server sent
 * something that is not FNAP. After one of these (other than {@link FnapReplyException}) the
 * client is closed, because the position in the reply stream is no longer known.
 */
public class FnapException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the endpoint
     */
    public FnapException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the endpoint
     * @param cause   the underlying error
     */
    public FnapException(String message, Throwable cause) {
        super(message, cause);
    }
}
