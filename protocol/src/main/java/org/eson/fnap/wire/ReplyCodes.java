package org.eson.fnap.wire;

/**
 * FNAP reply codes. The classes follow SMTP (RFC 5321) so that operators can read them at a
 * glance: 2xx success, 4xx transient (retrying later may succeed), 5xx permanent. 220 is used for
 * every success because the thesis transcripts do.
 */
public final class ReplyCodes {

    /** Success, including the greeting, continuations and DATA blocks. */
    public static final int OK = 220;
    /** The server is closing the session (cap reached, idle, shutdown, too many failures). */
    public static final int SHUTTING_DOWN = 421;
    /** The broker behind the gateway could not be reached; nothing was changed. */
    public static final int BROKER_UNAVAILABLE = 451;
    /** The line is not a command (empty, unknown verb, control characters, too long). */
    public static final int SYNTAX_ERROR = 500;
    /** A known command with wrong arguments. */
    public static final int BAD_ARGUMENTS = 501;
    /** The command is not allowed in the session's current state. */
    public static final int BAD_SEQUENCE = 503;
    /** Unsupported SASL mechanism. */
    public static final int UNKNOWN_MECHANISM = 504;
    /** The command needs an authenticated session. */
    public static final int AUTH_REQUIRED = 530;
    /** Credentials were rejected. */
    public static final int AUTH_FAILED = 535;
    /** The flow or namespace does not exist or is not the user's (deliberately indistinguishable). */
    public static final int NO_SUCH_FLOW = 550;
    /** The namespace's flow quota is used up. */
    public static final int QUOTA_EXCEEDED = 552;
    /** The flow name is not a valid flow name. */
    public static final int INVALID_FLOW_NAME = 553;
    /** The broker refused the operation permanently. */
    public static final int TRANSACTION_FAILED = 554;

    private ReplyCodes() {
    }
}
