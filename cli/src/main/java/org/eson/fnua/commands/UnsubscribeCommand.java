package org.eson.fnua.commands;

import org.eson.fnap.name.FlowName;
import org.eson.fnua.agents.AgentSelection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code fnua unsubscribe FLOW}: sends {@code UNSUBSCRIBE}. At the subscriber's agent FLOW is
 * the local flow (the subscription ends and the remote agent is told); at the publisher's agent
 * it is a copy flow (the copy is deleted).
 */
@Command(name = "unsubscribe", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "End a subscription (UNSUBSCRIBE): give your local flow, or a copy flow "
                + "at the agent that made it.",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class UnsubscribeCommand extends LeafCommand {

    @Parameters(paramLabel = "FLOW", description = "The subscribed local flow (or a copy flow).")
    String flow;

    @Mixin
    AgentOption agent;

    @Override
    void run(CommandContext context) throws CommandFailure {
        FlowName name = FlowArgument.flow(flow);
        AgentSelection selection = agentFor(context, name, agent);
        String command = "UNSUBSCRIBE " + name.fqdn();
        new AgentSession(context).run(selection, command, client -> client.expectOk(command));
        printFlowResult(context, name, "unsubscribed", selection);
    }
}
