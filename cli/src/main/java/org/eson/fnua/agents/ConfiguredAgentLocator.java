package org.eson.fnua.agents;

import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnua.config.AgentConfig;

/**
 * Locates agents from the configuration alone: {@code host} (else the FQDN), {@code port} (else
 * {@value AgentConfig#DEFAULT_PORT}) and {@code tls}. No network access.
 */
public final class ConfiguredAgentLocator implements AgentLocator {

    @Override
    public FnapEndpoint locate(AgentConfig agent) {
        return new FnapEndpoint(agent.hostOrFqdn(), agent.portOrDefault(), agent.tls());
    }
}
