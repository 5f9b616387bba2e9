package org.eson.fnua.agents;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.eson.fnap.fns.ResolverSettings;
import org.eson.fnua.config.AgentConfig;

/**
 * What an {@link AgentLocator} is asked.
 *
 * @param agent     the agent to locate
 * @param namespace the configured namespace of the command hosted by that agent, if any; DNS
 *                  discovery looks for {@code _flow._tcp.<namespace>} first
 * @param dns       how to reach DNS ({@code --nameserver}, {@code nameservers:},
 *                  {@code --dns-timeout})
 * @param trace     receives the thesis-format DNS trace lines ({@code -d})
 */
public record AgentLookup(AgentConfig agent, Optional<String> namespace, ResolverSettings dns,
        Consumer<String> trace) {

    public AgentLookup {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(trace, "trace");
    }

    /**
     * @param agent the agent
     * @return a lookup with no namespace, the system resolver and no trace
     */
    public static AgentLookup of(AgentConfig agent) {
        return new AgentLookup(agent, Optional.empty(), ResolverSettings.defaults(), line -> { });
    }
}
