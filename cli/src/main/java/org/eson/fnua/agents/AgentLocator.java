package org.eson.fnua.agents;

import org.eson.fnap.client.FnapEndpoint;
import org.eson.fnua.config.AgentConfig;

/**
 * Finds the network endpoint of a configured agent.
 *
 * <p>An interface because the thesis's client finds agents through DNS SRV records, which ESON
 * will add later; until then {@link ConfiguredAgentLocator} takes {@code host} and {@code port}
 * from the configuration.
 */
@FunctionalInterface
public interface AgentLocator {

    /**
     * @param agent the agent
     * @return where to connect to it
     * @throws AgentLookupException when the agent cannot be located (a transient failure)
     */
    FnapEndpoint locate(AgentConfig agent) throws AgentLookupException;
}
