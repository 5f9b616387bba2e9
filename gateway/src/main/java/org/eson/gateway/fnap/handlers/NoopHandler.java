package org.eson.gateway.fnap.handlers;

import java.util.Optional;

import org.eson.fnap.command.Command;
import org.eson.fnap.wire.Reply;
import org.eson.gateway.fnap.CommandHandler;
import org.eson.gateway.users.User;

/** {@code NOOP} -> {@code 220 OK}; keeps a session alive and measures round trips. */
public final class NoopHandler implements CommandHandler<Command.Noop> {

    private static final Reply OK = Reply.ok("OK");

    @Override
    public Reply handle(Command.Noop command, Optional<User> user) {
        return OK;
    }
}
