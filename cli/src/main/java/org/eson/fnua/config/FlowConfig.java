package org.eson.fnua.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eson.fnap.fns.Nameserver;

/**
 * A validated {@code ~/.flow.yml}: agent names are unique, namespaces are unique and valid DNS
 * names, and every namespace refers to a configured agent.
 *
 * @param location   where it was read from
 * @param agents     the agents, in file order
 * @param namespaces  the namespaces, in file order
 * @param nameservers the DNS servers of {@code nameservers:} (ESON addition), in file order;
 *                    empty for the system's
 */
public record FlowConfig(ConfigLocation location, List<AgentConfig> agents,
        List<NamespaceConfig> namespaces, List<Nameserver> nameservers) {

    public FlowConfig {
        Objects.requireNonNull(location, "location");
        agents = List.copyOf(agents);
        namespaces = List.copyOf(namespaces);
        nameservers = List.copyOf(nameservers);
    }

    /**
     * A configuration using the system's name servers.
     *
     * @param location   where it was read from
     * @param agents     the agents
     * @param namespaces the namespaces
     */
    public FlowConfig(ConfigLocation location, List<AgentConfig> agents,
            List<NamespaceConfig> namespaces) {
        this(location, agents, namespaces, List.of());
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
