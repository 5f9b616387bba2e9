package org.eson.fnua.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eson.fnua.agents.AgentSelection;
import org.eson.fnua.agents.AgentSelector;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fnua get subscriptions}: sends {@code GET SUBSCRIPTIONS} to the subscriber's agent. */
@Command(name = "subscriptions", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "List your subscriptions on an agent (GET SUBSCRIPTIONS), one per line: "
                + "LOCAL SUBSCRIBED TO COPY state=STATE remote=FLOW.",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class GetSubscriptionsCommand extends LeafCommand {

    @Mixin
    AgentOption agent;

    @Override
    void run(CommandContext context) throws CommandFailure {
        AgentSelector selector = new AgentSelector(context.config());
        AgentSelection selection = Selection.of(() -> selector
                .forAgentCommand(optional(agent.agent)));
        String command = "GET SUBSCRIPTIONS";
        List<String> lines = new AgentSession(context).run(selection, command,
                client -> client.expectOk(command).data());
        if (context.settings().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("agent", selection.agent().name());
            json.put("subscriptions", lines.stream().map(l -> Subscriptions.parseLine(l,
                    List.of("local", "copy"), List.of("SUBSCRIBED TO"))).toList());
            context.printJson(json);
        } else {
            lines.forEach(l -> context.out().println(Text.printable(l)));
        }
    }
}
