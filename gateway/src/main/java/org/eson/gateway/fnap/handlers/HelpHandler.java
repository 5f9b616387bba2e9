package org.eson.gateway.fnap.handlers;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eson.fnap.command.Command;
import org.eson.fnap.command.CommandParser;
import org.eson.fnap.wire.Reply;
import org.eson.fnap.wire.ReplyCodes;
import org.eson.gateway.fnap.CommandHandler;
import org.eson.gateway.users.User;

/** {@code HELP [command]} -> the usage lines of every command, or of the commands starting with the topic. */
public final class HelpHandler implements CommandHandler<Command.Help> {

    private final List<String> usage = CommandParser.syntax();

    @Override
    public Reply handle(Command.Help command, Optional<User> user) {
        if (command.topic().isEmpty()) {
            return Reply.data(usage);
        }
        String topic = command.topic().get().toUpperCase(Locale.ROOT);
        List<String> matching = usage.stream()
                .filter(line -> line.equals(topic) || line.startsWith(topic + " "))
                .toList();
        return matching.isEmpty()
                ? Reply.of(ReplyCodes.BAD_ARGUMENTS, "No help for that command")
                : Reply.data(matching);
    }
}
