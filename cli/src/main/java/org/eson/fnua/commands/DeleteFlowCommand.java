package org.eson.fnua.commands;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eson.fnap.name.FlowName;
import org.eson.fnua.agents.AgentSelection;
import org.eson.fnua.agents.AgentSelector;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fnua delete flow FLOW}: sends {@code DELETE FLOW}. */
@Command(name = "flow", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Delete a flow (DELETE FLOW).",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class DeleteFlowCommand extends LeafCommand {

    @Parameters(paramLabel = "FLOW", description = "Flow name, e.g. time.flows.unix.ar.")
    String flow;

    @Mixin
    AgentOption agent;

    @Override
    void run(CommandContext context) throws CommandFailure {
        FlowName name = FlowArgument.flow(flow);
        AgentSelector selector = new AgentSelector(context.config());
        AgentSelection selection = Selection.of(() -> selector
                .forFlow(name, optional(agent.agent)));
        new AgentSession(context).run(selection, "DELETE FLOW " + name.fqdn(), client -> {
            client.deleteFlow(name);
            return null;
        });
        if (context.settings().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("flow", name.fqdn());
            json.put("result", "deleted");
            json.put("agent", selection.agent().name());
            context.printJson(json);
        } else {
            context.out().println("Flow " + name.fqdn() + " deleted successfully");
        }
    }
}
