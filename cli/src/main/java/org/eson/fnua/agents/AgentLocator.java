package org.eson.fnua.agents;

import java.util.List;

import org.eson.fnap.client.FnapEndpoint;

/**
 * Finds the network endpoints of a configured agent.
 *
 * <p>{@link ConfiguredAgentLocator} takes {@code host} and {@code port} from the configuration;
 * {@link DnsAgentLocator} finds agents configured without them through DNS SRV records, as the
 * thesis's client does (section 7.4, {@code docs/fns.md}). {@link #standard()} picks between the
 * two per agent.
 */
@FunctionalInterface
public interface AgentLocator {

    /**
     * @param lookup the agent, the command's namespace, how to reach DNS and where to trace
     * @return where to connect to it, in the order to try: the caller falls over to the next
     *         endpoint when one does not accept connections; never empty
     * @throws AgentLookupException when the agent cannot be located
     */
    List<FnapEndpoint> locate(AgentLookup lookup) throws AgentLookupException;

    /**
     * @return the locator {@code fnua} uses: the configuration for agents with {@code host} or
     *         {@code port}, DNS for the others
     */
    static AgentLocator standard() {
        AgentLocator configured = new ConfiguredAgentLocator();
        AgentLocator dns = new DnsAgentLocator();
        return lookup -> lookup.agent().hasConfiguredEndpoint()
                ? configured.locate(lookup) : dns.locate(lookup);
    }
}
