package org.eson.gateway.fnap;

import java.util.Optional;

import org.eson.fnap.command.Command;
import org.eson.fnap.wire.Reply;
import org.eson.gateway.users.User;

/**
 * Executes one kind of command. The session has already checked authentication, so {@code user}
 * is empty only for commands that do not require it.
 */
@FunctionalInterface
public interface CommandHandler<C extends Command> {

    Reply handle(C command, Optional<User> user);
}
