package org.eson.fnua.commands;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eson.fnap.name.FlowName;
import org.eson.fnua.agents.AgentSelection;
import org.eson.fnua.agents.AgentSelector;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fnua create flow FLOW}: sends {@code CREATE FLOW}. */
@Command(name = "flow", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Create a flow (CREATE FLOW) on the agent hosting its namespace.",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class CreateFlowCommand extends LeafCommand {

    @Parameters(paramLabel = "FLOW", description = "Flow name, e.g. time.flows.unix.ar; "
            + "a flow:// URI is accepted too.")
    String flow;

    @Mixin
    AgentOption agent;

    @Override
    void run(CommandContext context) throws CommandFailure {
        FlowName name = FlowArgument.flow(flow);
        AgentSelector selector = new AgentSelector(context.config());
        AgentSelection selection = Selection.of(() -> selector
                .forFlow(name, optional(agent.agent)));
        FlowName created = new AgentSession(context).run(selection, "CREATE FLOW " + name.fqdn(),
                client -> client.createFlow(name));
        if (context.settings().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("flow", created.fqdn());
            json.put("result", "created");
            json.put("agent", selection.agent().name());
            context.printJson(json);
        } else {
            context.out().println("Flow " + created.fqdn() + " created successfully");
        }
    }
}
