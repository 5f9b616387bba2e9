package org.eson.fnua.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eson.fnap.client.FnapException;
import org.eson.fnap.name.FlowName;
import org.eson.fnap.name.InvalidFlowNameException;
import org.eson.fnap.wire.Reply;
import org.eson.fnua.agents.AgentSelection;
import org.eson.fnua.agents.AgentSelectionException;
import org.eson.fnua.agents.AgentSelector;
import org.eson.fnua.config.AgentConfig;
import org.eson.fnua.config.FlowConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fnua subscribe FLOW [--local LOCAL]}: asks the user's own agent (participant B) to
 * subscribe one of its flows to a remote flow, with {@code SUBSCRIBE FLOW LOCAL LOCAL}, as in the
 * thesis's use case 4.
 */
@Command(name = "subscribe", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Subscribe a local flow to a (remote) flow (SUBSCRIBE ... LOCAL ...): your "
                + "agent asks the flow's FNAA for a copy and bridges it into the local flow.",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class SubscribeCommand extends LeafCommand {

    @Parameters(paramLabel = "FLOW", description = "The flow to subscribe to, e.g. "
            + "time.flows.unix.ar; a flow:// URI is accepted too.")
    String flow;

    @Option(names = "--local", paramLabel = "LOCAL",
            description = "Your flow that receives the events (default: the agent's prefix "
                    + "followed by FLOW, when that is a flow inside one of the agent's "
                    + "configured namespaces).")
    String local;

    @Mixin
    AgentOption agent;

    @Override
    void run(CommandContext context) throws CommandFailure {
        FlowName remote = FlowArgument.flow(flow);
        FlowConfig config = context.config();
        context.debug("Subscribe to flow");
        AgentSelector selector = new AgentSelector(config);
        FlowName localFlow;
        AgentSelection selection;
        if (local != null) {
            localFlow = FlowArgument.flow(local);
            selection = Selection.of(() -> selector.forFlow(localFlow, optional(agent.agent)));
        } else {
            Target target = defaultTarget(config, selector, remote, optional(agent.agent));
            localFlow = target.local();
            selection = target.selection();
        }
        String command = "SUBSCRIBE " + remote.fqdn() + " LOCAL " + localFlow.fqdn();
        Subscribed result = new AgentSession(context).run(selection, command,
                client -> parse(client.expectOk(command), command, localFlow));
        if (context.settings().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("flow", remote.fqdn());
            json.put("local", result.local());
            json.put("copy", result.copy());
            json.put("result", "subscribed");
            json.put("agent", selection.agent().name());
            context.printJson(json);
        } else {
            context.out().println("Flow " + result.local() + " subscription created successfully");
            context.out().println("Server responded: " + result.local() + " SUBSCRIBED TO "
                    + result.copy());
        }
    }

    /** The parsed reply: {@code <local> SUBSCRIBED TO <copy>}. */
    record Subscribed(String local, String copy) {
    }

    private record Target(FlowName local, AgentSelection selection) {
    }

    /**
     * The DATA block of the reply: {@code <local> SUBSCRIBED TO <copy>}; a lone flow name (the
     * form a peer FNAA gets, as in the thesis's telnet transcript) is accepted as the copy.
     */
    static Subscribed parse(Reply reply, String command, FlowName local) throws FnapException {
        if (!reply.isData() || reply.data().isEmpty()) {
            throw new FnapException("The agent sent no subscription in its reply to " + command
                    + ": " + Text.printable(reply.statusLine()));
        }
        String line = reply.data().get(0).strip();
        String[] words = line.split(" +");
        try {
            if (words.length == 4 && words[1].equalsIgnoreCase("SUBSCRIBED")
                    && words[2].equalsIgnoreCase("TO")) {
                return new Subscribed(FlowName.parse(words[0]).fqdn(),
                        FlowName.parse(words[3]).fqdn());
            }
            if (words.length == 1) {
                return new Subscribed(local.fqdn(), FlowName.parse(words[0]).fqdn());
            }
        } catch (InvalidFlowNameException e) {
            // Falls through to the violation below.
        }
        throw new FnapException("The agent sent an unexpected reply to " + command + ": "
                + Text.printable(line));
    }

    /**
     * Without {@code --local}: the agent ({@code --agent}, else the one agent whose prefix makes
     * a flow inside its namespaces, else the only agent) and {@code <prefix><FLOW>}.
     */
    private static Target defaultTarget(FlowConfig config, AgentSelector selector, FlowName remote,
            Optional<String> agentName) throws CommandFailure {
        if (agentName.isEmpty()) {
            List<Target> fitting = new ArrayList<>();
            for (AgentConfig a : config.agents()) {
                Optional<FlowName> candidate = candidate(config, a, remote);
                if (candidate.isPresent()) {
                    fitting.add(new Target(candidate.get(), new AgentSelection(a,
                            "its prefix " + a.prefix().orElseThrow() + " names " + candidate.get()
                                    + " in its namespace", namespaceOf(config, a, candidate.get()))));
                }
            }
            if (fitting.size() == 1) {
                return fitting.get(0);
            }
            if (fitting.size() > 1) {
                throw new CommandFailure(ExitCodes.USAGE, "several agents could hold the local "
                        + "copy of " + remote + " (" + String.join(", ", fitting.stream()
                                .map(t -> t.selection().agent().name()).toList())
                        + "); use --agent NAME or --local FLOW");
            }
        }
        AgentSelection selection;
        try {
            selection = selector.forAgentCommand(agentName);
        } catch (AgentSelectionException e) {
            throw new CommandFailure(ExitCodes.USAGE, "no agent's prefix gives a local flow for "
                    + remote + " inside its namespaces; use --local FLOW (" + e.getMessage() + ")",
                    e);
        }
        AgentConfig a = selection.agent();
        Optional<FlowName> candidate = candidate(config, a, remote);
        if (candidate.isEmpty()) {
            String why = a.prefix().isEmpty()
                    ? "agent " + a.name() + " has no prefix"
                    : "'" + Text.printable(a.prefix().get() + remote.fqdn())
                            + "' is not a flow inside the namespaces of agent " + a.name() + " ("
                            + (config.namespacesOf(a.name()).isEmpty() ? "none configured"
                                    : String.join(", ", config.namespacesOf(a.name()))) + ")";
            throw new CommandFailure(ExitCodes.USAGE, "cannot choose the local flow for "
                    + remote + ": " + why + "; give it with --local FLOW");
        }
        return new Target(candidate.get(), new AgentSelection(a, selection.reason(),
                namespaceOf(config, a, candidate.get())));
    }

    private static Optional<FlowName> candidate(FlowConfig config, AgentConfig a, FlowName remote) {
        if (a.prefix().isEmpty()) {
            return Optional.empty();
        }
        FlowName name;
        try {
            name = FlowName.parse(a.prefix().get() + remote.fqdn());
        } catch (InvalidFlowNameException e) {
            return Optional.empty();
        }
        return namespaceOf(config, a, name).map(ns -> name);
    }

    private static Optional<String> namespaceOf(FlowConfig config, AgentConfig a, FlowName flow) {
        return config.namespacesOf(a.name()).stream()
                .filter(flow::isStrictSubdomainOf)
                .max((x, y) -> Integer.compare(x.length(), y.length()));
    }
}
