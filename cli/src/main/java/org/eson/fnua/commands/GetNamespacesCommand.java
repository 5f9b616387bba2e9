package org.eson.fnua.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eson.fnua.agents.AgentSelection;
import org.eson.fnua.agents.AgentSelector;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fnua get namespaces}: sends {@code GET NAMESPACES}. */
@Command(name = "namespaces", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "List your flow namespaces on an agent (GET NAMESPACES), one per line.",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class GetNamespacesCommand extends LeafCommand {

    @Mixin
    AgentOption agent;

    @Override
    void run(CommandContext context) throws CommandFailure {
        AgentSelector selector = new AgentSelector(context.config());
        AgentSelection selection = Selection.of(() -> selector
                .forAgentCommand(optional(agent.agent)));
        List<String> namespaces = new AgentSession(context).run(selection, "GET NAMESPACES",
                client -> client.getNamespaces());
        if (context.settings().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("agent", selection.agent().name());
            json.put("namespaces", namespaces);
            context.printJson(json);
        } else {
            namespaces.forEach(n -> context.out().println(Text.printable(n)));
        }
    }
}
