package org.eson.fnua.agents;

import java.util.Objects;

import org.eson.fnua.config.AgentConfig;

/**
 * A chosen agent and why it was chosen; the reason is shown with {@code --debug}, because a
 * surprising choice (a namespace the user forgot about) is otherwise hard to diagnose.
 *
 * @param agent  the agent
 * @param reason for example {@code namespace flows.unix.ar}
 */
public record AgentSelection(AgentConfig agent, String reason) {

    public AgentSelection {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(reason, "reason");
    }
}
