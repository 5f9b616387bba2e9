package org.eson.fnap.name;

/**
 * A flow name or DNS name was rejected. Checked, because names arrive from users and peers and
 * every caller has to decide which reply to send; the message is a human reason that is safe to
 * put into a reply (quoted user input is shortened).
 */
public final class InvalidFlowNameException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason human-readable reason, without the offending name in full
     */
    public InvalidFlowNameException(String reason) {
        super(reason);
    }
}
