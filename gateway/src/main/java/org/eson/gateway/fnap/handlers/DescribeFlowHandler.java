package org.eson.gateway.fnap.handlers;

import java.util.Optional;

import org.eson.fnap.command.Command;
import org.eson.fnap.wire.Reply;
import org.eson.gateway.flows.FlowService;
import org.eson.gateway.flows.FlowServiceException;
import org.eson.gateway.fnap.CommandHandler;
import org.eson.gateway.users.User;

/** {@code DESCRIBE FLOW <flow>} -> a DATA block of {@code key=value} connection parameters. */
public final class DescribeFlowHandler implements CommandHandler<Command.DescribeFlow> {

    private final FlowService flows;

    public DescribeFlowHandler(FlowService flows) {
        this.flows = flows;
    }

    @Override
    public Reply handle(Command.DescribeFlow command, Optional<User> user) {
        try {
            var lines = flows.describe(user.orElseThrow().name(), command.flow()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toList();
            return Reply.data(lines);
        } catch (FlowServiceException e) {
            return FlowReplies.of(e);
        }
    }
}
