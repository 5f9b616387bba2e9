package org.eson.fnua.config;

import java.util.Objects;

/**
 * One entry of {@code namespaces:}: which agent hosts a flow namespace.
 *
 * @param name  the namespace, canonical form (lower case, no trailing dot)
 * @param agent the name of the agent hosting it; always one of the configured agents
 * @param entry how messages name this entry
 */
public record NamespaceConfig(String name, String agent, String entry) {

    public NamespaceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(entry, "entry");
    }
}
