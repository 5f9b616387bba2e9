package org.eson.fnua.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated {@code ~/.flow.yml}: agent names are unique, namespaces are unique and valid DNS
 * names, and every namespace refers to a configured agent.
 *
 * @param location   where it was read from
 * @param agents     the agents, in file order
 * @param namespaces the namespaces, in file order
 */
public record FlowConfig(ConfigLocation location, List<AgentConfig> agents,
        List<NamespaceConfig> namespaces) {

    public FlowConfig {
        Objects.requireNonNull(location, "location");
        agents = List.copyOf(agents);
        namespaces = List.copyOf(namespaces);
    }

    /**
     * @param name an agent name
     * @return the agent with that name
     */
    public Optional<AgentConfig> agent(String name) {
        return agents.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * @param agentName an agent name
     * @return the namespaces that agent hosts, in file order
     */
    public List<String> namespacesOf(String agentName) {
        return namespaces.stream()
                .filter(n -> n.agent().equals(agentName))
                .map(NamespaceConfig::name)
                .toList();
    }
}
