package org.eson.fnua.agents;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eson.fnap.name.DomainNames;
import org.eson.fnap.name.FlowName;
import org.eson.fnap.name.InvalidFlowNameException;
import org.eson.fnua.config.AgentConfig;
import org.eson.fnua.config.FlowConfig;
import org.eson.fnua.config.NamespaceConfig;

/**
 * Chooses the agent for a command: an explicit {@code --agent} first, then the agent of the
 * longest configured namespace containing the flow (so {@code a.team.flows.unix.ar} goes to the
 * agent of {@code team.flows.unix.ar} rather than of {@code flows.unix.ar}), then the only agent
 * if there is just one. Anything else is ambiguous and an error: guessing would send the user's
 * credentials to an agent they did not mean.
 */
public final class AgentSelector {

    private final FlowConfig config;

    /**
     * @param config the configuration to choose from
     */
    public AgentSelector(FlowConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * @param flow      the flow the command is about
     * @param agentName the {@code --agent} option, if given
     * @return the agent
     * @throws AgentSelectionException when no agent fits
     */
    public AgentSelection forFlow(FlowName flow, Optional<String> agentName)
            throws AgentSelectionException {
        return byLongestNamespace(n -> flow.isStrictSubdomainOf(n.name()), agentName,
                "no configured namespace contains flow " + flow);
    }

    /**
     * For {@code get flows [namespace]}: the agent of the namespace (exact or the longest
     * enclosing configured namespace) when one is given.
     *
     * @param namespace the namespace argument, if given
     * @param agentName the {@code --agent} option, if given
     * @return the agent
     * @throws AgentSelectionException when no agent fits
     */
    public AgentSelection forNamespace(Optional<String> namespace, Optional<String> agentName)
            throws AgentSelectionException {
        if (namespace.isEmpty()) {
            return forAgentCommand(agentName);
        }
        String wanted = namespace.get();
        return byLongestNamespace(n -> isSameOrSubdomain(wanted, n.name()), agentName,
                "no configured namespace matches " + wanted);
    }

    /**
     * {@code --agent} if given (noting the matching namespace), else the agent of the longest
     * configured namespace that {@code matches}, else the only agent.
     */
    private AgentSelection byLongestNamespace(java.util.function.Predicate<NamespaceConfig> matches,
                                              Optional<String> agentName, String noMatch)
            throws AgentSelectionException {
        Optional<NamespaceConfig> ns = config.namespaces().stream()
                .filter(matches)
                .max(Comparator.comparingInt(n -> n.name().length()));
        if (agentName.isPresent()) {
            return withNamespaceOf(named(agentName.get()), ns);
        }
        if (ns.isPresent()) {
            return new AgentSelection(agentOf(ns.get()), "namespace " + ns.get().name(),
                    Optional.of(ns.get().name()));
        }
        return onlyAgent().orElseThrow(() -> new AgentSelectionException(
                noMatch + "; " + namespacesListing() + "; use --agent NAME"));
    }

    /**
     * For commands about an agent rather than a flow ({@code get namespaces}).
     *
     * @param agentName the {@code --agent} option, if given
     * @return the agent
     * @throws AgentSelectionException when several agents are configured and none was named
     */
    public AgentSelection forAgentCommand(Optional<String> agentName)
            throws AgentSelectionException {
        if (agentName.isPresent()) {
            return named(agentName.get());
        }
        return onlyAgent().orElseThrow(() -> new AgentSelectionException(
                "several agents are configured (" + agentNames() + "); use --agent NAME"));
    }

    private AgentSelection named(String name) throws AgentSelectionException {
        AgentConfig agent = config.agent(name).orElseThrow(() -> new AgentSelectionException(
                "no agent named '" + name + "' in config file "
                        + config.location().displayName() + " (configured: " + agentNames()
                        + ")"));
        return new AgentSelection(agent, "--agent " + name);
    }

    /** Keeps the namespace for DNS discovery only if the configuration says the agent hosts it. */
    private static AgentSelection withNamespaceOf(AgentSelection selection,
            Optional<NamespaceConfig> ns) {
        if (ns.isPresent() && ns.get().agent().equals(selection.agent().name())) {
            return new AgentSelection(selection.agent(), selection.reason(),
                    Optional.of(ns.get().name()));
        }
        return selection;
    }

    private Optional<AgentSelection> onlyAgent() {
        if (config.agents().size() == 1) {
            return Optional.of(new AgentSelection(config.agents().get(0), "the only agent"));
        }
        return Optional.empty();
    }

    private AgentConfig agentOf(NamespaceConfig ns) {
        // The loader guarantees that every namespace names a configured agent.
        return config.agent(ns.agent()).orElseThrow();
    }

    private String agentNames() {
        return config.agents().stream().map(AgentConfig::name).collect(Collectors.joining(", "));
    }

    private String namespacesListing() {
        if (config.namespaces().isEmpty()) {
            return "config file " + config.location().displayName() + " configures no namespaces";
        }
        return "configured namespaces: " + config.namespaces().stream()
                .map(n -> n.name() + " (" + n.agent() + ")")
                .collect(Collectors.joining(", "));
    }

    /** Label-wise, like {@link FlowName#isStrictSubdomainOf(String)}, but also true for equal. */
    private static boolean isSameOrSubdomain(String name, String domain) {
        String n;
        try {
            n = DomainNames.normalize(name);
        } catch (InvalidFlowNameException e) {
            return false;
        }
        return n.equals(domain)
                || (n.endsWith(domain) && n.charAt(n.length() - domain.length() - 1) == '.');
    }
}
