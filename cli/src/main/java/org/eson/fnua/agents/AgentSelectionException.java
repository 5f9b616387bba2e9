package org.eson.fnua.agents;

/**
 * No agent could be chosen for a command. A usage error (exit code 2): the user has to add
 * {@code --agent} or fix the configuration, and retrying will not help.
 */
public final class AgentSelectionException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message user-facing reason, listing what is configured
     */
    public AgentSelectionException(String message) {
        super(message);
    }
}
