package org.eson.gateway.fnap.handlers;

import java.util.Optional;

import org.eson.fnap.command.Command;
import org.eson.fnap.wire.Reply;
import org.eson.gateway.flows.FlowService;
import org.eson.gateway.flows.FlowServiceException;
import org.eson.gateway.fnap.CommandHandler;
import org.eson.gateway.users.User;

/** {@code DELETE FLOW <flow>} -> {@code 220 OK <flow>} once the broker resource and the entry are gone. */
public final class DeleteFlowHandler implements CommandHandler<Command.DeleteFlow> {

    private final FlowService flows;

    public DeleteFlowHandler(FlowService flows) {
        this.flows = flows;
    }

    @Override
    public Reply handle(Command.DeleteFlow command, Optional<User> user) {
        try {
            return Reply.ok("OK " + flows.delete(user.orElseThrow().name(), command.flow()));
        } catch (FlowServiceException e) {
            return FlowReplies.of(e);
        }
    }
}
