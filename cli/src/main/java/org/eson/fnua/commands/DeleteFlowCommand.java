package org.eson.fnua.commands;

import org.eson.fnap.name.FlowName;
import org.eson.fnua.agents.AgentSelection;

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
        AgentSelection selection = agentFor(context, name, agent);
        new AgentSession(context).run(selection, "DELETE FLOW " + name.fqdn(), client -> {
            client.deleteFlow(name);
            return null;
        });
        printFlowResult(context, name, "deleted", selection);
    }
}
