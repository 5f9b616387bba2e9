package org.eson.fnua.agents;

/**
 * An agent's endpoint could not be found. Treated like a connection failure (exit code 3),
 * since a DNS lookup that fails now may well succeed later.
 */
public final class AgentLookupException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message user-facing reason
     */
    public AgentLookupException(String message) {
        super(message);
    }
}
