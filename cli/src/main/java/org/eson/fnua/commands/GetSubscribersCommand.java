package org.eson.fnua.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eson.fnap.name.FlowName;
import org.eson.fnua.agents.AgentSelection;
import org.eson.fnua.agents.AgentSelector;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fnua get subscribers [FLOW]}: the owner lists the copies of its flows. */
@Command(name = "subscribers", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "List the subscribers of your flows (GET SUBSCRIBERS), one per line: "
                + "COPY COPY OF FLOW FOR ACCOUNT state=STATE.",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class GetSubscribersCommand extends LeafCommand {

    @Parameters(paramLabel = "FLOW", arity = "0..1",
            description = "Only the copies of this flow; it also selects the agent.")
    String flow;

    @Mixin
    AgentOption agent;

    @Override
    void run(CommandContext context) throws CommandFailure {
        Optional<FlowName> name = flow == null
                ? Optional.empty() : Optional.of(FlowArgument.flow(flow));
        AgentSelector selector = new AgentSelector(context.config());
        AgentSelection selection = Selection.of(() -> name.isPresent()
                ? selector.forFlow(name.get(), optional(agent.agent))
                : selector.forAgentCommand(optional(agent.agent)));
        String command = "GET SUBSCRIBERS" + name.map(n -> " " + n.fqdn()).orElse("");
        List<String> lines = new AgentSession(context).run(selection, command,
                client -> client.expectOk(command).data());
        if (context.settings().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("agent", selection.agent().name());
            json.put("flow", name.map(FlowName::fqdn));
            json.put("subscribers", lines.stream().map(l -> Subscriptions.parseLine(l,
                    List.of("copy", "flow", "account"), List.of("COPY OF", "FOR"))).toList());
            context.printJson(json);
        } else {
            lines.forEach(l -> context.out().println(Text.printable(l)));
        }
    }
}
