package org.eson.fnua.agents;

import java.util.Objects;
import java.util.Optional;

import org.eson.fnua.config.AgentConfig;

/**
 * A chosen agent and why it was chosen; the reason is shown with {@code --debug}, because a
 * surprising choice (a namespace the user forgot about) is otherwise hard to diagnose.
 *
 * <p>The namespace, when the command is about one that the configuration says this agent hosts,
 * is where DNS discovery looks first ({@code _flow._tcp.<namespace>} SRV) for an agent configured
 * without {@code host} and {@code port}.
 *
 * @param agent     the agent
 * @param reason    for example {@code namespace flows.unix.ar}
 * @param namespace the configured namespace of the command hosted by this agent, if any
 */
public record AgentSelection(AgentConfig agent, String reason, Optional<String> namespace) {

    public AgentSelection {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * A selection not tied to a namespace.
     *
     * @param agent  the agent
     * @param reason why it was chosen
     */
    public AgentSelection(AgentConfig agent, String reason) {
        this(agent, reason, Optional.empty());
    }
}
