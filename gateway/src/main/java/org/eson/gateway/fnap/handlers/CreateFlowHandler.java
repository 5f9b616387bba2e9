package org.eson.gateway.fnap.handlers;

import java.util.Optional;

import org.eson.fnap.command.Command;
import org.eson.fnap.wire.Reply;
import org.eson.gateway.flows.FlowService;
import org.eson.gateway.flows.FlowServiceException;
import org.eson.gateway.fnap.CommandHandler;
import org.eson.gateway.users.User;

/** {@code CREATE FLOW <flow>} -> {@code 220 OK <flow>} once the broker resource exists. */
public final class CreateFlowHandler implements CommandHandler<Command.CreateFlow> {

    private final FlowService flows;

    public CreateFlowHandler(FlowService flows) {
        this.flows = flows;
    }

    @Override
    public Reply handle(Command.CreateFlow command, Optional<User> user) {
        try {
            return Reply.ok("OK " + flows.create(user.orElseThrow().name(), command.flow()));
        } catch (FlowServiceException e) {
            return FlowReplies.of(e);
        }
    }
}
