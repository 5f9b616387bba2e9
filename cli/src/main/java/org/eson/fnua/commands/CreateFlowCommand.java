package org.eson.fnua.commands;

import org.eson.fnap.name.FlowName;
import org.eson.fnua.agents.AgentSelection;

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
        AgentSelection selection = agentFor(context, name, agent);
        FlowName created = new AgentSession(context).run(selection, "CREATE FLOW " + name.fqdn(),
                client -> client.createFlow(name));
        printFlowResult(context, created, "created", selection);
    }
}
