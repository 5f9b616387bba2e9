package org.eson.gateway.fnap.handlers;

import java.util.Optional;

import org.eson.fnap.command.Command;
import org.eson.fnap.wire.Reply;
import org.eson.gateway.flows.FlowService;
import org.eson.gateway.fnap.CommandHandler;
import org.eson.gateway.users.User;

/** {@code GET NAMESPACES} -> a DATA block of the namespaces the user owns. */
public final class GetNamespacesHandler implements CommandHandler<Command.GetNamespaces> {

    private final FlowService flows;

    public GetNamespacesHandler(FlowService flows) {
        this.flows = flows;
    }

    @Override
    public Reply handle(Command.GetNamespaces command, Optional<User> user) {
        return Reply.data(flows.namespacesOf(user.orElseThrow().name()));
    }
}
