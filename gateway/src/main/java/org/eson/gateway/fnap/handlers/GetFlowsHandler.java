package org.eson.gateway.fnap.handlers;

import java.util.Optional;

import org.eson.fnap.command.Command;
import org.eson.fnap.name.FlowName;
import org.eson.fnap.wire.Reply;
import org.eson.gateway.flows.FlowService;
import org.eson.gateway.flows.FlowServiceException;
import org.eson.gateway.fnap.CommandHandler;
import org.eson.gateway.users.User;

/** {@code GET FLOWS [namespace]} -> a DATA block of the user's flows. */
public final class GetFlowsHandler implements CommandHandler<Command.GetFlows> {

    private final FlowService flows;

    public GetFlowsHandler(FlowService flows) {
        this.flows = flows;
    }

    @Override
    public Reply handle(Command.GetFlows command, Optional<User> user) {
        try {
            return Reply.data(flows.list(user.orElseThrow().name(), command.namespace()).stream()
                    .map(FlowName::fqdn)
                    .toList());
        } catch (FlowServiceException e) {
            return FlowReplies.of(e);
        }
    }
}
