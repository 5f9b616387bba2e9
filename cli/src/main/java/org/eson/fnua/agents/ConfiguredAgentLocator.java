package org.eson.fnua.agents;

import java.util.List;

import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnua.config.AgentConfig;

/**
 * Locates agents from the configuration alone: {@code host} (else the FQDN), {@code port} (else
 * {@value AgentConfig#DEFAULT_PORT}) and {@code tls}. No DNS queries of its own (the host name is
 * resolved by the system when connecting).
 */
public final class ConfiguredAgentLocator implements AgentLocator {

    @Override
    public List<FnapEndpoint> locate(AgentLookup lookup) {
        return List.of(locate(lookup.agent()));
    }

    /**
     * @param agent the agent
     * @return its configured endpoint
     */
    public FnapEndpoint locate(AgentConfig agent) {
        return new FnapEndpoint(agent.hostOrFqdn(), agent.portOrDefault(), agent.tls());
    }
}
