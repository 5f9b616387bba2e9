package org.eson.fnua.commands;

import org.eson.fnap.name.FlowName;
import org.eson.fnua.agents.AgentSelection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fnua revoke COPY}: the owner of a flow revokes one subscriber's copy with {@code REVOKE}. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Revoke a subscriber's copy of your flow (REVOKE): the copy flow is "
                + "deleted and the subscriber receives no more events.",
        footerHeading = ExitCodes.FOOTER_HEADING, footer = ExitCodes.FOOTER)
final class RevokeCommand extends LeafCommand {

    @Parameters(paramLabel = "COPY", description = "The copy flow, as listed by "
            + "'fnua get subscribers', e.g. ksdj898.time.flows.unix.ar.")
    String flow;

    @Mixin
    AgentOption agent;

    @Override
    void run(CommandContext context) throws CommandFailure {
        FlowName name = FlowArgument.flow(flow);
        AgentSelection selection = agentFor(context, name, agent);
        String command = "REVOKE " + name.fqdn();
        new AgentSession(context).run(selection, command, client -> client.expectOk(command));
        printFlowResult(context, name, "revoked", selection);
    }
}
