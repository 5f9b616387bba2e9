package org.eson.fnua.agents;

/**
 * An agent's endpoint could not be found. A DNS timeout or server failure is transient (exit
 * code 3: it may well succeed later); a name that is not published, or published wrongly, is
 * permanent (exit code 1: the records or the configuration have to change first).
 */
public final class AgentLookupException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    /**
     * A transient failure.
     *
     * @param message user-facing reason
     */
    public AgentLookupException(String message) {
        this(message, false, null);
    }

    /**
     * @param message   user-facing reason, saying what was looked up and how to fix it
     * @param permanent whether retrying unchanged will fail again
     * @param cause     the underlying failure, for debugging
     */
    public AgentLookupException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    /**
     * @return whether retrying unchanged will fail again
     */
    public boolean isPermanent() {
        return permanent;
    }
}
