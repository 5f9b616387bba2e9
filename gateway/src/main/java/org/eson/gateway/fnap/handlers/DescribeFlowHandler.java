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
    private final java.util.function.BiFunction<String, org.eson.fnap.name.FlowName, Optional<String>> describeAs;

    public DescribeFlowHandler(FlowService flows) {
        this(flows, (user, flow) -> Optional.empty());
    }

    /**
     * @param describeAs for a flow the user does not own, the owner to describe it as when the user
     *                   may read it anyway (a subscriber's copy flow)
     */
    public DescribeFlowHandler(FlowService flows,
                               java.util.function.BiFunction<String, org.eson.fnap.name.FlowName, Optional<String>> describeAs) {
        this.flows = flows;
        this.describeAs = describeAs;
    }

    @Override
    public Reply handle(Command.DescribeFlow command, Optional<User> user) {
        try {
            String name = user.orElseThrow().name();
            java.util.Map<String, String> parameters;
            try {
                parameters = flows.describe(name, command.flow());
            } catch (FlowServiceException e) {
                Optional<String> owner = e.reason() == FlowServiceException.Reason.NO_SUCH_FLOW
                        ? describeAs.apply(name, command.flow()) : Optional.empty();
                if (owner.isEmpty()) {
                    throw e;
                }
                parameters = flows.describe(owner.get(), command.flow());
            }
            var lines = parameters.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toList();
            return Reply.data(lines);
        } catch (FlowServiceException e) {
            return FlowReplies.of(e);
        }
    }
}
