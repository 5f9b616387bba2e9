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

/** {@code fnua get flows [NAMESPACE]}: sends {@code GET FLOWS}. */
@Command(name = "flows", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List your flows on an agent (GET FLOWS), one per line.",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class GetFlowsCommand extends LeafCommand {

    @Parameters(paramLabel = "NAMESPACE", arity = "0..1",
            description = "Only the flows of this namespace; it also selects the agent.")
    String namespace;

    @Mixin
    AgentOption agent;

    @Override
    void run(CommandContext context) throws CommandFailure {
        Optional<String> ns = namespace == null
                ? Optional.empty() : Optional.of(FlowArgument.namespace(namespace));
        AgentSelector selector = new AgentSelector(context.config());
        AgentSelection selection = Selection.of(() -> selector
                .forNamespace(ns, optional(agent.agent)));
        String command = "GET FLOWS" + ns.map(n -> " " + n).orElse("");
        List<FlowName> flows = new AgentSession(context).run(selection, command,
                client -> client.getFlows(ns));
        if (context.settings().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("agent", selection.agent().name());
            json.put("namespace", ns);
            json.put("flows", flows.stream().map(FlowName::fqdn).toList());
            context.printJson(json);
        } else {
            flows.forEach(f -> context.out().println(f.fqdn()));
        }
    }
}
